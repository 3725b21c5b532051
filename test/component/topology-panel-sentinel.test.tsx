import {afterEach, describe, expect, test} from 'vitest';
import {renderApp, type Rendered} from './render-app.js';
import {buildSentinelSnapshot} from './scale-fixtures.js';

let app: Rendered | undefined;
afterEach(() => {
	app?.unmount();
	app = undefined;
});

const line = (r: Rendered, text: string) => r.lines().find(l => l.includes(text)) ?? '';

describe('Sentinels in the topology panel', () => {
	test('a healthy trio: one summary line with quorum and CKQUORUM, one line per Sentinel', async () => {
		app = await renderApp({columns: 160, rows: 40, snapshot: buildSentinelSnapshot('healthy')});
		expect(app.frame()).toMatch(/\[-\] mymaster · leader up · 2\/2 (?:followers online|ok) · max/);
		expect(line(app, 'Sentinels of mymaster')).toMatch(/3\/3 up · quorum 2 · CKQUORUM OK \(3 usable\)/);
		for (const port of [26379, 26380, 26381]) {
			expect(line(app, `127.0.0.1:${port}`)).toMatch(/flags master · CKQUORUM OK · 2 other Sentinels · quorum 2/);
		}
	});

	test('two Sentinels stopped: NOQUORUM with the usable count, the silent ones with their reason', async () => {
		app = await renderApp({columns: 160, rows: 40, snapshot: buildSentinelSnapshot('noquorum')});
		expect(line(app, 'Sentinels of mymaster')).toMatch(/1\/3 up · quorum 2 · NOQUORUM \(1 usable\)/);
		expect(line(app, '127.0.0.1:26379')).toMatch(/NOQUORUM \(1 usable\)/);
		expect(line(app, '127.0.0.1:26380')).toMatch(/unreachable: timeout: no reply within 1000 ms/);
		expect(line(app, '127.0.0.1:26381')).toMatch(/unreachable: timeout/);
	});

	test('TILT and a subjectively down master are called out on the summary and on the Sentinel that sees them', async () => {
		app = await renderApp({columns: 160, rows: 40, snapshot: buildSentinelSnapshot('tilt')});
		expect(line(app, 'Sentinels of mymaster')).toContain('TILT on 1');
		expect(line(app, '127.0.0.1:26379')).toContain('TILT');
		expect(line(app, '127.0.0.1:26380')).not.toContain('TILT');
		app.unmount();
		app = await renderApp({columns: 160, rows: 40, snapshot: buildSentinelSnapshot('sdown')});
		expect(line(app, 'Sentinels of mymaster')).toContain('master s_down');
		expect(line(app, '127.0.0.1:26379')).toContain('flags s_down,master,disconnected');
	});

	test('c folds the Sentinel lines but keeps the summary', async () => {
		app = await renderApp({columns: 160, rows: 40, snapshot: buildSentinelSnapshot('noquorum')});
		await app.press('c');
		expect(app.frame()).toMatch(/\[\+\] mymaster/);
		expect(line(app, 'Sentinels of mymaster')).toContain('NOQUORUM');
		expect(app.frame()).not.toContain('127.0.0.1:26380');
	});
});
