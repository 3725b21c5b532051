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
		// `(3 usable)` would only repeat `3/3 up`.
		expect(line(app, 'Sentinels of mymaster')).toMatch(/3\/3 up · master 127\.0\.0\.1:\d+ · quorum 2 · CKQUORUM OK *┃/);
		// What the summary says (quorum, the master they agree on) is not repeated on each Sentinel's line.
		for (const port of [26379, 26380, 26381]) {
			expect(line(app, `127.0.0.1:${port}`)).toMatch(/◆ 127\.0\.0\.1:\d+ flags master · CKQUORUM OK · 2 other Sentinels *┃/);
		}
	});

	test('a Sentinel that names another master says which, and the summary says they disagree', async () => {
		const snapshot = buildSentinelSnapshot('healthy');
		const sentinels = snapshot.topology.sentinels.map((s, i) => (i === 2 ? {...s, masterAddr: '127.0.0.1:7001'} : s));
		app = await renderApp({columns: 160, rows: 40, snapshot: {...snapshot, topology: {...snapshot.topology, sentinels}}});
		expect(line(app, 'Sentinels of mymaster')).toContain('Sentinels DISAGREE');
		expect(line(app, '127.0.0.1:26381')).toMatch(/◆ 127\.0\.0\.1:26381 flags master · sees master 127\.0\.0\.1:7001 · CKQUORUM OK/);
		expect(line(app, '127.0.0.1:26379')).toMatch(/sees master 127\.0\.0\.1:\d+/);
	});

	test('two Sentinels stopped: NOQUORUM with the usable count, the silent ones with their reason', async () => {
		app = await renderApp({columns: 160, rows: 40, snapshot: buildSentinelSnapshot('noquorum')});
		expect(line(app, 'Sentinels of mymaster')).toMatch(/1\/3 up · NOQUORUM \(1 usable\) · master 127\.0\.0\.1:\d+/);
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

	test('at 100x30 and 80x24 the Sentinel summary stays with the group line while the selection is on the last follower', async () => {
		for (const [columns, rows] of [[100, 30], [80, 24]] as const) {
			app = await renderApp({columns, rows, snapshot: buildSentinelSnapshot('healthy')});
			for (let i = 0; i < 3; i++) await app.press('j');
			expect(app.frame()).toMatch(/▸└ 127\.0\.0\.1:27007/);
			expect(line(app, '[-] mymaster')).toContain('leader up');
			expect(line(app, 'Sentinels of mymaster')).toMatch(/3\/3 up · master 127\.0\.0\.1:\d+ · quorum 2/);
			app.unmount();
			app = undefined;
		}
	});

	test('c folds the Sentinel lines but keeps the summary', async () => {
		app = await renderApp({columns: 160, rows: 40, snapshot: buildSentinelSnapshot('noquorum')});
		await app.press('c');
		expect(app.frame()).toMatch(/\[\+\] mymaster/);
		expect(line(app, 'Sentinels of mymaster')).toContain('NOQUORUM');
		expect(app.frame()).not.toContain('127.0.0.1:26380');
	});
});
