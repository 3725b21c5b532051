import {afterEach, describe, expect, test} from 'vitest';
import {keys, renderApp, type Rendered} from './render-app.js';
import {buildScaleSnapshot, scaleAddress} from './scale-fixtures.js';

let app: Rendered | undefined;
afterEach(() => {
	app?.unmount();
	app = undefined;
});

const scenario = {nodes: 200, laggingGroup: 41, downGroup: 12};
const rows = 40;
const selectedLine = (r: Rendered) => r.lines().find(l => /[┃│ ]▸[M└ ]/.test(l) && l.includes('10.1.'));
const nodeAddresses = (r: Rendered) => r.frame().match(/10\.1\.\d+\.\d+:6379/g) ?? [];

describe('topology at 200 nodes', () => {
	test('the frame fits the terminal and shows one summary line per group', async () => {
		app = await renderApp({columns: 120, rows, snapshot: buildScaleSnapshot(scenario)});
		const lines = app.lines();
		expect(lines.length).toBeLessThan(rows);
		expect(app.frame()).toContain('Topology (199/200 up)');
		// 67 groups: each has a summary line with its health.
		expect(app.frame()).toMatch(/\[-\] group · leader up · 2\/2 (?:followers online|ok) · max(?: behind)? 25\.5 KiB/);
		expect(app.frame()).toContain(scaleAddress(0, 0));
	});

	test('the selection scrolls into view far down the list', async () => {
		app = await renderApp({columns: 120, rows, snapshot: buildScaleSnapshot(scenario)});
		await app.press(...Array<string>(150).fill('j'));
		// Node 150 in discovery order: group 50, the leader.
		expect(selectedLine(app)).toContain(scaleAddress(50, 0));
		expect(app.frame()).not.toContain(scaleAddress(0, 0));
		expect(app.lines().length).toBeLessThan(rows);
		await app.press(...Array<string>(150).fill('k'));
		expect(selectedLine(app)).toContain(scaleAddress(0, 0));
	});

	test('c collapses the selected group to its summary and leader, C folds every group', async () => {
		app = await renderApp({columns: 120, rows, snapshot: buildScaleSnapshot(scenario)});
		await app.press('j'); // a follower of group 0
		await app.press('c');
		const frame = app.frame();
		expect(frame).toMatch(/\[\+\] group · leader up · 2\/2 (?:followers online|ok)/);
		expect(frame).not.toContain(scaleAddress(0, 1));
		expect(frame).not.toContain(scaleAddress(0, 2));
		expect(selectedLine(app)).toContain(scaleAddress(0, 0));
		expect(frame).toContain(scaleAddress(1, 1)); // group 1 still open
		await app.press('C');
		expect(nodeAddresses(app).every(a => a.endsWith('.1:6379'))).toBe(true);
		// Group 12 keeps its bad news in the folded summary.
		await app.press(...Array<string>(12).fill('j'));
		expect(selectedLine(app)).toContain(scaleAddress(12, 0));
		expect(app.frame()).toMatch(/\[\+\] group · leader up · 1\/2 (?:followers online|ok) · 1 unreach(?:able)?/);
		await app.press('C');
		expect(app.frame()).toContain(scaleAddress(12, 1));
	});

	test('o orders by lag: the most-behind follower comes first, and the selection stays on its node', async () => {
		app = await renderApp({columns: 120, rows, snapshot: buildScaleSnapshot(scenario)});
		await app.press('j', 'j', 'j'); // group 1 leader
		expect(selectedLine(app)).toContain(scaleAddress(1, 0));
		await app.press('o');
		expect(app.frame()).toContain('order: lag, most behind first');
		expect(app.frame()).toContain('by lag');
		expect(selectedLine(app)).toContain(scaleAddress(1, 0));
		await app.press(...Array<string>(60).fill('k'));
		const nodeLines = app.lines().filter(l => l.includes('10.1.'));
		expect(nodeLines[0]).toContain(scaleAddress(41, 0));
		expect(nodeLines[1]).toContain(scaleAddress(41, 2));
		expect(nodeLines[1]).toMatch(/328 KiB 4s/);
		await app.press('o');
		expect(app.frame()).toContain('order: status, worst first');
		const worst = app.lines().filter(l => l.includes('10.1.'));
		expect(worst[0]).toContain(scaleAddress(12, 0));
		expect(worst[1]).toContain(`✖ ${scaleAddress(12, 1)} `);
	});

	test('/ narrows the list to the matching group; Esc brings every node back', async () => {
		app = await renderApp({columns: 120, rows, snapshot: buildScaleSnapshot(scenario)});
		await app.press('/', ...'10.1.17.', keys.enter);
		expect([...new Set(nodeAddresses(app))].sort()).toEqual([scaleAddress(17, 0), scaleAddress(17, 1), scaleAddress(17, 2)]);
		expect(app.frame()).toMatch(/\[-\] group · leader up · 2\/2 (?:followers online|ok)/);
		expect(app.frame()).toContain('Topology (199/200 up)');
		await app.press('/', keys.escape);
		expect(app.frame()).toContain(scaleAddress(16, 1));
		expect(selectedLine(app)).toContain(scaleAddress(17, 0));
	});
});
