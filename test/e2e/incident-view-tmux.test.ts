// Issue 10, "Done when": one real lab under load, one terminal resized 120x40 → 80x24 → 200x60: a
// SIGSTOPped follower keeps the leader's view and how long it has been silent; after a burst the
// sparkline's newest point and its max; the lag chart's axes; after X, Sentinel's own failover
// lines at the bottom of the timeline and the old leader labelled as such.
// (A follower SIGSTOPped before replwatch starts, still listed 60 s later: stopped-before-start-tmux.test.ts.)
import {execFileSync} from 'node:child_process';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {waitFor} from '../../source/lab/processes.js';
import {
	binary, ensureBuilt, escapeRegExp, hasTmux, header, isAlive, killLeftovers, lagBytes, leaders, lineOf, onlineFollowers, openTerminal, readPidFile, see, tempPidFile, type Terminal,
} from './tmux-helpers.js';

const pids = new Set<number>();
const cleanups: Array<() => void> = [];

const rowOf = lineOf;
const timelineLines = (screen: string) => screen.split('\n').filter(l => /^\d\d:\d\d:\d\d /.test(l));
const resize = (t: Terminal, cols: number, rows: number) => execFileSync('tmux', ['-L', t.name, 'resize-window', '-t', t.name, '-x', String(cols), '-y', String(rows)]);

describe.skipIf(!hasTmux)('the incident view on a real lab', () => {
	let t: Terminal;
	let pidFile: string;
	beforeAll(() => {
		ensureBuilt();
		const file = tempPidFile();
		cleanups.push(file.cleanup);
		pidFile = file.path;
		t = openTerminal('incident10', `REPLWATCH_LAB_PIDFILE='${pidFile}' node '${binary}' lab`, {cols: 120, rows: 40});
		cleanups.push(() => t.kill());
	});
	afterAll(() => {
		for (const c of cleanups.splice(0).reverse()) c();
		killLeftovers(pids);
	});

	it('pause, burst, chart and failover read right at 120x40, 80x24 and 200x60', async () => {
		await see(t, 'a leader and two online followers', s => leaders(s).length === 1 && onlineFollowers(s).length === 2, 20_000);
		for (const pid of readPidFile(pidFile)?.pids ?? []) pids.add(pid);
		const oldLeader = leaders(t.screen())[0]!;

		// s: a follower stops answering. Its row keeps the leader's view (bytes behind, ack) and the seconds since it answered.
		t.keys('s');
		const paused = /follower (\S+:\d+) paused/.exec(header(await see(t, 'a follower paused', s => /follower \S+:\d+ paused/.test(header(s)))))![1]!;
		const silentRow = new RegExp(`✖ ${escapeRegExp(paused)} [\\d.]+ (B|KiB|MiB) \\S+ (behind )?\\((leader( view)?|ldr)\\) · ack \\S+ · silent \\S+`);
		for (const [cols, rows] of [[120, 40], [80, 24], [200, 60]] as const) {
			resize(t, cols, rows);
			const screen = await see(t, `${paused} silent with the leader's view at ${cols}x${rows}`, // Right after a resize tmux still shows the old frame's bottom rows until Ink redraws: wait for the header too.
				s => silentRow.test(rowOf(s, paused)) && /silent [1-9]/.test(rowOf(s, paused)) && /nodes 2 up 1 unreachable/.test(header(s)), 15_000);
			expect(rowOf(screen, paused).length).toBeLessThanOrEqual(cols);
			expect(header(screen)).toMatch(/nodes 2 up 1 unreachable/);
		}
		resize(t, 120, 40);
		t.keys('s');
		await see(t, `${paused} back online`, s => header(s).includes('resumed') && onlineFollowers(s).includes(paused), 15_000);

		// t + B: a throttled link and a burst: the sparkline's newest point is high and its max reads in MiB.
		// At 200 columns: at 120 a row megabytes behind keeps its numbers, ack and link state, and drops the sparkline first.
		t.keys('t');
		const throttled = /follower (\S+:\d+) link throttled/.exec(header(await see(t, 'link throttled', s => header(s).includes('throttled'))))![1]!;
		resize(t, 200, 60);
		let behind = false;
		for (let press = 0; press < 3 && !behind; press++) {
			t.keys('B');
			behind = (await t.until(s => (lagBytes(rowOf(s, throttled)) ?? 0) >= 1024 ** 2 && /[▁▂▃▄▅▆▇█]+ max [\d.]+ MiB/.test(rowOf(s, throttled)), 8000)).ok;
		}
		const burst = t.screen();
		expect(behind, `${throttled} megabytes behind with a sparkline:\n${burst}`).toBe(true);
		const bars = /([▁▂▃▄▅▆▇█]+) max/.exec(rowOf(burst, throttled))![1]!;
		expect(bars.at(-1)).not.toBe('▁'); // the newest point is the one behind now
		resize(t, 120, 40);
		await see(t, `${throttled} at 120x40 with its numbers`, s => /nodes 3 up/.test(header(s)) && new RegExp(`${escapeRegExp(throttled)} [\\d.]+ (B|KiB|MiB) \\S+ behind · ack \\S+ · online`).test(rowOf(s, throttled)));

		// g: the lag chart of the selected follower, with a labelled y axis and time axis.
		t.keys('j');
		await see(t, `${throttled} selected`, s => new RegExp(`▸└ ${escapeRegExp(throttled)}`).test(s));
		t.keys('g');
		await see(t, 'the lag chart', s => /bytes behind · last 10 min/.test(s) && /MiB ┤/.test(s) && /-10 min .*now/.test(s));
		t.keys('Escape');
		await see(t, 'the main screen', s => s.includes('Checklist'));
		t.keys('t');
		await see(t, 'link restored', s => header(s).includes('link restored'));

		// X: Sentinel fails over; its own lines end the timeline and the old leader stays, labelled.
		t.keys('X');
		const failedOver = await see(t, 'the failover from Sentinel', s => /\+(switch-master|failover-end)/.test(timelineLines(s).at(-1) ?? '') && s.includes('+switch-master') && /former leader/.test(rowOf(s, oldLeader)), 30_000);
		expect(failedOver).toContain('+switch-master');
		resize(t, 200, 60);
		await see(t, 'the failover line whole at 200x60', s => timelineLines(s).some(l => /\+switch-master \S+: \S+ -> \S+ · failover took [\d.]+ s/.test(l)));
		resize(t, 80, 24);
		await see(t, 'the former leader at 80x24', s => /former leader/.test(rowOf(s, oldLeader)));
		for (const pid of readPidFile(pidFile)?.pids ?? []) pids.add(pid);

		t.keys('q');
		expect(await waitFor(() => !t.alive(), 15_000, 100)).toBe(true);
		expect(await waitFor(() => [...pids].every(pid => !isAlive(pid)), 5000, 100)).toBe(true);
	}, 150_000);
});
