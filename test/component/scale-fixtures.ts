// Large and Sentinel snapshots for the scale tests, built from INFO text and Sentinel replies captured
// from real labs (test/fixtures/tui-*.txt, sentinel-*.json); only the addresses are rewritten.
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {History} from '../../source/model/history.js';
import type {Snapshot} from '../../source/model/snapshot.js';
import type {Address, Group, Link, ParsedInfo, SentinelView, Topology, TopologyNode} from '../../source/model/types.js';
import {parseInfo} from '../../source/redis/parse-info.js';
import {shardGroups} from '../../source/cluster/fetch.js';
import {parseClusterShards} from '../../source/cluster/parse.js';
import {fieldsToRecord, parseInfoSentinel, recordsOf} from '../../source/sentinel/parse.js';
import {buildSnapshot} from './fixtures.js';

const info = (name: string): ParsedInfo => parseInfo(readFileSync(fileURLToPath(new URL(`../fixtures/${name}.txt`, import.meta.url)), 'utf8'));
const json = (name: string): Record<string, unknown> => JSON.parse(readFileSync(fileURLToPath(new URL(`../fixtures/${name}.json`, import.meta.url)), 'utf8')) as Record<string, unknown>;

/** Node i of group g: one /24 per group so a filter such as "10.1.17." names exactly one group. */
export const scaleAddress = (g: number, i: number): Address => `10.1.${g}.${i + 1}:6379`;

export interface ScaleScenario {
	readonly nodes: number;
	/** Group whose second follower carries the lagging capture (SIGSTOPped under writes, 328 KB behind). */
	readonly laggingGroup: number;
	/** Group whose first follower does not answer. */
	readonly downGroup: number;
}

/** `nodes` nodes in groups of one leader and two followers (the last group may be smaller), every 1 s. */
export function buildScaleSnapshot(scenario: ScaleScenario): Snapshot {
	const at = Date.now();
	const steady = [info('tui-leader'), info('tui-follower1'), info('tui-follower2')];
	const lagging = [info('tui-leader-lagging'), info('tui-follower1-lagging'), info('tui-follower2-lagging')];
	const history = new History();
	const nodes: Record<Address, TopologyNode> = {};
	const links: Link[] = [];
	const groups: Group[] = [];
	const groupCount = Math.ceil(scenario.nodes / 3);
	for (let g = 0; g < groupCount; g++) {
		const size = Math.min(3, scenario.nodes - g * 3);
		const infos = g === scenario.laggingGroup ? lagging : steady;
		const leader = scaleAddress(g, 0);
		const members: Address[] = [];
		const leaderOffset = Number(infos[0]!.fields.master_repl_offset);
		for (let i = 0; i < size; i++) {
			const address = scaleAddress(g, i);
			members.push(address);
			const down = g === scenario.downGroup && i === 1;
			const sample = down ? {address, at, reachable: false, error: {kind: 'timeout' as const, message: 'no reply within 1000 ms'}} : {address, at, rttMs: 0.4, reachable: true, info: infos[i]!};
			nodes[address] = {
				address,
				sample,
				role: i === 0 ? 'master' : 'replica',
				product: 'redis',
				version: infos[i]!.fields.redis_version!,
				...(i === 0 ? {writeRateBytesPerSec: 2_100} : {masterAddress: leader}),
				groupId: `g${g}`,
				discoveredVia: i === 0 ? 'seed' : `replica-of ${leader}`,
			};
			if (i === 0) continue;
			// The leader's slaveN line for this follower: its last acknowledged offset and ack age.
			const line = infos[0]!.replicas[i - 1]!;
			const lagSeconds = g === scenario.laggingGroup && i === 2 ? 3.5 : 0;
			for (let k = 0; k < 8; k++) history.record(address, 'lagSeconds', {t: at - (8 - k) * 1000, v: lagSeconds * (k / 7)});
			links.push({
				leader,
				follower: address,
				state: line.state,
				linkStatus: down ? 'down' : 'up',
				lagBytes: Math.max(0, leaderOffset - line.offset),
				applyBacklogBytes: null,
				lagSeconds,
				ackAgeSeconds: line.lag,
			});
		}
		groups.push({id: `g${g}`, kind: 'replication', leader, members, splitBrain: false, masters: [leader]});
	}
	const topology: Topology = {at, nodes, links, groups, sentinels: []};
	return {tick: 30, startedAt: at - 30_000, lastTickAt: at, lastTickMs: 30, intervalMs: 1000, paused: false, topology, history, checks: [], events: []};
}

const records = (value: unknown) => recordsOf(value);

export type SentinelCase = 'healthy' | 'noquorum' | 'tilt' | 'sdown';

/** The three-node snapshot of fixtures.ts, watched by three Sentinels as captured in one of the Sentinel labs. */
export function buildSentinelSnapshot(which: SentinelCase): Snapshot {
	const base = buildSnapshot();
	const leader = base.topology.groups[0]!.leader!;
	const healthy = json('sentinel-healthy');
	const addresses = ['127.0.0.1:26379', '127.0.0.1:26380', '127.0.0.1:26381'];
	const view = (address: string, overrides: Partial<SentinelView> = {}): SentinelView => ({
		address,
		reachable: true,
		masterName: 'mymaster',
		master: fieldsToRecord(healthy.master),
		replicas: records(healthy.replicas),
		sentinels: records(healthy.sentinels),
		ckquorum: healthy.ckquorum as string,
		masterAddr: leader,
		tilt: parseInfoSentinel(healthy.infoSentinel).tilt,
		...overrides,
	});
	let sentinels: SentinelView[];
	switch (which) {
		case 'healthy':
			sentinels = addresses.map(a => view(a));
			break;
		case 'noquorum': {
			const noquorum = json('sentinel-noquorum');
			const stopped = {kind: 'timeout' as const, message: 'no reply within 1000 ms'};
			sentinels = [
				view(addresses[0]!, {master: fieldsToRecord(noquorum.master), sentinels: records(noquorum.sentinels), ckquorum: noquorum.ckquorum as string}),
				{address: addresses[1]!, reachable: false, error: stopped, masterName: 'mymaster'},
				{address: addresses[2]!, reachable: false, error: stopped, masterName: 'mymaster'},
			];
			break;
		}
		case 'tilt':
			sentinels = [view(addresses[0]!, {tilt: parseInfoSentinel(json('sentinel-tilt').infoSentinel).tilt}), view(addresses[1]!), view(addresses[2]!)];
			break;
		case 'sdown':
			sentinels = [view(addresses[0]!, {master: fieldsToRecord(json('sentinel-failover').masterDuringFailover)}), view(addresses[1]!), view(addresses[2]!)];
			break;
	}
	return {...base, topology: {...base.topology, sentinels}};
}

/** The 3-shard cluster of test/fixtures/cluster-shards-replica-failed.json (one replica killed), INFO from the tui captures. */
export function buildClusterSnapshot(): Snapshot {
	const at = Date.now();
	const shards = parseClusterShards(json('cluster-shards-replica-failed').resp2);
	const leaderInfo = info('tui-leader');
	const followerInfo = info('tui-follower1');
	const nodes: Record<Address, TopologyNode> = {};
	const links: Link[] = [];
	const groups = shardGroups(shards);
	for (const shard of shards) {
		const group = groups.find(g => g.id === `shard:${shard.id}`)!;
		for (const n of shard.nodes) {
			const failed = n.health === 'fail';
			const master = n.role === 'master';
			nodes[n.address] = {
				address: n.address,
				sample: failed ? {address: n.address, at, reachable: false, error: {kind: 'refused', message: 'connection refused'}} : {address: n.address, at, rttMs: 0.3, reachable: true, info: master ? leaderInfo : followerInfo},
				role: master ? 'master' : 'replica',
				product: 'redis',
				version: leaderInfo.fields.redis_version!,
				...(master ? {} : {masterAddress: group.leader!}),
				groupId: group.id,
				discoveredVia: 'cluster',
			};
			if (master) continue;
			const line = leaderInfo.replicas[0]!;
			links.push({leader: group.leader!, follower: n.address, state: failed ? 'down' : line.state, linkStatus: failed ? 'down' : 'up', lagBytes: Number(leaderInfo.fields.master_repl_offset) - line.offset, applyBacklogBytes: null, lagSeconds: 0, ackAgeSeconds: line.lag});
		}
	}
	const topology: Topology = {at, nodes, links, groups, sentinels: []};
	return {tick: 5, startedAt: at - 5000, lastTickAt: at, lastTickMs: 2, intervalMs: 1000, paused: false, topology, history: new History(), checks: [], events: []};
}
