// Issue 23: --alert-command as a bounded job runner, with real /bin/sh hooks: a background child is
// neither waited for nor killed, a setsid child does not wedge the alert, the timeout kills the hook's
// own process group, 1,000 alerts run at most the cap at once (drops counted), no credential in the env.
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {createAlertCommandRunner, type AlertCommandOptions} from '../../source/alerts/command.js';
import {waitFor} from '../../source/lab/processes.js';
import type {Alert} from '../../source/model/alerts.js';

const dir = mkdtempSync(join(tmpdir(), 'replwatch-hooks-'));
const leftovers: number[] = [];
afterAll(() => {
	for (const pid of leftovers) {
		try {
			process.kill(pid, 'SIGKILL');
		} catch {
			// gone
		}
	}
	rmSync(dir, {recursive: true, force: true});
});

const alert = (subject: string, state: Alert['state'] = 'firing', seq = 1): Alert => ({
	key: `node-down|${subject}`, rule: 'node-down', subject, severity: 'critical', text: `${subject} unreachable`, state, since: 0, firedAt: 0, lastTrueAt: 0, changeSeq: seq,
});

const alive = (pid: number) => {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
};

function runner(command: string, extra: Partial<AlertCommandOptions> = {}) {
	const failures: string[] = [];
	const runs: string[] = [];
	const r = createAlertCommandRunner({command, timeoutMs: 5000, onFailure: l => failures.push(l), onRun: l => runs.push(l), ...extra});
	return {r, failures, runs};
}

const pidIn = (file: string) => Number(readFileSync(file, 'utf8').trim());

describe('alert hooks', () => {
	it('a hook that exits leaving a background child succeeds at once; the child is not killed', async () => {
		const file = join(dir, 'bg.pid');
		const {r, failures, runs} = runner(`sleep 20 & echo $! > '${file}'; exit 0`);
		const started = Date.now();
		r.notify(alert('a'));
		await r.idle();
		expect(Date.now() - started).toBeLessThan(2000);
		expect(failures).toEqual([]);
		expect(runs).toEqual([expect.stringMatching(/^alert command ran for node-down a firing: exit 0 in \d+ ms$/)]);
		const pid = pidIn(file);
		leftovers.push(pid);
		await new Promise(resolve => setTimeout(resolve, 300));
		expect(alive(pid)).toBe(true);
	});

	it('a setsid child does not wedge the alert: every change of it runs', async () => {
		const file = join(dir, 'setsid.log');
		const pids = join(dir, 'setsid.pids');
		const {r, failures, runs} = runner(`setsid sh -c 'echo $$ >> "${pids}"; exec sleep 20' </dev/null & echo run >> '${file}'; exit 0`);
		for (const [i, state] of (['firing', 'resolved', 'firing', 'resolved', 'firing', 'resolved'] as const).entries()) r.notify(alert('b', state, i));
		await r.idle();
		expect(failures).toEqual([]);
		expect(runs).toHaveLength(6);
		expect(readFileSync(file, 'utf8').trim().split('\n')).toHaveLength(6);
		await waitFor(() => existsSync(pids) && readFileSync(pids, 'utf8').trim().split('\n').length === 6, 2000, 20);
		leftovers.push(...readFileSync(pids, 'utf8').trim().split('\n').map(Number));
	});

	it('on the timeout the hook and its process group are killed, and it says so', async () => {
		const file = join(dir, 'group.pid');
		const {r, failures} = runner(`sleep 30 & echo $! > '${file}'; sleep 30`, {timeoutMs: 300});
		r.notify(alert('c'));
		await r.idle();
		expect(failures).toEqual(['alert command killed after 0.3 s for node-down c firing']);
		const pid = pidIn(file);
		leftovers.push(pid);
		expect(await waitFor(() => !alive(pid), 2000, 20)).toBe(true);
	});

	it('1,000 alerts at once: at most the cap run together, the rest queue or are dropped with a count', async () => {
		const file = join(dir, 'concurrency.log');
		const {r, failures, runs} = runner(`echo + >> '${file}'; sleep 0.05; echo - >> '${file}'`, {maxRunning: 8, maxQueued: 100});
		for (let i = 0; i < 1000; i++) r.notify(alert(`10.0.0.${i}:6379`));
		await r.idle();
		expect(runs).toHaveLength(108);
		let now = 0;
		let most = 0;
		for (const mark of readFileSync(file, 'utf8').trim().split('\n')) {
			now += mark === '+' ? 1 : -1;
			most = Math.max(most, now);
		}
		expect(most).toBeLessThanOrEqual(8);
		expect(most).toBeGreaterThan(1);
		expect(await waitFor(() => failures.length > 0, 3000, 50)).toBe(true);
		expect(failures).toEqual(['alert command: 892 alert changes dropped (8 hooks running, 100 waiting at most)']);
	}, 30_000);

	it("the hook's environment has no credential", async () => {
		const file = join(dir, 'env.txt');
		const env = {...process.env, REDISCLI_AUTH: 'hunter2-data', REDISCLI_SENTINEL_AUTH: 'hunter2-sentinel', AWS_SECRET_ACCESS_KEY: 'hunter2-aws', LANG: 'C.UTF-8'};
		const {r, failures} = runner(`env > '${file}'`, {env});
		r.notify(alert('d'));
		await r.idle();
		expect(failures).toEqual([]);
		expect(existsSync(file)).toBe(true);
		const text = readFileSync(file, 'utf8');
		expect(text).not.toMatch(/hunter2|REDISCLI|AWS_/);
		expect(text).toMatch(/^PATH=/m);
		expect(text).toMatch(/^LANG=C\.UTF-8$/m);
	});
});
