// Snapshots for component tests, built from INFO text captured from a real lab
// (test/fixtures/tui-*.txt: redis-server 7.0.15, one leader and two followers).
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {History} from '../../source/model/history.js';
import type {MonitorHandle, Snapshot} from '../../source/model/snapshot.js';
import type {Address, CheckResult, Link, NodeSample, ParsedInfo, TimelineEvent, Topology, TopologyNode} from '../../source/model/types.js';
import {parseInfo} from '../../source/redis/parse-info.js';

const fixture = (name: string): ParsedInfo => parseInfo(readFileSync(fileURLToPath(new URL(`../fixtures/${name}.txt`, import.meta.url)), 'utf8'));

const host = (info: ParsedInfo): Address => `127.0.0.1:${info.fields.tcp_port}`;

export interface Scenario {
	/** Captured while follower2 was SIGSTOPped under writes (leader saw it 336 KB behind). */
	readonly lagging?: boolean;
	/** follower2 does not answer (as while it is stopped). */
	readonly follower2Unreachable?: boolean;
	readonly tick?: number;
	readonly paused?: boolean;
	readonly checks?: readonly CheckResult[];
	readonly events?: readonly TimelineEvent[];
	/** When the tick completed (default: now, so the UI sees a fresh snapshot). */
	readonly at?: number;
}

export function buildSnapshot(scenario: Scenario = {}): Snapshot {
	const lagging = scenario.lagging === true;
	const tick = scenario.tick ?? 10;
	const at = scenario.at ?? Date.now();
	const infos = [fixture(lagging ? 'tui-leader-lagging' : 'tui-leader'), fixture(lagging ? 'tui-follower1-lagging' : 'tui-follower1'), fixture(lagging ? 'tui-follower2-lagging' : 'tui-follower2')];
	const [leader, f1, f2] = infos.map(host) as [Address, Address, Address];
	const leaderOffset = Number(infos[0]!.fields.master_repl_offset);
	const history = new History();
	const nodes: Record<Address, TopologyNode> = {};
	const links: Link[] = [];
	infos.forEach((info, i) => {
		const address = host(info);
		const unreachable = i === 2 && scenario.follower2Unreachable === true;
		const sample: NodeSample = unreachable
			? {address, at, reachable: false, error: {kind: 'timeout', message: 'no reply within 1000 ms'}}
			: {address, at, rttMs: 0.4, reachable: true, info};
		if (sample.reachable) history.addSample(sample);
		// The stopped follower last answered 12 s ago.
		else history.addSample({address, at: at - 12_000, rttMs: 0.4, reachable: true, info});
		const role = info.fields.role === 'master' ? 'master' : 'replica';
		nodes[address] = {
			address,
			sample,
			role,
			product: 'redis',
			version: info.fields.redis_version!,
			...(role === 'replica' ? {masterAddress: `${info.fields.master_host}:${info.fields.master_port}`} : {}),
			groupId: 'g1',
			discoveredVia: i === 0 ? 'seed' : `replica-of ${leader}`,
			...(role === 'master' ? {writeRateBytesPerSec: lagging ? 98_000 : 2_100} : {}),
		};
		if (role === 'replica') {
			const line = infos[0]!.replicas.find(r => r.port === Number(info.fields.tcp_port));
			const ackedOffset = unreachable || !info.fields.slave_repl_offset ? line?.offset ?? 0 : Number(info.fields.slave_repl_offset);
			// The leader's view is what the stopped follower could not update.
			const behind = lagging && i === 2 ? leaderOffset - (line?.offset ?? 0) : leaderOffset - ackedOffset;
			const lagSeconds = lagging && i === 2 ? 3.5 : 0;
			for (let k = 0; k < 8; k++) history.record(address, 'lagSeconds', {t: at - (8 - k) * 1000, v: lagging && i === 2 ? k * 0.5 : 0});
			// Bytes behind climbing to the captured 328 KB over 60 s (the sparkline and the lag chart).
			for (let k = 0; k <= 60; k++) history.record(address, 'lagBytes', {t: at - (60 - k) * 1000, v: lagging && i === 2 ? Math.round((behind * k) / 60) : 0});
			links.push({
				leader,
				follower: address,
				state: line?.state ?? 'online',
				linkStatus: unreachable ? 'down' : 'up',
				lagBytes: Math.max(0, behind),
				applyBacklogBytes: unreachable ? null : Number(info.fields.slave_read_repl_offset) - Number(info.fields.slave_repl_offset),
				lagSeconds,
				ackAgeSeconds: line?.lag ?? null,
			});
		}
	});
	const topology: Topology = {
		at,
		nodes,
		links,
		groups: [{id: 'g1', kind: 'replication', leader, members: [leader, f1, f2], splitBrain: false, masters: [leader]}],
		sentinels: [],
	};
	return {
		tick,
		startedAt: at - tick * 1000,
		lastTickAt: at,
		lastTickMs: 3,
		intervalMs: 1000,
		paused: scenario.paused === true,
		topology,
		history,
		checks: scenario.checks ?? sampleChecks(topology),
		events: scenario.events ?? [],
	};
}

/** A few checks whose evidence quotes the captured values. */
export function sampleChecks(topology: Topology): CheckResult[] {
	const leader = topology.groups[0]!.leader!;
	const link2 = topology.links[1]!;
	return [
		{id: '1.2.4', section: '1.2', title: 'Replication delay', status: link2.lagBytes! > 100_000 ? 'warn' : 'pass', summary: `worst follower ${link2.lagBytes} bytes behind`, evidence: topology.links.map(l => ({node: l.follower, text: `${l.lagBytes} bytes behind, ${l.lagSeconds}s`})), recommendation: 'Investigate replica CPU and network.', remediations: []},
		{id: '1.1.1', section: '1.1', title: 'Roles identified, one leader per group', status: 'pass', summary: `one leader: ${leader}`, evidence: [{node: leader, text: 'role:master, connected_slaves:2'}], remediations: []},
		{id: '1.1.2', section: '1.1', title: 'Replicas are read-only', status: 'pass', summary: 'slave_read_only:1 on every replica', evidence: [], remediations: []},
		{id: '1.3.1', section: '1.3', title: '≥ 2 online replicas', status: 'pass', summary: '2 online replicas', evidence: [{node: leader, text: 'connected_slaves:2'}], remediations: []},
		{
			id: '2.2.2',
			section: '2.2',
			title: 'Diskless delay',
			status: 'warn',
			summary: 'repl-diskless-sync-delay 0 with 2 replicas',
			evidence: [{node: leader, text: 'repl-diskless-sync-delay 0'}],
			recommendation: 'Set repl-diskless-sync-delay to 5 so one fork serves every replica.',
			remediations: [{node: leader, command: ['CONFIG', 'SET', 'repl-diskless-sync-delay', '5'], current: '0', proposed: '5', risk: 'low', parameter: 'repl-diskless-sync-delay'}],
		},
		{id: '1.2.10', section: '1.2', title: 'Ordering probe', status: 'info', summary: 'sorts after 1.2.4', evidence: [], remediations: []},
	];
}

/** A MonitorHandle driven by the test: publish() plays the engine's tick. */
export class TestMonitor implements MonitorHandle {
	private listeners = new Set<(s: Snapshot) => void>();
	stopped = 0;
	pausedCalls: boolean[] = [];

	constructor(private snapshot: Snapshot) {}

	getSnapshot(): Snapshot {
		return this.snapshot;
	}

	subscribe(listener: (s: Snapshot) => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	setPaused(paused: boolean): void {
		this.pausedCalls.push(paused);
		this.publish({...this.snapshot, paused});
	}

	async stop(): Promise<void> {
		this.stopped++;
	}

	publish(snapshot: Snapshot): void {
		this.snapshot = snapshot;
		for (const l of this.listeners) l(snapshot);
	}
}
