// Issue 26 E: on a plain terminal (TERM=linux, LANG=C) the real lab at 80x24 draws with ASCII only: the
// main screen (borders, sparklines, Sentinel lines, ellipses Ink adds when it cuts), the links table, help.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {waitFor} from '../../source/lab/processes.js';
import {binary, ensureBuilt, hasTmux, isAlive, killLeftovers, openTerminal, readPidFile, see, tempPidFile, type Terminal} from './tmux-helpers.js';

const pids = new Set<number>();
const cleanups: Array<() => void> = [];
const nonAscii = (screen: string) => [...new Set(screen.match(/[^\x00-\x7F]/gu) ?? [])];

describe.skipIf(!hasTmux)('a plain terminal gets ASCII', () => {
	let t: Terminal;
	let pidFile: string;
	beforeAll(() => {
		ensureBuilt();
		const file = tempPidFile();
		cleanups.push(file.cleanup);
		pidFile = file.path;
		t = openTerminal('ascii26', `TERM=linux LANG=C LC_ALL= REPLWATCH_LAB_PIDFILE='${pidFile}' node '${binary}' lab`, {cols: 80, rows: 24});
		cleanups.push(() => t.kill());
	});
	afterAll(() => {
		for (const c of cleanups.splice(0).reverse()) c();
		killLeftovers(pids);
	});

	it('TERM=linux LANG=C at 80x24: main screen, links table and help without one non-ASCII character', async () => {
		const main = await see(t, 'two followers with sparklines', s => (s.match(/`- 127\.0\.0\.1:\d+ .*online/g) ?? []).length === 2 && /[_.=#-]{6,} max/.test(s), 20_000);
		for (const pid of readPidFile(pidFile)?.pids ?? []) pids.add(pid);
		expect(nonAscii(main), main).toEqual([]);
		expect(main).toMatch(/^\+[-=]+\+$/m);
		t.keys('l');
		const links = await see(t, 'the links table', s => /^\+-+\+/m.test(s) && s.includes('Links (2)'));
		expect(nonAscii(links), links).toEqual([]);
		t.keys('Escape');
		await see(t, 'the main screen', s => s.includes('Checklist'));
		t.keys('?');
		const help = await see(t, 'help', s => s.includes('Keys'));
		expect(nonAscii(help), help).toEqual([]);
		t.keys('Escape');
		await see(t, 'the main screen', s => s.includes('Checklist'));
		t.keys('q');
		expect(await waitFor(() => !t.alive(), 15_000, 100)).toBe(true);
		expect(await waitFor(() => [...pids].every(pid => !isAlive(pid)), 5000, 100)).toBe(true);
	}, 90_000);
});
