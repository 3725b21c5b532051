// A follower that stops answering keeps the leader's view of how far behind it is, even when the
// last offset it acknowledged is 0: a fresh leader's followers ack 0 until the first write, and a
// follower SIGSTOPped then (the lab's first seconds) used to show bytes behind as unknown for ever.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startLab, type Lab} from '../../source/lab/lab.js';
import {createMonitor, type Monitor} from '../../source/engine/monitor.js';
import {options, tickUntil} from './monitor-helpers.js';

describe('a follower SIGSTOPped before the leader\'s first write', () => {
	let lab: Lab;
	let monitor: Monitor | undefined;
	beforeAll(async () => {
		lab = await startLab({followers: 1});
	});
	afterAll(async () => {
		await monitor?.stop();
		for (const f of lab?.followers ?? []) if (f.paused()) f.resume();
		await lab?.stop();
	});

	it('shows the bytes written since as behind, from the leader\'s view', async () => {
		const follower = lab.followers[0]!;
		monitor = createMonitor(options(lab.leader.address));
		const synced = await tickUntil(monitor, s => s.topology.links.some(l => l.follower === follower.address && l.state === 'online' && l.lagBytes === 0), 5000);
		const leaderLine = synced.topology.nodes[lab.leader.address]?.sample.info?.replicas.find(r => r.port === follower.port);
		expect(leaderLine?.offset).toBe(0); // the case at hand: nothing written yet, the follower acked 0
		follower.pause();
		await lab.leader.command('SET', 'k', 'x'.repeat(4000));
		const silent = await tickUntil(monitor, s => s.topology.nodes[follower.address]?.sample.reachable === false, 5000);
		expect(silent.topology.nodes[follower.address]?.sample.reachable).toBe(false);
		const link = silent.topology.links.find(l => l.follower === follower.address)!;
		expect(link.state).toBe('online'); // the leader has not noticed yet
		expect(link.lagBytes).toBeGreaterThanOrEqual(4000);
		expect(link.lagSeconds).not.toBeNull();
	}, 30_000);
});
