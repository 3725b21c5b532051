import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, afterEach, describe, expect, test} from 'vitest';
import {buildSnapshot, sampleChecks} from './fixtures.js';
import {keys, renderApp, type Rendered} from './render-app.js';

let app: Rendered | undefined;
const dir = mkdtempSync(join(tmpdir(), 'replwatch-walk-'));
afterEach(() => {
	app?.unmount();
	app = undefined;
});
afterAll(() => rmSync(dir, {recursive: true, force: true}));

const heading = (frame: string) => frame.split('\n')[1] ?? '';

describe('walkthrough', () => {
	test('--walkthrough starts on the first check in document order; n and p step; Documentation notes are filled', async () => {
		app = await renderApp({columns: 100, rows: 40, options: {walkthrough: true, reportDir: dir}});
		expect(heading(app.frame())).toBe('Walkthrough 1/6 - section 1.1 Leader for Writes, Followers for Reads');
		expect(app.frame()).toContain('✔ 1.1.1 Roles identified, one leader per group');
		expect(app.frame()).toContain('Documentation notes');
		// What is verified and why, from the checks registry.
		expect(app.frame()).toMatch(/What is verified and why it matters\nEach node reports its role/);
		expect(app.frame()).toContain('- Current status: pass: one leader: 127.0.0.1:26997');
		await app.press('n', 'n');
		expect(heading(app.frame())).toBe('Walkthrough 3/6 - section 1.2 Minimize Follower Lag');
		expect(app.frame()).toContain('1.2.4 Replication delay');
		expect(app.frame()).toContain('- Recommendations: Investigate replica CPU and network.');
		await app.press('n');
		expect(app.frame()).toContain('1.2.10 Ordering probe'); // 1.2.10 after 1.2.4, not after 1.2.1
		await app.press('\u001B[D'); // ← : the previous step
		expect(app.frame()).toContain('1.2.4 Replication delay');
	});

	test('the evidence on screen follows new ticks', async () => {
		app = await renderApp({columns: 100, rows: 40, options: {walkthrough: true, reportDir: dir}});
		await app.press('n', 'n');
		expect(app.frame()).toMatch(/127\.0\.0\.1:27007: 0 bytes behind/);
		await app.publish(buildSnapshot({lagging: true, tick: 11}));
		expect(app.frame()).toMatch(/127\.0\.0\.1:27007: 336203 bytes behind, 3\.5s/);
		expect(app.frame()).toContain('! 1.2.4 Replication delay');
	});

	test('the end says so; r writes the report and shows its path', async () => {
		app = await renderApp({columns: 100, rows: 40, options: {walkthrough: true, reportDir: dir}});
		await app.press(...Array<string>(10).fill('n'));
		expect(heading(app.frame())).toBe('Walkthrough 6/6 - section 2.2 Diskless Replication');
		expect(app.frame()).toContain('End of the checklist. Press r to write the walkthrough report.');
		await app.press('r');
		const match = /Report written: (\S+)/.exec(app.frame());
		expect(match).not.toBeNull();
		const path = match![1]!;
		expect(path.startsWith(dir)).toBe(true);
		expect(existsSync(path)).toBe(true);
		expect(readFileSync(path, 'utf8')).toContain('2.2.2');
	});

	test('e adds an operator note that shows on screen and goes into the report', async () => {
		app = await renderApp({columns: 100, rows: 40, options: {walkthrough: true, reportDir: dir}});
		await app.press('n', 'n', 'e', ...'lag checked with the network team');
		expect(app.frame()).toContain('note for 1.2.4 (Enter keeps, Esc cancels): lag checked with the network team');
		await app.press(keys.enter);
		expect(app.frame()).toContain('- Operator note: lag checked with the network team');
		await app.press('n', 'e', ...'discard me', keys.escape);
		expect(app.frame()).toContain('- Operator note: (none, press e to add one)');
		await app.press('r');
		const path = /Report written: (\S+)/.exec(app.frame())![1]!;
		expect(readFileSync(path, 'utf8')).toContain('lag checked with the network team');
		expect(readFileSync(path, 'utf8')).not.toContain('discard me');
	});

	test('w opens it from the main screen and Esc leaves it', async () => {
		app = await renderApp({columns: 100, rows: 40, options: {reportDir: dir}});
		await app.press('w');
		expect(heading(app.frame())).toMatch(/^Walkthrough 1\/6/);
		await app.press(keys.escape);
		expect(app.frame()).toContain('Checklist');
	});

	test('in a small terminal the report path stays visible', async () => {
		const checks = sampleChecks(buildSnapshot().topology);
		app = await renderApp({columns: 60, rows: 10, options: {walkthrough: true, reportDir: dir}, snapshot: buildSnapshot({checks})});
		await app.press('r');
		expect(app.frame()).toMatch(/Report written: /);
		expect(app.lines().length).toBeLessThan(10);
	});

	// Issue 26 H: ] and [ go problem to problem, as on the main screen; n and ← still step one by one.
	test('] steps from problem to problem (wrapping), [ back; the help names them as on the main screen', async () => {
		app = await renderApp({columns: 120, rows: 40, options: {walkthrough: true}, snapshot: buildSnapshot({lagging: true})});
		expect(app.frame()).toContain('1.1.1 Roles identified');
		await app.press(']');
		expect(app.frame()).toMatch(/! 1\.2\.4 Replication delay/);
		await app.press(']');
		expect(app.frame()).toMatch(/! 2\.2\.2 Diskless delay/);
		await app.press(']');
		expect(app.frame()).toMatch(/! 1\.2\.4 Replication delay/);
		await app.press('[');
		expect(app.frame()).toMatch(/! 2\.2\.2 Diskless delay/);
		// The footer names the key as the main screen's does.
		expect(app.frame()).toMatch(/\] next problem/);
	});
});
