import {spawn} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startLab, type Lab} from '../../source/lab/lab.js';
import {jsonShape} from '../helpers/json-shape.js';
import {ensureBuilt, root} from './cli-runner.js';

const bin = join(root, 'bin/replwatch.js');

function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{code: number | null; stdout: string; stderr: string}> {
	return new Promise(resolve => {
		const child = spawn(process.execPath, [bin, ...args], {cwd: root, env: {...process.env, ...env}, stdio: ['ignore', 'pipe', 'pipe']});
		let stdout = '';
		let stderr = '';
		child.stdout.on('data', chunk => (stdout += chunk));
		child.stderr.on('data', chunk => (stderr += chunk));
		child.on('close', code => resolve({code, stdout, stderr}));
	});
}

describe('headless runs of the built CLI', () => {
	let lab: Lab;
	let dir: string;
	beforeAll(async () => {
		ensureBuilt();
		lab = await startLab({followers: 2});
		dir = mkdtempSync(join(tmpdir(), 'replwatch-headless-'));
	});
	afterAll(async () => {
		await lab?.stop();
		if (dir) rmSync(dir, {recursive: true, force: true});
	});

	it('--once --json prints the documented report and exits with the worst status', async () => {
		const {code, stdout, stderr} = await run(['--once', '--json', '--window', '1s', lab.leader.address]);
		expect(stderr).toBe('');
		const report = JSON.parse(stdout);
		expect(report).toMatchObject({version: 1, windowSeconds: 1});
		expect(new Date(report.generatedAt).toISOString()).toBe(report.generatedAt);
		expect(report.nodes.map((n: {address: string}) => n.address).sort()).toEqual([lab.leader.address, ...lab.followers.map(f => f.address)].sort());
		expect(report.nodes[0]).toMatchObject({address: lab.leader.address, reachable: true, role: 'master', product: 'redis', version: '7.0.15'});
		expect(typeof report.nodes[0].offset).toBe('number');
		for (const link of report.links) {
			expect(link).toMatchObject({leader: lab.leader.address, state: 'online', linkStatus: 'up'});
			expect(Object.keys(link).sort()).toEqual(['ackAgeSeconds', 'applyBacklogBytes', 'follower', 'lagBytes', 'lagSeconds', 'leader', 'linkStatus', 'state']);
		}
		expect(report.links).toHaveLength(2);
		expect(Array.isArray(report.checks)).toBe(true);
		expect(Array.isArray(report.events)).toBe(true);
		const statuses: string[] = report.checks.map((c: {status: string}) => c.status);
		const expected = statuses.includes('fail') ? 2 : statuses.includes('warn') ? 1 : 0;
		expect(code).toBe(expected);
		// summary: counts per status, the worst status and the exit code, all from the same checks.
		const counts = Object.fromEntries(['pass', 'warn', 'fail', 'info', 'unknown'].map(st => [st, statuses.filter(x => x === st).length]));
		expect(report.summary).toEqual({counts, worst: ['pass', 'warn', 'fail'][expected], exitCode: code});
		// Every key and type of the live report is one the committed golden report (test/unit/report-json-golden) has.
		const golden = jsonShape(JSON.parse(readFileSync(join(root, 'test/fixtures/replay-lab3.report.json'), 'utf8')));
		expect(jsonShape(report).filter(path => !golden.includes(path))).toEqual([]);
	});

	it('counts an unreachable node as a failure and nothing reachable as "could not evaluate"', async () => {
		const dead = await run(['--once', '--json', '--window', '0', '--no-discover', '127.0.0.1:1']);
		expect(dead.code).toBe(3);
		expect(JSON.parse(dead.stdout).nodes[0]).toMatchObject({address: '127.0.0.1:1', reachable: false, error: 'connection refused'});
		expect(dead.stderr.trim().split('\n')).toHaveLength(1);
		const partly = await run(['--once', '--window', '0', lab.leader.address, '127.0.0.1:1']);
		expect(partly.code).toBe(2);
		expect(partly.stdout).toContain('127.0.0.1:1  UNREACHABLE  connection refused');
	});

	it('writes a Markdown report to --report-file', async () => {
		const file = join(dir, 'report.md');
		const {code} = await run(['--once', '--window', '0', '--report', 'md', '--report-file', file, lab.followers[0]!.address]);
		expect(code).not.toBe(3);
		const md = readFileSync(file, 'utf8');
		expect(md).toContain('# replwatch report');
		expect(md).toContain(`| ${lab.leader.address} | master |`);
	});

	it('rejects bad input with exactly one line on stderr and exit code 3', async () => {
		for (const args of [['--bogus'], ['--interval', 'soon'], ['redis://u:hunter2@h:1/x/y']]) {
			const {code, stdout, stderr} = await run(args);
			expect(code).toBe(3);
			expect(stdout).toBe('');
			expect(stderr.trimEnd().split('\n')).toHaveLength(1);
			expect(stderr).toMatch(/^replwatch: /);
			expect(stderr).not.toContain('hunter2');
		}
	});
});
