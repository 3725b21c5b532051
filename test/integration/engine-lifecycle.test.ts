import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startLab, type Lab} from '../../source/lab/lab.js';
import {findFreePort} from '../../source/lab/processes.js';
import {options, tickUntil} from './monitor-helpers.js';
import {createMonitor, type Monitor} from '../../source/engine/monitor.js';
import type {Snapshot} from '../../source/model/snapshot.js';

const eventsOf = (s: Snapshot, node: string, kind: string, since: number) => s.events.filter(e => e.at >= since && e.node === node && e.kind === kind);

describe('node lifecycle on a real leader + follower (only the leader seeded)', () => {
	let lab: Lab;
	let monitor: Monitor;
	beforeAll(async () => {
		lab = await startLab({followers: 1});
		monitor = createMonitor(options(lab.leader.address));
	});
	afterAll(async () => {
		await monitor?.stop();
		await lab?.stop();
	});

	it('records a restart when a node comes back from kill -9 with a new run_id, and the texts do not repeat their kind', async () => {
		const follower = lab.followers[0]!;
		await tickUntil(monitor, s => s.topology.nodes[follower.address]?.sample.reachable === true, 5000);
		for (let cycle = 0; cycle < 2; cycle++) {
			const since = Date.now();
			await follower.kill9();
			await tickUntil(monitor, s => eventsOf(s, follower.address, 'unreachable', since).length > 0, 5000);
			await follower.start();
			const back = await tickUntil(monitor, s => eventsOf(s, follower.address, 'restart', since).length > 0, 8000);
			const restart = eventsOf(back, follower.address, 'restart', since);
			expect(restart).toHaveLength(1);
			expect(restart[0]!.text).toMatch(/^restarted \(run_id changed, up \d+ s\)$/);
		}
		const last = monitor.getSnapshot();
		expect(eventsOf(last, follower.address, 'unreachable', 0).map(e => e.text)).toEqual(['connection refused', 'connection refused']);
		for (const e of last.events) expect(e.text.toLowerCase().startsWith(`${e.kind}:`)).toBe(false);
	});

	it('drops a node known only from a REPLICAOF to a closed port once nobody points at it', async () => {
		const follower = lab.followers[0]!;
		const closed = `127.0.0.1:${await findFreePort()}`;
		await follower.command('REPLICAOF', '127.0.0.1', closed.split(':')[1]!);
		const phantom = await tickUntil(monitor, s => s.topology.nodes[closed]?.sample.reachable === false, 5000);
		expect(phantom.topology.nodes[closed]?.discoveredVia).toBe(`master-of ${follower.address}`);
		await follower.command('REPLICAOF', '127.0.0.1', String(lab.leader.port));
		const since = Date.now();
		const gone = await tickUntil(monitor, s => !s.topology.nodes[closed], 5000);
		expect(gone.topology.nodes[closed]).toBeUndefined();
		expect(gone.topology.groups.flatMap(g => g.members)).not.toContain(closed);
		expect(gone.topology.groups.every(g => g.leader !== undefined)).toBe(true);
		expect(eventsOf(gone, closed, 'forgotten', since)).toHaveLength(1);
		// Stays gone, and the real follower is back under its leader.
		const settled = await tickUntil(monitor, s => s.topology.links.some(l => l.follower === follower.address && l.linkStatus === 'up'), 8000);
		expect(settled.topology.nodes[closed]).toBeUndefined();
		expect(Object.keys(settled.topology.nodes).sort()).toEqual([lab.leader.address, follower.address].sort());
	});
});
