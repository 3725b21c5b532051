import {chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startLab, type Lab} from '../../source/lab/lab.js';
import {startLoad, type LoadGenerator} from '../../source/lab/load.js';
import {findFreePort, waitFor} from '../../source/lab/processes.js';
import {ensureBuilt, startCli, type Running} from './cli-runner.js';

interface AlertLine {
	state: 'firing' | 'resolved';
	rule: string;
	subject: string;
	text: string;
	since: string;
	firedAt?: string;
	resolvedAt?: string;
}

const hold = 2;
const clear = 3;

describe('alerts through --alert-command on a real lab', () => {
	let lab: Lab;
	let load: LoadGenerator;
	let dir: string;
	let watch: Running;
	let log: string;
	const alerts = (rule: string, subject: string): AlertLine[] =>
		(existsSync(log) ? readFileSync(log, 'utf8') : '').split('\n').filter(Boolean).map(l => JSON.parse(l) as AlertLine).filter(a => a.rule === rule && a.subject === subject);

	beforeAll(async () => {
		ensureBuilt();
		lab = await startLab({followers: 1});
		load = startLoad(lab, {rate: 100});
		dir = mkdtempSync(join(tmpdir(), 'replwatch-alerts-16-'));
		log = join(dir, 'alerts.jsonl');
		const script = join(dir, 'append.sh');
		writeFileSync(script, `#!/bin/sh\ncat >> '${log}'\n`);
		chmodSync(script, 0o755);
		const config = join(dir, 'config.json');
		writeFileSync(config, JSON.stringify({alertForSeconds: hold, alertClearSeconds: clear, alertLagSeconds: 0.5, alertOnCheckWarn: false}));
		watch = startCli(['watch', '--interval', '250ms', '--timeout', '500ms', '--config', config, '--alert-command', script, lab.leader.address]);
		await waitFor(() => watch.stdout().includes('"type"') || watch.child.exitCode !== null, 10_000, 100);
	}, 30_000);

	afterAll(async () => {
		await watch?.stop();
		await load?.stop();
		await lab?.stop();
		if (dir) rmSync(dir, {recursive: true, force: true});
	});

	it('fires a lag alert once the follower has been behind for the hold time, and resolves it after the clear time', async () => {
		const follower = lab.followers[0]!;
		const pausedAt = Date.now();
		follower.pause();
		const fired = await waitFor(() => alerts('lag-seconds', follower.address).some(a => a.state === 'firing'), 15_000, 100);
		follower.resume();
		const resumedAt = Date.now();
		expect(fired).toBe(true);
		expect(await waitFor(() => alerts('lag-seconds', follower.address).some(a => a.state === 'resolved'), 15_000, 100)).toBe(true);
		const [firing, resolved, ...more] = alerts('lag-seconds', follower.address);
		expect(more).toEqual([]);
		expect(firing).toMatchObject({state: 'firing', rule: 'lag-seconds'});
		expect(firing!.text).toMatch(/^\d+(\.\d)? s behind 127\.0\.0\.1:\d+ \(alert above 0\.5 s\)$/);
		// Hysteresis: it fired no sooner than the hold time after the lag began, and resolved no sooner than the clear time after the follower came back.
		expect(Date.parse(firing!.firedAt!) - Date.parse(firing!.since)).toBeGreaterThanOrEqual(hold * 1000);
		expect(Date.parse(firing!.since)).toBeGreaterThanOrEqual(pausedAt - 500);
		expect(resolved).toMatchObject({state: 'resolved', firedAt: firing!.firedAt});
		expect(Date.parse(resolved!.resolvedAt!) - resumedAt).toBeGreaterThanOrEqual(clear * 1000 - 500);
	}, 40_000);

	it('a link flapping every second fires one alert, resolved once the link holds', async () => {
		const follower = lab.followers[0]!;
		const closed = await findFreePort();
		for (let i = 0; i < 5; i++) {
			await follower.command('REPLICAOF', '127.0.0.1', String(closed));
			await new Promise(resolve => setTimeout(resolve, 1000));
			await follower.command('REPLICAOF', '127.0.0.1', String(lab.leader.port));
			await new Promise(resolve => setTimeout(resolve, 1000));
		}
		expect(await waitFor(() => alerts('link-down', follower.address).some(a => a.state === 'resolved'), 15_000, 100)).toBe(true);
		expect(alerts('link-down', follower.address).map(a => a.state)).toEqual(['firing', 'resolved']);
		// The watch output saw every flap: five link-down events, but one alert.
		const downs = watch.stdout().split('\n').filter(l => l.includes('"kind":"link-down"') && l.includes(follower.address));
		expect(downs.length).toBeGreaterThanOrEqual(3);
		const watchAlerts = watch.stdout().split('\n').filter(l => l.includes('"type":"alert"') && l.includes('"rule":"link-down"') && l.includes(follower.address));
		expect(watchAlerts.map(l => JSON.parse(l).state)).toEqual(['firing', 'resolved']);
	}, 40_000);

	it('SIGTERM ends the watch cleanly (exit 0, a last "stopped" line)', async () => {
		expect(await watch.stop()).toBe(0);
		const last = watch.stdout().trim().split('\n').pop()!;
		expect(JSON.parse(last)).toMatchObject({type: 'stopped', signal: 'SIGTERM'});
		expect(watch.stderr()).toBe('');
	});
});
