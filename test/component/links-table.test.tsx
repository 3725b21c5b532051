// Issue 26 D/E: the links table (`l`) at 80x24 fits: distinct short addresses, the border kept, no wrapped or
// blank lines; under --ascii not one non-ASCII character.
import {afterEach, expect, test} from 'vitest';
import {buildSnapshot} from './fixtures.js';
import {renderApp, type Rendered} from './render-app.js';

let app: Rendered | undefined;
afterEach(() => {
	app?.unmount();
	app = undefined;
});

test('80x24: one line per link between the borders, followers told apart by port, the host in the title', async () => {
	app = await renderApp({columns: 80, rows: 24, snapshot: buildSnapshot({lagging: true, follower2Unreachable: true})});
	await app.press('l');
	const lines = app.lines();
	const top = lines.findIndex(l => l.startsWith('┌'));
	expect(lines[top - 1]).toMatch(/^Links \(2\) by behind · host 127\.0\.0\.1 · o: order/);
	const table = lines.slice(top, lines.findIndex(l => l.startsWith('└')) + 1);
	expect(table).toHaveLength(6); // border, heading, rule, 2 rows, border
	for (const l of table) expect(l.length).toBeLessThanOrEqual(80);
	expect(table[1]).toMatch(/^│ follower +│ leader +│ state/);
	if (process.env.SHOW) console.log(lines.join('\n'));
	expect(table[3]).toMatch(/^│ ✖ :27007 +│ :26997 +│ online \(ldr view\) +│ 328 KiB/);
	expect(table[4]).toMatch(/^│ :27003 +│ :26997 +│ online +│ 0 B/);
	expect(table.every(l => /^[│┌├└].*[│┐┤┘]$/.test(l))).toBe(true);
});

test('--ascii: the links table and node detail draw with ASCII only', async () => {
	app = await renderApp({columns: 80, rows: 24, options: {ascii: true}, snapshot: buildSnapshot({lagging: true, follower2Unreachable: true})});
	await app.press('l');
	expect(app.frame()).toMatch(/\| XX :27007 +\| :26997/);
	expect(app.frame()).toMatch(/^\+-+\+/m);
	expect(app.frame().match(/[^\x00-\x7F]/g) ?? []).toEqual([]);
});
