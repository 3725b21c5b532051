// Issue 25 item 1 at 120x40: a leader in `FAILOVER … TIMEOUT` waiting for its SIGSTOPped target says
// on its own row that client writes are paused, 1.1.1 says so too, and the row clears once the
// server reports no-failover again (FAILOVER ABORT); with FORCE the old leader's row says writes are refused.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startLab, type Lab} from '../../source/lab/lab.js';
import {binary, ensureBuilt, hasTmux, lineOf, openTerminal, pressUntil, see, type Terminal} from './tmux-helpers.js';

describe.skipIf(!hasTmux)('FAILOVER waiting-for-sync in a 120x40 terminal', () => {
	let lab: Lab;
	let t: Terminal | undefined;
	beforeAll(async () => {
		ensureBuilt();
		lab = await startLab({followers: 2});
	});
	afterAll(async () => {
		t?.kill();
		for (const f of lab?.followers ?? []) if (f.paused()) f.resume();
		await lab?.stop();
	});

	it('names the paused writes on the leader row and in 1.1.1 while the server says waiting-for-sync', async () => {
		const target = lab.followers[0]!;
		t = openTerminal('failover25', `node '${binary}' --interval 500ms --timeout 400ms ${lab.leader.address}`, {cols: 120, rows: 40});
		await see(t, 'two online followers', s => (s.match(/· online/g) ?? []).length === 2, 15_000);
		target.pause();
		await lab.leader.command('SET', 'k', 'x'.repeat(1000));
		expect(await lab.leader.command('FAILOVER', 'TO', '127.0.0.1', String(target.port), 'TIMEOUT', '60000')).toBe('+OK\r\n');
		const screen = await see(t, 'writes paused on the leader row', s => lineOf(s, lab.leader.address).includes('FAILOVER waiting-for-sync: writes paused'), 10_000);
		expect(await lab.leader.command('INFO', 'replication')).toContain('master_failover_state:waiting-for-sync');
		console.log(`FAILOVER waiting-for-sync at 120x40:\n${screen}`);
		// The checklist's first check is 1.1.1: its detail holds the whole sentence.
		const checklistFocused = (s: string) => /┐┏━/.test(s.split('\n')[2] ?? '');
		await pressUntil(t, 'Tab', 'the checklist focused', checklistFocused, s => !checklistFocused(s));
		const detail = await pressUntil(t, 'Enter', '1.1.1 warns of the paused writes', s => s.includes(`FAILOVER on ${lab.leader.address} waiting for a replica to catch up: client writes paused`), s => s.includes('Topology'));
		console.log(`1.1.1 detail at 120x40:\n${detail}`);
		t.keys('Escape');
		expect(await lab.leader.command('FAILOVER', 'ABORT')).toBe('+OK\r\n');
		await see(t, 'the row clear again', s => !lineOf(s, lab.leader.address).includes('FAILOVER') && lineOf(s, lab.leader.address).includes('master'), 10_000);
		expect(await lab.leader.command('INFO', 'replication')).toContain('master_failover_state:no-failover');

		// FORCE: past its timeout the old leader follows the paused target and refuses writes.
		expect(await lab.leader.command('FAILOVER', 'TO', '127.0.0.1', String(target.port), 'TIMEOUT', '1500', 'FORCE')).toBe('+OK\r\n');
		const forced = await see(t, 'writes refused on the old leader row', s => /FAILOVER( in progress)?: writes refused/.test(lineOf(s, lab.leader.address)), 10_000);
		expect(await lab.leader.command('INFO', 'replication')).toContain('master_failover_state:failover-in-progress');
		console.log(`FAILOVER FORCE, failover-in-progress at 120x40:\n${forced}`);
		target.resume();
		const done = await see(t, 'the target leading', s => lineOf(s, target.address).includes(`M ${target.address} master`) && !s.includes('writes refused'), 15_000);
		console.log(`after the FAILOVER at 120x40:\n${done}`);
	}, 60_000);
});
