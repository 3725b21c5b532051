import {afterAll, describe, expect, it} from 'vitest';
import {startLab, type Lab, type LabProcess} from '../../source/lab/lab.js';
import {createMonitor} from '../../source/engine/monitor.js';
import {Poller} from '../../source/engine/poller.js';
import {parseInfo} from '../../source/redis/parse-info.js';
import {viewOf} from '../../source/model/node-view.js';
import {options, tickUntil} from './monitor-helpers.js';

/** Calls of ROLE and INFO a node served, from its own commandstats. */
async function calls(node: LabProcess): Promise<{role: number; info: number}> {
	const stats = parseInfo(await node.command('INFO', 'commandstats')).commandstats;
	// The INFO commandstats just sent counts once.
	return {role: stats.role?.calls ?? 0, info: (stats.info?.calls ?? 0) - 1};
}

describe('poller: ROLE every tick, INFO replication on its cadence', () => {
	const labs: Lab[] = [];
	afterAll(async () => {
		await Promise.all(labs.map(l => l.stop()));
	});

	it('a settled lab costs one ROLE per node per tick; bytes behind and the leader offset are the server\'s', async () => {
		const lab = await startLab({followers: 1, sentinels: 0});
		labs.push(lab);
		const monitor = createMonitor(options(lab.leader.address));
		try {
			await tickUntil(monitor, s => s.topology.links[0]?.lagBytes === 0, 5000);
			await lab.leader.command('CONFIG', 'RESETSTAT');
			const ticks = 12;
			let last;
			for (let i = 0; i < ticks; i++) {
				last = await monitor.tickOnce();
				await new Promise(resolve => setTimeout(resolve, 250));
			}
			const leader = await calls(lab.leader);
			expect(leader.role).toBeGreaterThanOrEqual(ticks - 1);
			// About 3 s of ticks: INFO replication once or twice (every 5 s), not every tick.
			expect(leader.info).toBeLessThanOrEqual(2);
			await lab.leader.command('SET', 'k', 'v'.repeat(1000));
			const offset = Number(/master_repl_offset:(\d+)/.exec(await lab.leader.command('INFO', 'replication'))![1]);
			const seen = await tickUntil(monitor, s => viewOf(s.topology.nodes[lab.leader.address]?.sample)?.masterReplOffset === offset && s.topology.links[0]?.lagBytes === 0, 3000);
			expect(viewOf(seen.topology.nodes[lab.leader.address]!.sample)!.masterReplOffset).toBe(offset);
			expect(seen.topology.links[0]).toMatchObject({linkStatus: 'up', state: 'online', lagBytes: 0, lagSeconds: 0});
			expect(last!.topology.links[0]!.ackAgeSeconds).not.toBeNull();
		} finally {
			await monitor.stop();
		}
	});

	it('ROLE disabled on the servers (rename-command ROLE ""): INFO replication every tick, the same links', async () => {
		const lab = await startLab({followers: 1, sentinels: 0, nodeArgs: ['--rename-command', 'ROLE', '']});
		labs.push(lab);
		const monitor = createMonitor(options(lab.leader.address));
		try {
			const settled = await tickUntil(monitor, s => s.topology.links[0]?.lagBytes === 0, 5000);
			expect(settled.topology.links[0]).toMatchObject({follower: lab.followers[0]!.address, linkStatus: 'up', state: 'online', lagBytes: 0});
			expect(Object.values(settled.topology.nodes).every(n => n.sample.reachable)).toBe(true);
			await lab.leader.command('CONFIG', 'RESETSTAT');
			for (let i = 0; i < 8; i++) {
				await monitor.tickOnce();
				await new Promise(resolve => setTimeout(resolve, 250));
			}
			expect((await calls(lab.leader)).info).toBeGreaterThanOrEqual(7);
		} finally {
			await monitor.stop();
		}
	});

	it('a node back after a long outage is read at the next tick, not after a reconnect back-off', async () => {
		const lab = await startLab({followers: 1, sentinels: 0});
		labs.push(lab);
		const node = lab.followers[0]!;
		let now = Date.now();
		const poller = new Poller({intervalMs: 1000, timeoutMs: 500, tls: {enabled: false, insecure: false}, now: () => now});
		poller.add({address: node.address, credentials: {}, tls: false});
		try {
			expect((await poller.probe(node.address))!.reachable).toBe(true);
			await node.kill9();
			// Eight ticks of a refused connection (a back-off would have grown to its 5 s cap by now).
			for (let i = 0; i < 8; i++) {
				now += 1000;
				const sample = await poller.probe(node.address);
				expect(sample!.reachable).toBe(false);
			}
			await node.start();
			now += 1000;
			const back = await poller.probe(node.address);
			expect(back!.reachable, back!.error?.message).toBe(true);
		} finally {
			await poller.close();
		}
	});
});
