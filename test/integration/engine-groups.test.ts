// Groups hold still during faults: a follower hung before replwatch first reached it is never
// forgotten, a broken link keeps its follower in its group, a dead leader stays as the former leader.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startLab, type Lab} from '../../source/lab/lab.js';
import {findFreePort} from '../../source/lab/processes.js';
import {createMonitor, type Monitor} from '../../source/engine/monitor.js';
import {options, tickUntil} from './monitor-helpers.js';

describe('groups on a real leader + 2 followers (repl-timeout 2 s)', () => {
	let lab: Lab;
	let monitor: Monitor | undefined;
	beforeAll(async () => {
		// A short repl-timeout makes the leader drop a silent follower from its INFO in ~2 s instead of 60 s.
		lab = await startLab({followers: 2, nodeArgs: ['--repl-timeout', '2']});
	});
	afterAll(async () => {
		await monitor?.stop();
		for (const f of lab?.followers ?? []) if (f.paused()) f.resume();
		await lab?.stop();
	});

	it('keeps a follower SIGSTOPped before the first probe, after its leader stopped listing it', async () => {
		const hung = lab.followers[1]!;
		hung.pause();
		monitor = createMonitor(options(lab.leader.address));
		const listed = await tickUntil(monitor, s => s.topology.nodes[hung.address] !== undefined, 5000);
		expect(listed.topology.nodes[hung.address]?.sample.reachable).toBe(false);
		// The leader forgets it after repl-timeout; then many more ticks than the pruning grace (3) pass.
		const dropped = await tickUntil(monitor, s => !(s.topology.nodes[lab.leader.address]?.sample.info?.replicas ?? []).some(r => r.port === hung.port), 10_000);
		expect(dropped.topology.nodes[lab.leader.address]?.sample.info?.replicas.some(r => r.port === hung.port)).toBe(false);
		let last = dropped;
		for (let i = 0; i < 12; i++) last = await monitor.tickOnce();
		expect(last.topology.nodes[hung.address]?.sample.reachable).toBe(false);
		expect(last.topology.nodes[hung.address]?.groupId).toBe(last.topology.nodes[lab.leader.address]?.groupId);
		expect(last.events.filter(e => e.node === hung.address && e.kind === 'forgotten')).toEqual([]);
		hung.resume();
		await tickUntil(monitor, s => s.topology.links.some(l => l.follower === hung.address && l.linkStatus === 'up'), 15_000);
	}, 40_000);

	it('keeps a follower re-pointed to a closed port in its group, and does not count the port as a node of any group', async () => {
		const follower = lab.followers[0]!;
		const closed = await findFreePort();
		await follower.command('REPLICAOF', '127.0.0.1', String(closed));
		const broken = await tickUntil(monitor!, s => s.topology.links.some(l => l.follower === follower.address && l.linkStatus === 'down'), 5000);
		const group = broken.topology.groups.find(g => g.members.includes(follower.address))!;
		expect(group.leader).toBe(lab.leader.address);
		expect(group.members).not.toContain(`127.0.0.1:${closed}`);
		await follower.command('REPLICAOF', '127.0.0.1', String(lab.leader.port));
		await tickUntil(monitor!, s => s.topology.links.some(l => l.follower === follower.address && l.linkStatus === 'up'), 8000);
	}, 20_000);
});
