// Issue 25 item 8 on real servers: A → B → C, A killed. B's link is down and B has
// replica-serve-stale-data no: it refuses every read now (MASTERDOWN). C's link to B is up, but its
// data stopped with A: it serves stale reads now. 2.1.3 says both, as the servers answer at that moment.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Lab, LabProcess} from '../../source/lab/lab.js';
import {startChain} from './chain-lab.js';
import {createMonitor, type Monitor} from '../../source/engine/monitor.js';
import {waitFor} from '../../source/lab/processes.js';
import {options, tickUntil} from './monitor-helpers.js';

describe('staleness down a chain, MASTERDOWN now', () => {
	let lab: Lab;
	let monitor: Monitor | undefined;
	let a: LabProcess;
	let b: LabProcess;
	let c: LabProcess;
	beforeAll(async () => {
		({lab, a, b, c} = await startChain());
		await b.command('CONFIG', 'SET', 'replica-serve-stale-data', 'no');
	});
	afterAll(async () => {
		await monitor?.stop();
		await lab?.stop();
	});

	it('B: MASTERDOWN now; C: link up but stale behind B', async () => {
		await a.command('SET', 'k', 'v1');
		await waitFor(async () => (await c.command('GET', 'k')).includes('v1'), 5000, 50);
		monitor = createMonitor(options(b.address, c.address, '--no-discover'));
		await tickUntil(monitor, s => s.checks.find(x => x.id === '2.1.3')?.status === 'info', 8000);
		await a.kill9();
		const s = await tickUntil(monitor, x => x.topology.links.find(l => l.follower === b.address)?.linkStatus === 'down' && x.checks.find(y => y.id === '2.1.3')?.evidence.length === 2, 10_000);
		// The servers at the same moment.
		expect(await b.command('GET', 'k')).toMatch(/^-MASTERDOWN/);
		expect(await c.command('GET', 'k')).toContain('v1');
		expect(await c.command('INFO', 'replication')).toContain('master_link_status:up');
		expect(await b.command('INFO', 'replication')).toContain('master_link_status:down');
		const check = s.checks.find(x => x.id === '2.1.3')!;
		expect(check.status).toBe('warn');
		expect(check.evidence.find(e => e.node === b.address)?.text).toMatch(/^replica-serve-stale-data no and master_link_status:down( for \d+ s)?: every read is refused now \(MASTERDOWN\)/);
		expect(check.evidence.find(e => e.node === c.address)?.text).toMatch(new RegExp(`^replica-serve-stale-data yes, link up, but ${b.address} lost its link to ${a.address}( \\d+ s ago)?: serving stale reads now$`));
	}, 40_000);
});
