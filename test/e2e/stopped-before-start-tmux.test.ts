// Issue 10, "Done when": a follower SIGSTOPped before replwatch starts is still listed 60 s later.
// Its leader stops listing it after repl-timeout (5 s here, 60 s by default), so from then on only
// replwatch's own memory keeps it on screen: the row must stay, marked unreachable, for the whole minute.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startLab, type Lab} from '../../source/lab/lab.js';
import {binary, ensureBuilt, hasTmux, header, lineOf, openTerminal, see, type Terminal} from './tmux-helpers.js';

const replTimeoutSeconds = 5;

describe.skipIf(!hasTmux)('a follower SIGSTOPped before replwatch starts', () => {
	let lab: Lab;
	let t: Terminal | undefined;
	beforeAll(async () => {
		ensureBuilt();
		lab = await startLab({followers: 2, nodeArgs: ['--repl-timeout', String(replTimeoutSeconds)]});
	}, 30_000);
	afterAll(async () => {
		t?.kill();
		for (const f of lab?.followers ?? []) if (f.paused()) f.resume();
		await lab?.stop();
	});

	it('is still listed, unreachable, 60 s later, after its leader stopped listing it', async () => {
		const hung = lab.followers[1]!;
		hung.pause();
		const started = Date.now();
		t = openTerminal('stopped10', `node '${binary}' ${lab.leader.address} --interval 1s`, {cols: 120, rows: 40});
		const row = (s: string) => lineOf(s, hung.address);
		await see(t, `${hung.address} listed as unreachable`, s => /✖/.test(row(s)) && /nodes 2 up 1 unreachable/.test(header(s)), 15_000);

		// The leader forgets it once repl-timeout passes: from here on the row is replwatch's memory alone.
		const listed = async () => (await lab.leader.command('INFO', 'replication')).includes(`port=${hung.port},`);
		const deadline = Date.now() + 20_000;
		while (await listed() && Date.now() < deadline) await new Promise(r => setTimeout(r, 500));
		expect(await listed(), `the leader still lists ${hung.address} after ${replTimeoutSeconds} s of repl-timeout`).toBe(false);

		await new Promise(r => setTimeout(r, Math.max(0, started + 60_000 - Date.now())));
		const screen = await see(t, `${hung.address} still listed 60 s after start`, s => /✖/.test(row(s)) && /silent|unreachable|timed out|no reply/.test(row(s)), 5000);
		expect(header(screen)).toMatch(/nodes 2 up 1 unreachable/);
		expect(screen).not.toMatch(/forgotten/);
	}, 100_000);
});
