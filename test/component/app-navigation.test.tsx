import {afterEach, describe, expect, test} from 'vitest';
import type {RemediationApi} from '../../source/model/ui-contracts.js';
import {buildSnapshot} from './fixtures.js';
import {keys, renderApp, type Rendered} from './render-app.js';

let app: Rendered | undefined;
afterEach(() => {
	app?.unmount();
	app = undefined;
});

describe('navigation', () => {
	test('select a follower, Enter shows every replication field in human units, Esc goes back', async () => {
		app = await renderApp({columns: 100, rows: 60, snapshot: buildSnapshot({lagging: true})});
		await app.press(keys.down, keys.down);
		expect(app.lines().find(l => l.includes('▸└ 127.0.0.1:27007') || l.includes('▸ └ 127.0.0.1:27007'))).toBeDefined();
		await app.press(keys.enter);
		const frame = app.frame();
		expect(frame).toMatch(/127\.0\.0\.1:27007 {2}replica/);
		expect(frame).toMatch(/│ behind +│ 328 KiB 4s +│/);
		expect(frame).toMatch(/│ last ack +│ 4s ago/);
		expect(frame).toMatch(/│ master_link_status +│ up/);
		expect(frame).toMatch(/│ slave_repl_offset +│ 336203 \(328 KiB into the stream\)/);
		expect(frame).toMatch(/│ repl_backlog_size +│ 1 MiB \(1048576\)/);
		expect(frame).toMatch(/│ master_last_io_seconds_ago +│ 0s/);
		// The lag chart of the follower, with its y axis and time axis.
		expect(frame).toMatch(/328 KiB ┤/);
		expect(frame).toMatch(/-10 min .* now/);
		expect(frame).not.toContain('Checklist');
		await app.press(keys.escape);
		expect(app.frame()).toContain('Checklist');
		expect(app.frame()).toContain('Topology (3/3 up)');
	});

	test('the leader\'s detail lists its followers with how far behind each is', async () => {
		app = await renderApp({columns: 120, rows: 60, snapshot: buildSnapshot({lagging: true})});
		await app.press(keys.enter);
		expect(app.frame()).toMatch(/slave1 +│ 127\.0\.0\.1:27007 online acked 0 \(328 KiB behind\), last ack 4s ago/);
	});

	test('j/k scroll a detail taller than the terminal', async () => {
		app = await renderApp({columns: 80, rows: 16, snapshot: buildSnapshot({lagging: true})});
		await app.press(keys.enter);
		expect(app.frame()).toMatch(/fields 1-\d+ of \d+, ↑\/↓ scroll/);
		expect(app.frame()).not.toContain('repl_backlog_histlen');
		await app.press(...Array<string>(40).fill('j'));
		expect(app.frame()).toContain('repl_backlog_histlen');
		expect(app.lines().length).toBeLessThan(16);
	});

	test('Tab to the checklist, Enter shows the check, f offers its fix, Esc cancels', async () => {
		const cancelled: string[] = [];
		const api: RemediationApi = {
			validate: () => undefined,
			apply: async () => {
				throw new Error('not expected in this test');
			},
			persist: async () => ({ok: false, message: 'not expected'}),
			cancelled: check => cancelled.push(check.id),
		};
		app = await renderApp({columns: 100, rows: 40, options: {remediation: api}});
		await app.press(keys.tab, ...Array<string>(5).fill(keys.down));
		expect(app.frame()).toMatch(/▸! 2\.2\.2 Diskless delay/);
		await app.press(keys.enter);
		const detail = app.frame();
		expect(detail).toContain('Status: warn - repl-diskless-sync-delay 0 with 2 replicas');
		expect(detail).toMatch(/127\.0\.0\.1:26997: repl-diskless-sync-delay 0/);
		expect(detail).toContain('Set repl-diskless-sync-delay to 5');
		expect(detail).toMatch(/127\.0\.0\.1:26997: CONFIG SET repl-diskless-sync-delay 5 \(0 → 5\)/);
		await app.press('f');
		expect(app.frame()).toContain('Fix 2.2.2');
		await app.press(keys.escape);
		expect(cancelled).toEqual(['2.2.2']);
		expect(app.frame()).not.toContain('Fix 2.2.2');
		expect(app.frame()).toContain('Fixes on offer');
	});

	test('a check without fixes offers no fix key, and f opens no prompt', async () => {
		app = await renderApp({columns: 100, rows: 40});
		await app.press(keys.tab, keys.enter);
		expect(app.frame()).not.toContain('f fix');
		await app.press('f');
		expect(app.frame()).not.toContain('Fix 1.1.1');
		expect(app.frame()).toContain('1.1.1 Roles identified');
	});

	test('/ filters nodes and checks as you type; Esc clears', async () => {
		app = await renderApp({columns: 100, rows: 40});
		await app.press('/', ...'diskless');
		expect(app.frame()).toContain('filter nodes and checks: diskless');
		expect(app.frame()).toContain('2.2.2 Diskless delay');
		expect(app.frame()).not.toContain('1.1.1 Roles');
		await app.press(keys.enter);
		expect(app.lines()[0]).toContain('filter "diskless"');
		await app.press('/', keys.escape);
		expect(app.frame()).toContain('1.1.1 Roles');
	});
});

describe('keys typed faster than Ink reads them', () => {
	test('a chunk like "jj\\r" is three keys: two moves and Enter', async () => {
		app = await renderApp({columns: 100, rows: 60, snapshot: buildSnapshot({lagging: true})});
		await app.press('jj');
		expect(app.lines().some(l => /▸ ?└ 127\.0\.0\.1:27007/.test(l))).toBe(true);
		await app.press('\r');
		expect(app.frame()).toMatch(/127\.0\.0\.1:27007 {2}replica/);
	});
});

describe('help', () => {
	test('scrolls when the terminal is too short for every key', async () => {
		const lab = {actions: Array.from({length: 8}, (_, i) => ({id: `fault-${i}`, key: String(i), description: `fault number ${i}`, target: 'none' as const})), run: async () => 'ok'};
		app = await renderApp({columns: 80, rows: 14, options: {lab}});
		await app.press('?');
		expect(app.frame()).not.toContain('fault number 7');
		expect(app.frame()).toMatch(/more lines/);
		await app.press(...Array<string>(20).fill('j'));
		expect(app.frame()).toContain('fault number 7');
		expect(app.lines().length).toBeLessThan(14);
	});
});
