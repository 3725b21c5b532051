import {afterEach, describe, expect, test} from 'vitest';
import {AlertEngine} from '../../source/alerts/engine.js';
import {defaultSettings} from '../../source/checks/index.js';
import type {Snapshot} from '../../source/model/snapshot.js';
import {bannerText} from '../../components/alert-lines.js';
import {buildSnapshot} from './fixtures.js';
import {keys, renderApp, type Rendered} from './render-app.js';

let app: Rendered | undefined;
afterEach(() => {
	app?.unmount();
	app = undefined;
});

/** The captured lagging lab with follower2 stopped, after the real alert engine saw it for two ticks 2 s apart. */
function alerting(): Snapshot {
	const snapshot = buildSnapshot({lagging: true, follower2Unreachable: true});
	const engine = new AlertEngine({...defaultSettings, alertForSeconds: 1, alertLagSeconds: 0.5, alertLagBytes: 1024});
	const at = snapshot.lastTickAt ?? Date.now();
	engine.evaluate({topology: snapshot.topology, checks: snapshot.checks, events: [], at: at - 2000});
	return {...snapshot, alerts: engine.evaluate({topology: snapshot.topology, checks: snapshot.checks, events: [], at}).alerts};
}

describe('alerts in the TUI', () => {
	for (const [columns, rows] of [[80, 24], [120, 40]] as const) {
		test(`${columns}x${rows}: a firing alert is a banner line under the status line, the data path before checklist verdicts, and the frame still fits`, async () => {
			const snapshot = alerting();
			const firing = snapshot.alerts!.filter(a => a.state === 'firing');
			expect(firing.length).toBeGreaterThan(1);
			app = await renderApp({snapshot, columns, rows});
			const lines = app.lines();
			expect(lines.length).toBeLessThan(rows);
			expect(lines[1]).toMatch(/^▲ ALERT (node|link)-down \S+:\d+: \S/);
			expect(lines[1]).toContain(`(+${firing.length - 1} more, a: alerts)`);
			expect(lines[1]!.length).toBeLessThanOrEqual(columns);
		});
	}

	test('a firing warning alone (a checklist warn on a healthy lab) is a yellow `△ warning` banner, not a red ALERT', async () => {
		const snapshot = buildSnapshot();
		const engine = new AlertEngine({...defaultSettings, alertForSeconds: 1});
		const at = snapshot.lastTickAt ?? Date.now();
		engine.evaluate({topology: snapshot.topology, checks: snapshot.checks, events: [], at: at - 2000});
		const alerts = engine.evaluate({topology: snapshot.topology, checks: snapshot.checks, events: [], at}).alerts;
		expect(alerts.filter(a => a.state === 'firing').map(a => a.severity)).toEqual(['warning']);
		app = await renderApp({snapshot: {...snapshot, alerts}, columns: 80, rows: 24});
		expect(app.lines()[1]).toMatch(/^△ warning check: 2\.2\.2 .*warn/);
		expect(app.frame()).not.toContain('ALERT');
		expect(bannerText(alerts, 80, false)).toMatchObject({color: 'yellow', bold: false});
		expect(bannerText(alerting().alerts, 80, false)).toMatchObject({color: 'red', bold: true});
	});

	test('no banner without a firing alert; a opens the alert list and Esc closes it', async () => {
		app = await renderApp({snapshot: buildSnapshot(), columns: 80, rows: 24});
		expect(app.frame()).not.toContain('ALERT');
		await app.publish(alerting());
		await app.press('a');
		const frame = app.frame();
		expect(frame).toMatch(/Alerts: \d+ firing, \d+ pending/);
		expect(frame).toMatch(/✖ FIRING\s+node-down \S+:\d+\s+for 0s/);
		expect(frame).toMatch(/! FIRING\s+lag-bytes/);
		expect(app.lines().length).toBeLessThan(24);
		await app.press(keys.escape);
		expect(app.frame()).toContain('Topology');
	});
});
