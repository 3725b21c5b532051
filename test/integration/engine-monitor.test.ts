import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {Redis} from 'ioredis';
import {startLab, type Lab} from '../../source/lab/lab.js';
import {waitFor} from '../../source/lab/processes.js';
import {options, tickUntil} from './monitor-helpers.js';
import {createMonitor, type Monitor} from '../../source/engine/monitor.js';
import type {Snapshot} from '../../source/model/snapshot.js';

describe('engine on a real 3-node lab', () => {
	let lab: Lab;
	let monitor: Monitor;
	beforeAll(async () => {
		// Sentinel down-after is long: only the Sentinel-seeded test uses it, nothing here should fail over.
		lab = await startLab({followers: 2, sentinels: 1, downAfterMs: 60_000});
		// "link up" can come before a follower streams: wait until the leader lists both online at its offset.
		await lab.leader.command('SET', 'ready', '1');
		await waitFor(async () => {
			const info = await lab.leader.command('INFO', 'replication');
			const offset = /master_repl_offset:(\d+)/.exec(info)?.[1];
			return (info.match(new RegExp(`state=online,offset=${offset},`, 'g')) ?? []).length === 2;
		}, 10_000);
	});
	afterAll(async () => {
		await monitor?.stop();
		await lab?.stop();
	});

	it('discovers the leader and the other follower from one follower in the first tick', async () => {
		// A tick waits for slow nodes up to min(timeout + 150 ms, 0.6 × interval): the 250 ms of the faster
		// monitor below is not always enough on a loaded 2-core CI machine. The tick ends as soon as all answered.
		const atDefault = createMonitor(options('--interval', '5s', '--timeout', '2s', lab.followers[0]!.address));
		const first = await atDefault.tickOnce().finally(() => atDefault.stop());
		monitor = createMonitor(options(lab.followers[0]!.address));
		await tickUntil(monitor, s => Object.keys(s.topology.nodes).length === 3, 3000);
		const addresses = Object.keys(first.topology.nodes).sort();
		expect(addresses).toEqual([lab.leader.address, ...lab.followers.map(f => f.address)].sort());
		expect(first.topology.groups).toHaveLength(1);
		const group = first.topology.groups[0]!;
		expect(group.leader).toBe(lab.leader.address);
		expect(group.members[0]).toBe(lab.leader.address);
		expect(group.splitBrain).toBe(false);
		expect(first.topology.nodes[lab.followers[1]!.address]!.discoveredVia).toBe(`replica-of ${lab.leader.address}`);
		expect(first.topology.links.map(l => l.follower).sort()).toEqual(lab.followers.map(f => f.address).sort());
		expect(first.topology.nodes[lab.leader.address]!.sample.config?.['repl-backlog-size']).toMatch(/^\d+$/);
	});

	it('watches a node once when it is reached under two names (localhost and 127.0.0.1)', async () => {
		const seed = `localhost:${lab.followers[0]!.port}`;
		const twoNames = createMonitor(options(seed));
		try {
			const s = await twoNames.tickOnce();
			expect(Object.keys(s.topology.nodes).sort()).toEqual([lab.leader.address, seed, lab.followers[1]!.address].sort());
			expect(s.topology.groups[0]!.members[0]).toBe(lab.leader.address);
			expect(s.topology.links.map(l => l.follower).sort()).toEqual([seed, lab.followers[1]!.address].sort());
			expect(s.topology.links.find(l => l.follower === seed)!.ackAgeSeconds).not.toBeNull();
		} finally {
			await twoNames.stop();
		}
	});

	it('re-reads CONFIG at once when asked (after a fix), instead of at the next slow refresh', async () => {
		await monitor.tickOnce();
		await lab.leader.command('CONFIG', 'SET', 'repl-backlog-ttl', '4321');
		expect((await monitor.tickOnce()).topology.nodes[lab.leader.address]!.sample.config?.['repl-backlog-ttl']).not.toBe('4321');
		const after = await monitor.refresh([lab.leader.address]);
		expect(after.topology.nodes[lab.leader.address]!.sample.config?.['repl-backlog-ttl']).toBe('4321');
		await lab.leader.command('CONFIG', 'SET', 'repl-backlog-ttl', '3600');
	});

	it('finds every data node from a Sentinel and keeps its view', async () => {
		const viaSentinel = createMonitor(options('--sentinel', lab.sentinels[0]!.address, '--master-name', lab.masterName));
		try {
			const s = await tickUntil(viaSentinel, x => Object.keys(x.topology.nodes).length === 3, 3000);
			expect(Object.keys(s.topology.nodes).sort()).toEqual([lab.leader.address, ...lab.followers.map(f => f.address)].sort());
			expect(s.topology.groups[0]!.leader).toBe(lab.leader.address);
			expect(s.topology.sentinels.map(v => [v.address, v.masterName, v.reachable])).toEqual([[lab.sentinels[0]!.address, lab.masterName, true]]);
			expect(s.topology.nodes[lab.leader.address]!.discoveredVia).toBe('sentinel');
		} finally {
			await viaSentinel.stop();
		}
		// The same from a Sentinel given as a plain node, in the first tick.
		const plain = createMonitor(options(lab.sentinels[0]!.address));
		try {
			const s = await plain.tickOnce();
			expect(s.topology.nodes[lab.sentinels[0]!.address]!.role).toBe('sentinel');
			expect(s.topology.groups.map(g => g.leader)).toEqual([lab.leader.address]);
			expect(s.topology.sentinels).toHaveLength(1);
		} finally {
			await plain.stop();
		}
	});

	it('shows a paused-but-alive follower as seconds behind while its ack age stays 0-1', async () => {
		const follower = lab.followers[1]!;
		const writer = new Redis({port: lab.leader.port, lazyConnect: true});
		writer.on('error', () => {});
		await writer.connect();
		const value = 'v'.repeat(1024);
		let writing = true;
		const load = (async () => {
			for (let i = 0; writing; i++) {
				const pipe = writer.pipeline();
				for (let j = 0; j < 20; j++) pipe.set(`load:${j}`, value);
				await pipe.exec();
				await new Promise(resolve => setTimeout(resolve, 10));
			}
		})();
		try {
			await tickUntil(monitor, () => false, 600); // offset history of the leader under load
			await follower.command('CLIENT', 'PAUSE', '3000', 'WRITE');
			const link = (s: Snapshot) => s.topology.links.find(l => l.follower === follower.address);
			const behind = await tickUntil(monitor, s => (link(s)?.lagSeconds ?? 0) > 0.5, 2500);
			const l = link(behind)!;
			expect(l.lagSeconds).toBeGreaterThan(0.5);
			expect(l.lagBytes).toBeGreaterThan(0);
			expect(l.ackAgeSeconds).toBeLessThanOrEqual(1);
			expect(l.linkStatus).toBe('up');
			// The other follower keeps applying, so it is less behind.
			expect(behind.topology.links.find(x => x.follower === lab.followers[0]!.address)!.lagBytes ?? 0).toBeLessThan(l.lagBytes!);
			expect(behind.history.series(follower.address, 'lagSeconds').length).toBeGreaterThan(0);
			await follower.command('CLIENT', 'UNPAUSE');
			const caughtUp = await tickUntil(monitor, s => link(s)?.lagSeconds === 0 || (link(s)?.lagBytes ?? 1) < 50_000, 3000);
			expect(link(caughtUp)!.lagSeconds ?? 0).toBeLessThan(0.5);
		} finally {
			writing = false;
			await load;
			writer.disconnect();
		}
	});

	it('shows a SIGSTOPped follower unreachable within interval + timeout while the others keep updating', async () => {
		const hung = lab.followers[0]!;
		const before = await monitor.tickOnce();
		const leaderAt = before.topology.nodes[lab.leader.address]!.sample.at;
		hung.pause();
		try {
			const stoppedAt = Date.now();
			const shown = await tickUntil(monitor, s => s.topology.nodes[hung.address]?.sample.reachable === false, 3000);
			const elapsed = Date.now() - stoppedAt;
			expect(shown.topology.nodes[hung.address]!.sample.reachable).toBe(false);
			expect(shown.topology.nodes[hung.address]!.sample.error?.kind).toBe('timeout');
			expect(elapsed).toBeLessThan(250 + 500 + 600);
			expect(shown.topology.nodes[lab.leader.address]!.sample.at).toBeGreaterThan(leaderAt);
			expect(shown.topology.nodes[lab.leader.address]!.sample.reachable).toBe(true);
			expect(shown.events.some(e => e.node === hung.address && e.kind === 'unreachable')).toBe(true);
			// A tick does not wait for the hung node's timeout.
			const t0 = Date.now();
			await monitor.tickOnce();
			expect(Date.now() - t0).toBeLessThan(450);
		} finally {
			hung.resume();
		}
		const back = await tickUntil(monitor, s => s.topology.nodes[hung.address]?.sample.reachable === true, 8000);
		expect(back.topology.nodes[hung.address]!.sample.reachable).toBe(true);
	});

	it('shows a killed follower down and brings it back when it restarts', async () => {
		const victim = lab.followers[1]!;
		await victim.kill9();
		const down = await tickUntil(monitor, s => s.topology.nodes[victim.address]?.sample.reachable === false, 3000);
		const node = down.topology.nodes[victim.address]!;
		expect(node.sample.error?.kind).toBe('refused');
		expect(node.role).toBe('replica'); // last known role kept
		expect(node.groupId).toBe(down.topology.groups[0]!.id);
		await victim.start();
		const back = await tickUntil(monitor, s => s.topology.nodes[victim.address]?.sample.reachable === true, 8000);
		expect(back.topology.nodes[victim.address]!.sample.reachable).toBe(true);
		expect(back.events.some(e => e.node === victim.address && e.kind === 'reachable')).toBe(true);
	});

	it('flags split brain when a follower is promoted while the other still follows the old leader', async () => {
		const rogue = lab.followers[1]!;
		await waitFor(async () => (await rogue.command('INFO', 'replication')).includes('master_link_status:up'), 10_000);
		await rogue.command('REPLICAOF', 'NO', 'ONE');
		try {
			const split = await tickUntil(monitor, s => s.topology.groups.some(g => g.splitBrain), 3000);
			const group = split.topology.groups.find(g => g.splitBrain)!;
			expect([...group.masters].sort()).toEqual([lab.leader.address, rogue.address].sort());
			expect(split.events.some(e => e.kind === 'split-brain' || e.kind === 'failover')).toBe(true);
		} finally {
			await rogue.command('REPLICAOF', '127.0.0.1', String(lab.leader.port));
		}
	});
});
