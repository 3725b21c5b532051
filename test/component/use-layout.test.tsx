import {afterEach, describe, expect, test} from 'vitest';
import {computeLayout} from '../../hooks/use-layout.js';
import {buildSnapshot} from './fixtures.js';
import {buildSentinelSnapshot} from './scale-fixtures.js';
import {keys, renderApp, type Rendered} from './render-app.js';

let app: Rendered | undefined;
afterEach(() => {
	app?.unmount();
	app = undefined;
});

const cells = (line: string) => [...line].length;

function expectFits(lines: readonly string[], columns: number, rows: number) {
	expect(lines.length).toBeLessThan(rows);
	for (const line of lines) expect(cells(line), line).toBeLessThanOrEqual(columns);
}

describe('layout', () => {
	test.each([
		[120, 40],
		[80, 24],
		[50, 20],
		[35, 12],
		[60, 8],
	])('at %ix%i every screen fits: no line wider than the terminal, frame shorter than it', async (columns, rows) => {
		const many = Array.from({length: 12}, (_, i) => ({at: Date.now(), node: '127.0.0.1:27007', kind: 'link', text: `an event with a rather long description number ${i} that does not fit`}));
		app = await renderApp({columns, rows, snapshot: buildSnapshot({lagging: true, events: many})});
		expectFits(app.lines(), columns, rows);
		await app.press(keys.enter); // node detail: long
		expect(app.frame()).toContain('127.0.0.1:26997  master');
		expectFits(app.lines(), columns, rows);
		await app.press(keys.escape, '?'); // help
		expect(app.frame()).toContain('Keys');
		expectFits(app.lines(), columns, rows);
		await app.press(keys.escape, 'w'); // walkthrough
		expectFits(app.lines(), columns, rows);
		await app.press(keys.escape, keys.tab, keys.enter); // check detail
		expect(app.frame()).toContain('1.1.1 Roles');
		expectFits(app.lines(), columns, rows);
	});

	test('adapts on resize: borders below 40 columns go away, compact rows below 60', async () => {
		app = await renderApp({columns: 100, rows: 30, snapshot: buildSnapshot({lagging: true})});
		expect(app.frame()).toMatch(/[│┃]/);
		expect(app.frame()).toMatch(/127\.0\.0\.1:27007 328 KiB 4s behind · ack 4s · online/);
		await app.resize(50, 20);
		expect(app.frame()).toMatch(/127\.0\.0\.1:27007 328 KiB 4s/);
		expectFits(app.lines(), 50, 20);
		await app.resize(36, 14);
		expect(app.frame()).not.toMatch(/[│┃┌┏]/);
		expect(app.frame()).toContain('127.0.0.1:27007');
		expectFits(app.lines(), 36, 14);
	});

	test('the line budget never exceeds rows − 1, whatever the content', () => {
		for (const rows of [3, 5, 8, 12, 24, 40, 60]) {
			for (const columns of [20, 39, 59, 80, 130]) {
				for (const need of [0, 3, 50]) {
					const l = computeLayout({columns, rows}, {topologyRows: need, checkRows: need * 2, footerLines: 3});
					expect(l.frameHeight).toBeLessThanOrEqual(rows - 1 || 1);
					const body = l.arrangement === 'stacked' ? l.topology.height + l.checks.height + l.timelineLines : Math.max(l.topology.height + l.timelineLines, l.checks.height);
					expect(l.statusLines + body + l.footerLines).toBeLessThanOrEqual(l.frameHeight);
					expect(Math.min(l.topology.height, l.checks.height)).toBeGreaterThanOrEqual(0);
					expect(l.topology.width + (l.arrangement === 'side-by-side' ? l.checks.width : 0)).toBeLessThanOrEqual(columns);
				}
			}
		}
	});
});

test('at 200 columns the topology gets what its widest line needs and the checklist the rest: a long check line is not cut', async () => {
	const base = buildSnapshot({lagging: true});
	const long = 'unknown - 1 leader(s), 1 follower(s); 1 node(s) unreachable';
	const checks = base.checks.map(c => (c.id === '1.1.1' ? {...c, status: 'unknown' as const, summary: long.slice('unknown - '.length)} : c));
	app = await renderApp({columns: 200, rows: 60, snapshot: {...base, checks}});
	const row = app.lines().find(l => l.includes('1.1.1'))!;
	// 100 cells: cut at 90 columns before, whole now.
	expect(row).toMatch(/▸\? 1\.1\.1 Roles identified, one leader per group - 1 leader\(s\), 1 follower\(s\); 1 node\(s\) unreachable *│$/);
	expect(app.lines().find(l => l.includes('127.0.0.1:27007'))).toMatch(/328 KiB 4s behind · ack 4s · online · [▁▂▃▄▅▆▇█]+ max 328 KiB\/\d+s/);
	expectFits(app.lines(), 200, 60);
	app.unmount();
	// A silent follower's row is wider: the topology takes what it needs but the error text, which comes last.
	app = await renderApp({columns: 200, rows: 60, snapshot: buildSnapshot({lagging: true, follower2Unreachable: true})});
	expect(app.frame()).toMatch(/328 KiB 4s behind \(leader view\) · ack 4s · silent 12s · leader sees it online/);
	expectFits(app.lines(), 200, 60);
	app.unmount();
	// Sentinel lines stay whole without taking the width: what the summary says is not repeated on them.
	app = await renderApp({columns: 200, rows: 60, snapshot: buildSentinelSnapshot('healthy')});
	for (const port of [26379, 26380, 26381]) expect(app.lines().find(l => l.includes(`127.0.0.1:${port}`))).toMatch(/flags master · CKQUORUM OK · 2 other Sentinels *┃/);
	expect(app.lines().find(l => l.includes('Sentinels of mymaster'))).toMatch(/master 127\.0\.0\.1:\d+ · quorum 2 · CKQUORUM OK *┃/);
	expect(app.lines().find(l => l.includes('1.1.1'))!.indexOf('│')).toBeGreaterThan(0);
	expect(app.lines()[3]!.indexOf('┃', 1)).toBeLessThanOrEqual(100);
	expectFits(app.lines(), 200, 60);
});

test('at 120 columns the checklist gets 48 columns (was 42: most check titles cut), and its lines of titles read whole', async () => {
	expect(computeLayout({columns: 120, rows: 40}, {topologyRows: 8, checkRows: 40, footerLines: 2}).checks.width).toBe(48);
	app = await renderApp({columns: 120, rows: 40, snapshot: buildSnapshot({lagging: true})});
	expect(app.lines().find(l => l.includes('1.1 Leader'))).toMatch(/│1\.1 Leader for Writes, Followers for Reads ✔\d+ *│$/);
	// The topology keeps every number of a lagging follower.
	expect(app.lines().find(l => l.includes('127.0.0.1:27007'))).toMatch(/328 KiB 4s behind · ack 4s · online/);
	expectFits(app.lines(), 120, 40);
	app.unmount();
	// A silent follower keeps `behind`, the leader's view marked (shortened), the ack and the silence.
	app = await renderApp({columns: 120, rows: 40, snapshot: buildSnapshot({lagging: true, follower2Unreachable: true})});
	expect(app.lines().find(l => l.includes('127.0.0.1:27007'))).toMatch(/✖ 127\.0\.0\.1:27007 328 KiB 4s behind \((leader( view)?|ldr)\) · ack 4s · silent 12s/);
	expectFits(app.lines(), 120, 40);
});
