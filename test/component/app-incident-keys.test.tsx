// The incident keys: ] / [ to the next problem check, v status filter and Esc, Tab to the timeline
// and ↑/↓ through it (the newest stays in view otherwise), g the lag chart, l the links table.
import {afterEach, describe, expect, test} from 'vitest';
import {buildSnapshot} from './fixtures.js';
import {keys, renderApp, type Rendered} from './render-app.js';

let app: Rendered | undefined;
afterEach(() => {
	app?.unmount();
	app = undefined;
});

const selected = (a: Rendered) => a.lines().find(l => /▸(✔|!|✖|i|\?) \d/.test(l.replace(/^[│┃ ]+/, ''))) ?? '';

describe('the next problem', () => {
	test('] selects the next failing or warning check, [ the previous, wrapping around', async () => {
		app = await renderApp({columns: 120, rows: 40, snapshot: buildSnapshot({lagging: true})});
		await app.press(']');
		expect(selected(app)).toMatch(/! 1\.2\.4 Replication delay/);
		await app.press(']');
		expect(selected(app)).toMatch(/! 2\.2\.2 Diskless delay/);
		await app.press(']');
		expect(selected(app)).toMatch(/! 1\.2\.4/);
		await app.press('[');
		expect(selected(app)).toMatch(/! 2\.2\.2/);
	});

	test('v shows only fail and warn checks, then fail only with a "no match" line; Esc clears it', async () => {
		app = await renderApp({columns: 120, rows: 40, snapshot: buildSnapshot({lagging: true})});
		await app.press('v');
		expect(app.frame()).toContain('Checklist (fail and warn · v)');
		expect(app.frame()).toContain('1.2.4 Replication delay');
		expect(app.frame()).not.toContain('1.1.1 Roles identified');
		await app.press('v');
		expect(app.frame()).toContain('no check matches (Esc clears)');
		await app.press(keys.escape);
		expect(app.frame()).toContain('1.1.1 Roles identified');
		expect(app.frame()).not.toContain('(fail only');
	});

	test('a text filter that matches no node says so, and Esc clears it', async () => {
		app = await renderApp({columns: 120, rows: 40});
		await app.press('/', 'z', 'z', 'z', keys.enter);
		expect(app.frame()).toContain('no node matches "zzz" (Esc clears the filter)');
		await app.press(keys.escape);
		expect(app.frame()).toContain('127.0.0.1:27007');
	});
});

describe('the timeline', () => {
	const at = Date.now();
	const events = Array.from({length: 30}, (_, i) => ({at: at - (30 - i) * 1000, node: '127.0.0.1:27007', kind: 'link', text: `event number ${i}`}));

	test('shows the newest events last at every size; Tab focuses it, ↑ scrolls to older ones, ↓ back to the newest', async () => {
		for (const [columns, rows] of [[80, 24], [120, 40], [200, 60]] as const) {
			app = await renderApp({columns, rows, snapshot: buildSnapshot({events})});
			const lines = app.lines();
			const newest = lines.findIndex(l => l.includes('event number 29'));
			expect(newest, `${columns}x${rows}`).toBeGreaterThan(-1);
			expect(lines.findIndex(l => l.includes('event number 28'))).toBe(newest - 1);
			app.unmount();
		}
		app = await renderApp({columns: 80, rows: 24, snapshot: buildSnapshot({events})});
		await app.press(keys.tab, keys.tab);
		expect(app.frame()).toMatch(/▸ Timeline · newest 2 of 30 \(↑ older\)/);
		await app.press(keys.up, keys.up, keys.up);
		expect(app.frame()).toContain('event number 26');
		expect(app.frame()).not.toContain('event number 29');
		expect(app.frame()).toContain('scrolled back 3');
		await app.press(keys.down, keys.down, keys.down);
		expect(app.frame()).toContain('event number 29');
	});
});

describe('the lag chart and the links table', () => {
	test('g on a follower opens its lag chart with axis labels; u switches to seconds; Esc goes back', async () => {
		app = await renderApp({columns: 120, rows: 40, snapshot: buildSnapshot({lagging: true})});
		await app.press(keys.down, keys.down, 'g');
		expect(app.frame()).toMatch(/127\.0\.0\.1:27007 bytes behind · last 10 min/);
		expect(app.frame()).toMatch(/328 KiB ┤/);
		expect(app.frame()).toMatch(/-10 min .* now/);
		await app.press('u');
		expect(app.frame()).toMatch(/127\.0\.0\.1:27007 seconds behind/);
		await app.press(keys.escape);
		expect(app.frame()).toContain('Checklist');
	});

	test('l lists every link in a table: state, behind in bytes and seconds, backlog, ack, link up since; o re-orders it', async () => {
		app = await renderApp({columns: 120, rows: 40, snapshot: buildSnapshot({lagging: true, follower2Unreachable: true})});
		await app.press('l');
		const frame = app.frame();
		expect(frame).toMatch(/│ follower +│ leader +│ state +│ behind B +│ behind s +│ backlog +│ ack +│ link up since +│/);
		// One host: the cells keep the port, the title names the host.
		expect(frame).toContain('host 127.0.0.1');
		const rows = app.lines().filter(l => /^│ .*:270/.test(l));
		expect(rows).toHaveLength(2);
		// By bytes behind first: the silent follower (leader's view) leads.
		expect(rows[0]).toMatch(/✖ :27007 +│ :26997 +│ online \(ldr[^│]*│ 328 KiB +│ 4s/);
		expect(frame).toContain('ack = seconds since the follower last acknowledged');
		await app.press('o', 'o', 'o', 'o');
		expect(app.frame()).toContain('Links (2) by follower');
		const sorted = app.lines().filter(l => /^│ .*:270/.test(l));
		expect(sorted[0]).toContain(':27003');
	});
});
