// Records a real Sentinel lab through a pause, an applied fix and a failover (kill -9 of the
// leader), then replays the file: headless reports must match what the live run saw, and the
// TUI replay, stepped in tmux, must show the failover.
import {copyFileSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startLab, type Lab} from '../../source/lab/lab.js';
import {createMonitor, type Monitor} from '../../source/engine/monitor.js';
import {remediationFor} from '../../source/cli/remediation-wiring.js';
import {startRecording} from '../../source/cli/recording-wiring.js';
import {runReplay} from '../../source/cli/replay-command.js';
import {runOnce} from '../../source/cli/headless.js';
import {gunzipSync} from 'node:zlib';
import type {Snapshot} from '../../source/model/snapshot.js';
import {buildJsonReport} from '../../source/report/json.js';
import {checkWith, remediation, tempAuditPath} from './remediation-helpers.js';
import {options, tickUntil} from './monitor-helpers.js';
import {binary, ensureBuilt, hasTmux, openTerminal, see} from '../e2e/tmux-helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'replwatch-replay-'));
const file = join(dir, 'incident.ndjson.gz');

async function replay(...args: string[]): Promise<{code: number; out: string; err: string[]}> {
	let out = '';
	const err: string[] = [];
	const code = await runReplay([file, ...args], {stdout: text => (out += text), stderr: line => err.push(line), interactive: false});
	return {code, out, err};
}

describe('record a Sentinel lab through an incident, replay it', () => {
	let lab: Lab;
	let monitor: Monitor;
	let live: Snapshot;
	beforeAll(async () => {
		lab = await startLab({followers: 2, sentinels: 3, downAfterMs: 1000, failoverTimeoutMs: 5000});
		const opts = options('--sentinel', lab.sentinels[0]!.address, '--master-name', lab.masterName, lab.leader.address);
		monitor = createMonitor(opts, {heavyEveryMs: 1000, configEveryMs: 1000});
		const recorder = startRecording(monitor, opts, file);
		await tickUntil(monitor, s => s.topology.links.filter(l => l.linkStatus === 'up').length === 2 && s.topology.sentinels.length > 0, 10_000);

		// A paused follower (SIGSTOP) falls behind while the leader takes writes.
		const paused = lab.followers[0]!;
		paused.pause();
		try {
			for (let i = 0; i < 20; i++) {
				await lab.leader.command('SET', `k${i}`, 'x'.repeat(2000));
				if (i % 5 === 0) await monitor.tickOnce();
			}
			await tickUntil(monitor, s => (s.topology.links.find(l => l.follower === paused.address)?.lagBytes ?? 0) > 20_000, 5000);
		} finally {
			paused.resume();
		}
		await tickUntil(monitor, s => s.topology.links.find(l => l.follower === paused.address)?.lagBytes === 0, 10_000);

		// A fix applied through the remediation API (as the fix prompt does).
		const fixes = await remediationFor(options('--audit-log', tempAuditPath(), lab.leader.address), monitor);
		const fix = remediation(lab.leader.address, 'repl-timeout', '60', '61');
		expect((await fixes!.apply(checkWith('6.2', [fix]), [fix], '61')).ok).toBe(true);
		await monitor.tickOnce();

		// The leader dies; Sentinel promotes a follower.
		const since = Date.now();
		await lab.leader.kill9();
		await tickUntil(monitor, s => s.events.some(e => e.at >= since && e.kind === 'failover'), 30_000);
		await monitor.tickOnce();
		// What the live screen showed when the recording stopped (a straggler may still rebuild after a tick).
		monitor.setObserver(undefined);
		live = monitor.getSnapshot();
		await recorder.close();
	}, 90_000);
	afterAll(async () => {
		await monitor?.stop();
		await lab?.stop();
		rmSync(dir, {recursive: true, force: true});
	});

	it('replays headless: the JSON report has the events, lag peaks and applied fix the live run saw', async () => {
		const {code, out, err} = await replay('--once', '--json');
		expect(err).toEqual([]);
		const replayed = JSON.parse(out) as ReturnType<typeof buildJsonReport>;
		const seen = buildJsonReport(live, 0);
		expect(code).toBe(2); // the dead leader is unreachable
		expect(replayed.events).toEqual(seen.events);
		expect(replayed.events.map(e => e.kind)).toEqual(expect.arrayContaining(['failover', 'unreachable', 'remediation']));
		expect(replayed.lagPeaks).toEqual(seen.lagPeaks);
		const peak = replayed.lagPeaks.find(p => p.follower === lab.followers[0]!.address)!;
		expect(peak.lagBytes as number).toBeGreaterThan(20_000);
		expect(replayed.fixes).toEqual(seen.fixes);
		expect(replayed.fixes).toMatchObject([{node: lab.leader.address, check: '6.2', command: ['CONFIG', 'SET', 'repl-timeout', '61'], before: '60', after: '61', ok: true}]);
		expect(replayed.checks.map(c => [c.id, c.status, c.summary])).toEqual(seen.checks.map(c => [c.id, c.status, c.summary]));
	});

	it('the Markdown report opens with what happened, then the verdict and the actions, has the failover and the fix', async () => {
		const reportFile = join(dir, 'incident.md');
		const {err} = await replay('--report', 'md', '--report-file', reportFile);
		expect(err).toEqual([`replwatch: report written to ${reportFile}`]);
		const md = readFileSync(reportFile, 'utf8');
		// Kept for a look by hand: REPLWATCH_REPORT_COPY=/tmp/x.md npx vitest run this file.
		if (process.env.REPLWATCH_REPORT_COPY) copyFileSync(reportFile, process.env.REPLWATCH_REPORT_COPY);
		const lines = md.split('\n');
		expect(lines[0]).toBe('# replwatch report');
		expect(lines[2]).toBe('## What happened');
		// The leader killed, then Sentinel's failover, in time order.
		expect(lines[4]).toMatch(/^- \d\d:\d\d:\d\d \*\*127\.0\.0\.1:\d+ stopped answering\*\* \(connection refused\)/);
		expect(lines[5]).toMatch(/^- \d\d:\d\d:\d\d \*\*failover\*\*: 127\.0\.0\.1:\d+ became master \(was replica\), [\d.]+s after 127\.0\.0\.1:\d+ stopped answering/);
		const verdict = lines.findIndex(l => l.startsWith('**Verdict'));
		expect(lines[verdict]).toMatch(/^\*\*Verdict: FAIL\*\*: .*1 node unreachable \(127\.0\.0\.1:\d+\)/);
		expect(lines[verdict + 4]).toBe('## Needs action');
		const section = (name: string) => md.slice(md.indexOf(`## ${name}`), md.indexOf('\n## ', md.indexOf(`## ${name}`) + 3));
		expect(section('Timeline')).toMatch(/\*\*failover\*\*: became master \(was replica\), \d+(\.\d)?s after 127\.0\.0\.1:\d+ became unreachable/);
		expect(section('Fixes applied')).toContain(`| ${lab.leader.address} | 6.2 | \`CONFIG SET repl-timeout 61\`: \`60\` → \`61\` | applied, read back |`);
		expect(section('Topology')).toContain(`| ${lab.masterName} |`);
		expect(section('Lag per follower')).toMatch(new RegExp(`${lab.followers[0]!.address.replace(/\./g, '\\.')} from .*: peak \\d+(\\.\\d+)? KiB`));
		// No line twice, no heading twice (table separators and blank lines aside).
		const counted = lines.filter(l => l.trim() !== '' && !/^\| ---/.test(l) && l !== '```');
		expect(counted.length).toBe(new Set(counted).size);
	});

	it.skipIf(!hasTmux)('the TUI replay, stepped to the failover, shows it', async () => {
		ensureBuilt();
		const t = openTerminal('replay14', `node ${binary} replay ${file} --speed 1`, {cols: 120, rows: 40});
		try {
			await see(t, 'the replay clock', s => /REPLAY \d\d:\d\d:\d\d UTC ×1 (PLAY|PAUSED)/.test(s));
			t.keys('p');
			await see(t, 'paused', s => s.includes('PAUSED'));
			t.keys('s');
			await see(t, 'one step', s => /PAUSED 2\//.test(s) || /PAUSED [3-9]\//.test(s));
			// n jumps from event to event (Sentinel's own +sdown, +odown, … among them); the failover comes after the pause and the fix.
			let screen = '';
			for (let i = 0; i < 40 && !/failover: became master/.test(screen); i++) {
				t.keys('n');
				await new Promise(resolve => setTimeout(resolve, 300));
				screen = t.screen();
			}
			expect(screen).toMatch(/failover: became master \(was replica\)/);
		} finally {
			t.kill();
		}
	});
});

describe('a recording of nodes with requirepass and masterauth', () => {
	const password = 'rec0rd-s3cret-pw';
	let lab: Lab;
	beforeAll(async () => {
		lab = await startLab({followers: 1, nodeArgs: ['--requirepass', password, '--masterauth', password], waitForSync: false});
	});
	afterAll(async () => {
		await lab?.stop();
	});

	it('holds no secret, and replays with the nodes read through the password', async () => {
		const path = join(dir, 'auth.ndjson.gz');
		const err: string[] = [];
		await runOnce(options('-a', password, '--record', path, '--window', '1500ms', '--json', lab.leader.address), {stdout: () => undefined, stderr: line => err.push(line)});
		expect(err.at(-1)).toBe(`replwatch: recording saved: auth.ndjson.gz (in ${dir}), ${err.at(-1)!.split(', ').at(-1)}`);
		expect(err.at(-1)).toMatch(/, \d+(\.\d+)? KiB$/);
		const text = gunzipSync(readFileSync(path)).toString('utf8');
		expect(text).toContain('master_link_status');
		expect(text).not.toContain(password);
		expect(text.toLowerCase()).not.toMatch(/"(masterauth|requirepass)":/);
		let out = '';
		await runReplay([path, '--once', '--json'], {stdout: t => (out += t), stderr: () => undefined, interactive: false});
		const report = JSON.parse(out) as {nodes: Array<{reachable: boolean}>};
		expect(report.nodes.length).toBe(2);
		expect(report.nodes.every(n => n.reachable)).toBe(true);
		expect(out).not.toContain(password);
	});
});
