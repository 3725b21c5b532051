// Issue 25 item 10 at 80 columns: a follower SIGSTOPped under writes past the leader's 5 s repl-timeout
// is dropped from the leader's INFO (no slaveN line, so no "leader view"); 15 s later its row still says
// how far behind it is at least, from its last ack, and that number grows with the writes.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startLab, type Lab} from '../../source/lab/lab.js';
import {startLoad, type LoadGenerator} from '../../source/lab/load.js';
import {binary, ensureBuilt, hasTmux, lagBytes, lineOf, openTerminal, see, type Terminal} from './tmux-helpers.js';

describe.skipIf(!hasTmux)('a follower the leader dropped after repl-timeout, at 80x24', () => {
	let lab: Lab;
	let load: LoadGenerator | undefined;
	let t: Terminal | undefined;
	beforeAll(async () => {
		ensureBuilt();
		lab = await startLab({followers: 2, nodeArgs: ['--repl-timeout', '5']});
		load = startLoad(lab, {rate: 40, valueBytes: 512});
	});
	afterAll(async () => {
		t?.kill();
		await load?.stop();
		for (const f of lab?.followers ?? []) if (f.paused()) f.resume();
		await lab?.stop();
	});

	it('keeps "at least N behind since its last ack" 15 s after the stop, N growing', async () => {
		const follower = lab.followers[0]!;
		t = openTerminal('dropped25', `node '${binary}' --timeout 500ms ${lab.leader.address}`, {cols: 80, rows: 24});
		await see(t, 'two online followers', s => (s.match(/· online/g) ?? []).length === 2, 15_000);
		follower.pause();
		const stoppedAt = Date.now();
		await see(t, 'the leader dropping it', s => /≥[\d.]+ \S+ behind|at least [\d.]+ \S+ behind/.test(lineOf(s, follower.address)), 20_000);
		// The server's own reply: the leader lists the follower no more.
		expect(await lab.leader.command('INFO', 'replication')).not.toContain(`port=${follower.port},`);
		const early = lagBytes(lineOf(t.screen(), follower.address).replace(/≥|at least /, '')) ?? 0;
		await new Promise(r => setTimeout(r, Math.max(0, stoppedAt + 15_000 - Date.now())));
		const screen = await see(t, 'still behind 15 s after the stop', s => /≥[\d.]+ \S+ behind|at least [\d.]+ \S+ behind/.test(lineOf(s, follower.address)), 5000);
		console.log(`dropped follower at 80x24, ${Math.round((Date.now() - stoppedAt) / 1000)} s after SIGSTOP:\n${screen}`);
		expect(await lab.leader.command('INFO', 'replication')).not.toContain(`port=${follower.port},`);
		const row = lineOf(screen, follower.address);
		expect(row.length).toBeLessThanOrEqual(80);
		const late = lagBytes(row.replace(/≥|at least /, '')) ?? 0;
		expect(late).toBeGreaterThan(early);
	}, 60_000);
});
