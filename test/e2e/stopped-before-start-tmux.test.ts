// Issue 10, "Done when": a follower SIGSTOPped before replwatch starts stays listed. Its leader stops
// listing it after repl-timeout (5 s here, 60 s by default), so from then on only replwatch's own
// memory keeps it on screen. A node nobody points at is dropped a few ticks later when it is an
// orphan (node-book's dropOrphans: 3 ticks); so the row must stay, marked unreachable, on every
// screen for another repl-timeout plus a margin after the leader forgot it, not a fixed minute.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startLab, type Lab} from '../../source/lab/lab.js';
import {binary, ensureBuilt, hasTmux, header, lineOf, openTerminal, see, type Terminal} from './tmux-helpers.js';

const replTimeoutSeconds = 5;
/** After the leader forgot the follower: several times the 3 ticks (at --interval 1s) after which an orphan goes. */
const holdMs = replTimeoutSeconds * 1000 + 3000;

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

	it('is still listed, unreachable, a repl-timeout after its leader stopped listing it', async () => {
		const hung = lab.followers[1]!;
		hung.pause();
		t = openTerminal('stopped10', `node '${binary}' ${lab.leader.address} --interval 1s`, {cols: 120, rows: 40});
		const row = (s: string) => lineOf(s, hung.address);
		await see(t, `${hung.address} listed as unreachable`, s => /✖/.test(row(s)) && /nodes 2 up 1 unreachable/.test(header(s)), 15_000);

		// The leader forgets it once repl-timeout passes: from here on the row is replwatch's memory alone.
		const listed = async () => (await lab.leader.command('INFO', 'replication')).includes(`port=${hung.port},`);
		const deadline = Date.now() + replTimeoutSeconds * 1000 + 15_000;
		while (await listed() && Date.now() < deadline) await new Promise(r => setTimeout(r, 500));
		expect(await listed(), `the leader still lists ${hung.address} after ${replTimeoutSeconds} s of repl-timeout`).toBe(false);

		const forgotAt = Date.now();
		let screens = 0;
		while (Date.now() - forgotAt < holdMs) {
			const screen = t.screen();
			const seconds = ((Date.now() - forgotAt) / 1000).toFixed(1);
			expect(row(screen), `${hung.address} gone ${seconds} s after its leader forgot it:\n${screen}`).toMatch(/✖/);
			expect(row(screen)).toMatch(/silent|unreachable|timed out|no reply|never answered/);
			expect(header(screen), screen).toMatch(/nodes 2 up 1 unreachable/);
			expect(screen).not.toMatch(/forgotten/);
			screens++;
			await new Promise(r => setTimeout(r, 250));
		}
		expect(screens).toBeGreaterThan(holdMs / 500);
	}, 60_000);
});
