import {afterEach, describe, expect, test} from 'vitest';
import type {MonitorSampleControls, RemediationApi} from '../../source/model/ui-contracts.js';
import {keys, renderApp, type Rendered} from './render-app.js';

const follower = '127.0.0.1:27007';
let app: Rendered | undefined;
afterEach(() => {
	app?.unmount();
	app = undefined;
});

const filterLine = (a: Rendered) => a.lines().find(l => l.includes('filter nodes and checks'));

function recordingApi(cancelled: string[]): RemediationApi {
	return {
		validate: () => undefined,
		apply: async () => {
			throw new Error('not expected in this test');
		},
		persist: async () => ({ok: false, message: 'not expected'}),
		cancelled: check => cancelled.push(check.id),
	};
}

describe('keys typed faster than a render each meet the screen the previous key left', () => {
	test('/ right after the Enter that applies a filter opens the filter line again', async () => {
		app = await renderApp({columns: 100, rows: 40});
		await app.press('/', '2', '7');
		await app.pressTogether(keys.enter, '/');
		expect(filterLine(app)).toContain('27');
		expect(filterLine(app)).not.toContain('27/');
	});

	test('a pasted filter with its Enter in one chunk is applied whole', async () => {
		app = await renderApp({columns: 100, rows: 40});
		await app.press('/');
		await app.press('27007\r');
		expect(filterLine(app)).toBeUndefined();
		expect(app.lines()[0]).toContain('filter "27007"');
	});

	test('j j Enter in one chunk opens the node the cursor moved to', async () => {
		app = await renderApp({columns: 100, rows: 40});
		await app.press('jj\r');
		expect(app.frame()).toMatch(new RegExp(`${follower.replace(/\./g, '\\.')} {2}replica`));
	});

	test('a key right after f goes to the fix prompt (n cancels it), not to the main screen', async () => {
		const cancelled: string[] = [];
		app = await renderApp({columns: 100, rows: 40, options: {remediation: recordingApi(cancelled)}});
		await app.press(keys.tab, ...Array<string>(5).fill(keys.down));
		expect(app.frame()).toMatch(/▸! 2\.2\.2 Diskless delay/);
		await app.pressTogether('f', 'n');
		expect(cancelled).toEqual(['2.2.2']);
		expect(app.frame()).not.toContain('Fix 2.2.2');
	});

	test('a key right after the one that closes the fix prompt goes to the main screen, once', async () => {
		const cancelled: string[] = [];
		app = await renderApp({columns: 100, rows: 40, options: {remediation: recordingApi(cancelled)}});
		await app.press(keys.tab, ...Array<string>(5).fill(keys.down), 'f');
		expect(app.frame()).toContain('Fix 2.2.2');
		await app.pressTogether('n', '/', 'x');
		expect(cancelled).toEqual(['2.2.2']);
		expect(app.frame()).not.toContain('Fix 2.2.2');
		expect(filterLine(app)).toMatch(/x/);
	});

	test('m y in one go starts the MONITOR sample of the selected node', async () => {
		const asked: string[] = [];
		const sampler: MonitorSampleControls = {
			warning: 'MONITOR costs throughput.',
			run: async node => {
				asked.push(node);
				return `MONITOR ${node} 5.0 s: 1 reads, 0 writes, 0 other`;
			},
		};
		app = await renderApp({columns: 100, rows: 40, options: {monitorSample: sampler}});
		await app.press(keys.down, keys.down);
		await app.pressTogether('m', 'y');
		expect(asked).toEqual([follower]);
		expect(app.frame()).not.toContain('MONITOR sample of');
	});
});
