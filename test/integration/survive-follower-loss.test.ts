// Issue 25 item 5 on real servers: two followers that never get online (the leader holds their full
// sync back with a 60 s diskless delay; in the issue they looped in full syncs) are no failover
// candidates: 1.3.2 must not pass with zero online replicas, and says so with the leader's states.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startLab, type Lab} from '../../source/lab/lab.js';
import {createMonitor, type Monitor} from '../../source/engine/monitor.js';
import {options, tickUntil} from './monitor-helpers.js';

describe('1.3.2 with every follower still syncing', () => {
	let lab: Lab;
	let monitor: Monitor | undefined;
	beforeAll(async () => {
		lab = await startLab({followers: 2, waitForSync: false, leaderArgs: ['--repl-diskless-sync', 'yes', '--repl-diskless-sync-delay', '60']});
	});
	afterAll(async () => {
		await monitor?.stop();
		await lab?.stop();
	});

	it('warns "0 online, 0 promotable and online now" while the leader lists both as wait_bgsave', async () => {
		monitor = createMonitor(options(lab.leader.address));
		const s = await tickUntil(monitor, x => x.topology.nodes[lab.followers[1]!.address]?.sample.reachable === true && x.checks.find(c => c.id === '1.3.2')?.status !== 'unknown' && (x.topology.nodes[lab.leader.address]?.sample.info?.replicas.length ?? 0) === 2, 10_000);
		const info = await lab.leader.command('INFO', 'replication');
		expect(info.match(/state=wait_bgsave/g)?.length).toBe(2);
		expect(info).not.toContain('state=online');
		const check = s.checks.find(c => c.id === '1.3.2')!;
		expect(check.status).toBe('warn');
		expect(check.summary).toBe('too few followers online now: losing one would leave no current copy to promote');
		expect(check.evidence[0]!.text).toMatch(/^0 online, 0 promotable and online now \(not online: \S+ wait_bgsave, \S+ wait_bgsave\): no follower holds current data to promote/);
	}, 30_000);
});
