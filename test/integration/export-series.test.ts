import {rmSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createMonitor, type Monitor} from '../../source/engine/monitor.js';
import {createExporter, type Exporter} from '../../source/export/metrics.js';
import {startLab, type Lab, type LabProcess} from '../../source/lab/lab.js';
import {startLoad, type LoadGenerator} from '../../source/lab/load.js';
import {findFreePort, waitFor} from '../../source/lab/processes.js';
import {viewOf} from '../../source/model/node-view.js';
import type {Snapshot} from '../../source/model/snapshot.js';
import {options, tickUntil} from './monitor-helpers.js';

// The states in which the lag series used to vanish (issue 27): each is driven on real servers and
// the exported numbers are compared with what the servers themselves say.

interface Sample {
	labels: Record<string, string>;
	value: number;
}

function samples(text: string, name: string): Sample[] {
	const out: Sample[] = [];
	for (const line of text.split('\n')) {
		const m = new RegExp(`^${name}\\{([^}]*)\\} (\\S+)$`).exec(line);
		if (!m) continue;
		const labels = Object.fromEntries([...m[1]!.matchAll(/(\w+)="([^"]*)"/g)].map(l => [l[1]!, l[2]!]));
		out.push({labels, value: Number(m[2])});
	}
	return out;
}

const offsetOf = async (node: LabProcess, field = 'master_repl_offset') => Number(new RegExp(`${field}:(\\d+)`).exec(await node.command('INFO', 'replication'))?.[1]);

describe('exported lag series stay when a follower is cut off', () => {
	let lab: Lab;
	let load: LoadGenerator;
	let monitor: Monitor;
	let current: Snapshot;
	let exporter: Exporter;

	/** Ticks until the snapshot satisfies the predicate; returns the metrics text of that snapshot. */
	async function scrapeWhen(predicate: (s: Snapshot) => boolean, timeoutMs = 15_000): Promise<string> {
		current = await tickUntil(monitor, s => {
			exporter.observe(s);
			return predicate(s);
		}, timeoutMs);
		expect(predicate(current)).toBe(true);
		return exporter.metrics();
	}
	const linkOf = (s: Snapshot, follower: string) => s.topology.links.find(l => l.follower === follower);

	beforeAll(async () => {
		// repl-timeout 3: the leader drops a silent follower's line after 3 s.
		lab = await startLab({followers: 2, sentinels: 0, nodeArgs: ['--repl-timeout', '3']});
		load = startLoad(lab, {rate: 300});
		monitor = createMonitor(options(lab.leader.address));
		exporter = createExporter({snapshot: () => current});
		await scrapeWhen(s => s.topology.links.length === 2 && s.topology.links.every(l => l.lagBytes !== null));
	}, 30_000);

	afterAll(async () => {
		for (const f of lab?.followers ?? []) f.resume();
		await monitor?.stop();
		await load?.stop();
		await lab?.stop();
	});

	it('a follower SIGSTOPped past repl-timeout: bytes behind stays, state unreachable, from its last offset', async () => {
		const follower = lab.followers[0]!;
		await scrapeWhen(s => (viewOf(s.topology.nodes[follower.address]?.sample)?.appliedOffset ?? 0) > 0);
		const before = await offsetOf(follower);
		follower.pause();
		try {
			const gone = await waitFor(async () => !(await lab.leader.command('INFO', 'replication')).includes(`port=${follower.port},`), 10_000, 200);
			expect(gone).toBe(true);
			// The leader no longer lists it and the follower does not answer: the link is measured from
			// the last offset the leader saw acked (issue 25's 'since last ack').
			const text = await scrapeWhen(s => !s.topology.nodes[follower.address]!.sample.reachable && linkOf(s, follower.address)?.lagBytes != null);
			const leaderNow = await offsetOf(lab.leader);
			const [behind] = samples(text, 'replwatch_link_bytes_behind').filter(s => s.labels.follower === follower.address);
			expect(behind?.labels).toMatchObject({leader: lab.leader.address, state: 'unreachable'});
			const truth = leaderNow - before;
			expect(behind!.value).toBeGreaterThan(0);
			// Within the writes of a tick or two of the leader's own offset minus the follower's.
			expect(Math.abs(behind!.value - truth)).toBeLessThan(Math.max(64 * 1024, truth * 0.1));
			const seconds = samples(text, 'replwatch_link_seconds_behind').find(s => s.labels.follower === follower.address);
			expect(seconds?.value).toBeGreaterThan(2);
		} finally {
			follower.resume();
		}
		await scrapeWhen(s => linkOf(s, follower.address)?.linkStatus === 'up' && linkOf(s, follower.address)?.lagBytes !== null);
	}, 40_000);

	it('a follower pointed at a closed port: bytes behind against its former leader, state link_down', async () => {
		const follower = lab.followers[1]!;
		const closed = await findFreePort();
		expect(await follower.command('REPLICAOF', '127.0.0.1', String(closed))).toContain('OK');
		try {
			await new Promise(resolve => setTimeout(resolve, 2000));
			const text = await scrapeWhen(s => linkOf(s, follower.address)?.linkStatus === 'down');
			const [leaderNow, own] = [await offsetOf(lab.leader), await offsetOf(follower)];
			const [behind] = samples(text, 'replwatch_link_bytes_behind').filter(s => s.labels.follower === follower.address);
			expect(behind?.labels).toMatchObject({leader: lab.leader.address, state: 'link_down'});
			const truth = leaderNow - own;
			expect(truth).toBeGreaterThan(0);
			expect(Math.abs(behind!.value - truth)).toBeLessThan(Math.max(64 * 1024, truth * 0.1));
			expect(samples(text, 'replwatch_link_up').find(s => s.labels.follower === follower.address)?.value).toBe(0);
		} finally {
			await follower.command('REPLICAOF', '127.0.0.1', String(lab.leader.port));
		}
		await scrapeWhen(s => linkOf(s, follower.address)?.linkStatus === 'up' && linkOf(s, follower.address)?.lagBytes !== null && linkOf(s, follower.address)?.leader === lab.leader.address);
	}, 40_000);

	it('a follower restarted empty, in a full sync slowed on the leader: state sync, sync in progress 1, bytes behind from its last offset', async () => {
		const follower = lab.followers[0]!;
		// 2000 keys saved 3 ms apart: the RDB for the sync takes about 6 s.
		expect(await lab.leader.command('DEBUG', 'POPULATE', '2000', 'series')).toContain('OK');
		expect(await lab.leader.command('CONFIG', 'SET', 'repl-diskless-sync', 'no')).toContain('OK');
		expect(await lab.leader.command('CONFIG', 'SET', 'rdb-key-save-delay', '3000')).toContain('OK');
		await follower.kill9();
		const leaderAtKill = await offsetOf(lab.leader);
		// The RDB of its last full sync would let it come back with a partial resync: it restarts empty.
		rmSync(join(follower.dir, follower.name, 'dump.rdb'), {force: true});
		await scrapeWhen(s => !s.topology.nodes[follower.address]!.sample.reachable);
		await follower.start();
		// Once the leader has written past where the follower stopped, it is strictly behind.
		const text = await scrapeWhen(s => linkOf(s, follower.address)?.syncInProgress === true && (viewOf(s.topology.nodes[lab.leader.address]?.sample)?.masterReplOffset ?? 0) > leaderAtKill);
		expect(await follower.command('INFO', 'replication')).toContain('master_sync_in_progress:1');
		const [behind] = samples(text, 'replwatch_link_bytes_behind').filter(s => s.labels.follower === follower.address);
		expect(behind?.labels).toMatchObject({leader: lab.leader.address, state: 'sync'});
		expect(behind!.value).toBeGreaterThan(0);
		expect(samples(text, 'replwatch_master_sync_in_progress').find(s => s.labels.follower === follower.address)?.value).toBe(1);
		await lab.leader.command('CONFIG', 'SET', 'rdb-key-save-delay', '0');
		await scrapeWhen(s => linkOf(s, follower.address)?.linkStatus === 'up' && linkOf(s, follower.address)?.lagBytes !== null, 20_000);
	}, 45_000);

	it('the leader killed (-9): its role is former_master, no node reads master, the followers keep a link_down series', async () => {
		await lab.leader.kill9();
		const text = await scrapeWhen(s => !s.topology.nodes[lab.leader.address]!.sample.reachable && s.topology.links.every(l => l.linkStatus === 'down' && l.linkDownSinceSeconds !== undefined));
		const roles = samples(text, 'replwatch_node_role');
		expect(roles.find(r => r.labels.node === lab.leader.address)?.labels.role).toBe('former_master');
		expect(roles.filter(r => r.labels.role === 'master' && r.value === 1)).toEqual([]);
		const behind = samples(text, 'replwatch_link_bytes_behind');
		const downSince = samples(text, 'replwatch_master_link_down_since_seconds');
		for (const f of lab.followers) {
			const own = behind.find(s => s.labels.follower === f.address);
			expect(own?.labels).toMatchObject({leader: lab.leader.address, state: 'link_down'});
			expect(own!.value).toBeGreaterThanOrEqual(0);
			const since = Number(/master_link_down_since_seconds:(-?\d+)/.exec(await f.command('INFO', 'replication'))![1]);
			expect(Math.abs(downSince.find(s => s.labels.follower === f.address)!.value - since)).toBeLessThanOrEqual(2);
		}
	}, 30_000);
});
