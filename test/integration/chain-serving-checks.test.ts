// Issue 25 item 3 on real servers: an intermediate replica B (A → B → C) that loops its sub-replica in
// full syncs is judged by 2.3.1 and 6.1 like a leader: B's own sync_full delta, read from B's INFO
// at the same moments, is what 2.3.1 reports for B; 6.1 reads B's replica buffer limit.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {runChecks} from '../../source/checks/index.js';
import type {Lab, LabProcess} from '../../source/lab/lab.js';
import {startChain} from './chain-lab.js';
import {waitFor} from '../../source/lab/processes.js';
import {buildContext} from '../unit/checks-builder.js';
import {collectRaw} from './checks-collect.js';

const syncFull = (info: string) => Number(/sync_full:(\d+)/.exec(info)?.[1]);

describe('2.3.1 and 6.1 on a replica that serves replicas', () => {
	let lab: Lab;
	let a: LabProcess;
	let b: LabProcess;
	let c: LabProcess;
	beforeAll(async () => {
		({lab, a, b, c} = await startChain());
	});
	afterAll(async () => {
		await lab?.stop();
	});

	it('counts the full syncs B served and reads B\'s buffer limit', async () => {
		await b.command('CONFIG', 'SET', 'client-output-buffer-limit', 'replica 64kb 32kb 1');
		const first = await Promise.all([a, b, c].map(n => collectRaw(n.address)));
		const big = 'x'.repeat(1_200_000); // more than B's 1 MiB backlog: C cannot resume, it full-syncs
		for (let i = 0; i < 3; i++) {
			const before = syncFull(await b.command('INFO', 'stats'));
			await b.command('CLIENT', 'KILL', 'TYPE', 'replica');
			await a.command('SET', `big${i}`, big);
			const resynced = await waitFor(async () => syncFull(await b.command('INFO', 'stats')) > before && (await c.command('INFO', 'replication')).includes('master_link_status:up'), 10_000, 100);
			expect(resynced).toBe(true);
		}
		await new Promise(r => setTimeout(r, 1100)); // the checks' counter window is at least a second
		const second = await Promise.all([a, b, c].map(n => collectRaw(n.address)));
		const served = syncFull(second[1]!.info) - syncFull(first[1]!.info);
		expect(served).toBeGreaterThanOrEqual(3);
		expect(syncFull(second[0]!.info) - syncFull(first[0]!.info)).toBe(0); // the top leader served none

		const results = Object.fromEntries(runChecks(buildContext([first, second])).map(r => [r.id, r]));
		const loop = results['2.3.1']!;
		expect(loop.status).toBe('fail');
		expect(loop.evidence.find(e => e.node === b.address)?.text).toMatch(new RegExp(`^sync_full \\+${served} in `));
		expect(loop.evidence.find(e => e.node === a.address)?.text).toMatch(/^sync_full \+0 /);
		const buffer = results['6.1']!;
		expect(buffer.evidence.find(e => e.node === b.address)?.text).toMatch(/^replica limit hard 64 KiB, soft 32 KiB for 1 s/);
		expect(buffer.status).not.toBe('pass');
	}, 60_000);
});
