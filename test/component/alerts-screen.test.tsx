import {afterEach, describe, expect, test} from 'vitest';
import {AlertEngine} from '../../source/alerts/engine.js';
import {defaultSettings} from '../../source/checks/index.js';
import type {Alert} from '../../source/model/alerts.js';
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

	// Issue 26 B: the banner is the news now.
	const firingAlert = (rule: Alert['rule'], subject: string, severity: Alert['severity'], text: string, firedAgoS: number, trueAgoS: number, at: number, extra: Partial<Alert> = {}): Alert =>
		({key: `${rule}|${subject}`, rule, subject, severity, text, state: 'firing', since: at - firedAgoS * 1000 - 5000, firedAt: at - firedAgoS * 1000, lastTrueAt: at - trueAgoS * 1000, changeSeq: 1, ...extra});

	test('80x24: the most severe, most recent alert leads (a leader kill over a 4-minute-old full-sync loop); a check alert has its id and title in the list', async () => {
		const snapshot = buildSnapshot();
		const at = snapshot.topology.at;
		const alerts = [
			firingAlert('full-sync-loop', '127.0.0.1:26997', 'critical', 'served 3 full syncs in the last 11m00s (alert at 3 an hour)', 240, 0, at),
			firingAlert('check', '2.2.2', 'warning', '2.2.2 Diskless delay: warn (repl-diskless-sync-delay 0)', 200, 0, at, {title: 'Diskless delay'}),
			firingAlert('node-down', '127.0.0.1:27003', 'critical', 'unreachable: connect ECONNREFUSED', 3, 0, at),
		];
		app = await renderApp({snapshot: {...snapshot, alerts}, columns: 80, rows: 24});
		expect(app.lines()[1]).toMatch(/^▲ ALERT node-down 127\.0\.0\.1:27003: unreachable.*\(\+2 more, a: alerts\)/);
		await app.press('a');
		const list = app.lines().filter(l => /FIRING/.test(l));
		expect(list[0]).toMatch(/node-down 127\.0\.0\.1:27003/);
		expect(app.frame()).toMatch(/! FIRING\s+check 2\.2\.2 Diskless delay\s+for 3m20s/);
	});

	test('80x24: an alert whose condition cleared (node back up, in its clear time) leaves the banner; the list says it is clearing', async () => {
		const snapshot = buildSnapshot();
		const at = snapshot.topology.at;
		const back = firingAlert('node-down', '127.0.0.1:27003', 'critical', 'unreachable: no reply', 30, 4, at);
		app = await renderApp({snapshot: {...snapshot, alerts: [back, firingAlert('lag-bytes', '127.0.0.1:27007', 'warning', '328 KiB behind 127.0.0.1:26997 (alert above 256 KiB)', 10, 0, at)]}, columns: 80, rows: 24});
		expect(app.lines()[1]).toMatch(/^△ warning lag-bytes 127\.0\.0\.1:27007: 328 KiB behind .*\(a: alerts\)$/);
		expect(app.frame()).not.toContain('node-down');
		await app.publish({...snapshot, alerts: [back]});
		expect(app.frame()).not.toMatch(/ALERT|warning/);
		await app.press('a');
		expect(app.frame()).toMatch(/FIRING\s+node-down 127\.0\.0\.1:27003\s+for 30s, clear for 4s$/m);
	});

	test('a failover and a split brain are critical from their first tick, and the split brain leaves the banner when it ends', async () => {
		const snapshot = buildSnapshot();
		const at = snapshot.topology.at;
		const engine = new AlertEngine({...defaultSettings});
		const failover = engine.evaluate({topology: snapshot.topology, checks: [], events: [{at, node: '127.0.0.1:27003', kind: 'failover', text: 'became master (was replica)'}], at}).alerts;
		expect(failover.find(a => a.rule === 'failover')).toMatchObject({state: 'firing', severity: 'critical'});
		const two = ['127.0.0.1:26997', '127.0.0.1:27003'];
		const split = {...snapshot.topology, groups: [{...snapshot.topology.groups[0]!, splitBrain: true, masters: two}]};
		const engine2 = new AlertEngine({...defaultSettings});
		const during = engine2.evaluate({topology: split, checks: [], events: [], at}).alerts;
		app = await renderApp({snapshot: {...snapshot, topology: split, alerts: during}, columns: 80, rows: 24});
		expect(app.lines()[1]).toMatch(/^▲ ALERT split-brain 127\.0\.0\.1:26997: 2 masters: 127\.0\.0\.1:26997, /);
		const over = {...snapshot.topology, at: at + 1000};
		const after = engine2.evaluate({topology: over, checks: [], events: [], at: at + 1000}).alerts;
		expect(after.find(a => a.rule === 'split-brain')?.state).toBe('firing'); // still in its clear time
		await app.publish({...snapshot, topology: over, alerts: after});
		expect(app.frame()).not.toContain('split-brain');
	});

	test('60x20: with many alerts firing the count reads as alerts, not as node-downs', async () => {
		const snapshot = buildSnapshot();
		const at = snapshot.topology.at;
		const alerts = [firingAlert('node-down', '127.0.0.1:25501', 'critical', 'unreachable: connect ECONNREFUSED 127.0.0.1:25501 after 1000 ms', 2, 0, at),
			...Array.from({length: 7}, (_, i) => firingAlert('lag-seconds', `127.0.0.1:2560${i}`, 'warning', `${i + 2} s behind 127.0.0.1:25500 (alert above 1 s)`, 20, 0, at))];
		app = await renderApp({snapshot: {...snapshot, alerts}, columns: 60, rows: 20});
		expect(app.lines()[1]).toBe('▲ ALERT node-down …:25501 · 8 alerts firing');
	});
});
