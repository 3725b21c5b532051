import {afterAll, describe, expect, it} from 'vitest';
import {startLab, type Lab} from '../../source/lab/lab.js';
import {createMonitor} from '../../source/engine/monitor.js';
import {viewOf} from '../../source/model/node-view.js';
import {options, tickUntil} from './monitor-helpers.js';

describe('probe cadence: the counters and the slow sections on their own cadences', () => {
	let lab: Lab | undefined;
	afterAll(async () => {
		await lab?.stop();
	});

	it('between two reads of server/memory/persistence, every tick still shows them, and CPU comes from the counters read in between', async () => {
		lab = await startLab({followers: 1, sentinels: 0});
		// Counters every 400 ms, the slow sections once (on the first probe) in this test's few seconds.
		const monitor = createMonitor(options('--interval', '250ms', lab.leader.address), {heavyEveryMs: 400, slowEveryMs: 600_000});
		try {
			await tickUntil(monitor, s => s.topology.links[0]?.lagBytes === 0, 5000);
			const commandsSeen = new Set<number>();
			for (let i = 0; i < 12; i++) {
				const snapshot = await monitor.tickOnce();
				const leader = snapshot.topology.nodes[lab.leader.address]!.sample;
				const view = viewOf(leader)!;
				expect(view.version).toMatch(/^\d+\./);
				expect(leader.info?.fields.used_memory).toMatch(/^\d+$/);
				expect(leader.info?.fields.rdb_bgsave_in_progress).toBe('0');
				if (view.totalCommandsProcessed !== undefined) commandsSeen.add(view.totalCommandsProcessed);
				const headroom = snapshot.checks.find(c => c.id === '1.2.6')!;
				expect(headroom.evidence.find(e => e.node === lab!.leader.address)?.text).toMatch(/memory \S+/);
				await new Promise(resolve => setTimeout(resolve, 250));
			}
			// The counters were read again several times (total_commands_processed moves with each read) ...
			expect(commandsSeen.size).toBeGreaterThanOrEqual(4);
			// ... so the CPU share is measured from them, while the memory text still comes from the one slow read.
			const last = await monitor.tickOnce();
			expect(last.checks.find(c => c.id === '1.2.6')!.evidence.find(e => e.node === lab!.leader.address)?.text).toMatch(/CPU \d+ % of one core/);
		} finally {
			await monitor.stop();
		}
	});
});
