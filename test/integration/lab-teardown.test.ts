import {spawn} from 'node:child_process';
import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {findFreePort, isAlive, rawCommand, waitFor} from '../../source/lab/processes.js';
import {redisServerPath} from '../../source/lab/lab.js';

const runner = join(process.cwd(), 'test', 'integration', 'lab-headless-runner.ts');
const work = mkdtempSync(join(tmpdir(), 'replwatch-lab-teardown-'));
let counter = 0;
const children: Array<{pid: number; code: Promise<unknown>}> = [];

interface Run {
	readonly code: Promise<number | null>;
	readonly stderr: () => string;
	readonly lab: () => {dir: string; pids: number[]} | undefined;
	readonly pid: number;
}

function runLab(args: readonly string[], env: Record<string, string> = {}): Run {
	const pidFile = join(work, `pids-${++counter}.json`);
	// node --import tsx, not the tsx CLI: the CLI is a second process that does not relay SIGHUP.
	const child = spawn(process.execPath, ['--import', 'tsx', runner, ...args], {
		env: {...process.env, REPLWATCH_LAB_PIDFILE: pidFile, ...env},
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let stderr = '';
	child.stderr.on('data', chunk => (stderr += String(chunk)));
	child.stdout.resume();
	const code = new Promise<number | null>(resolve => child.once('exit', c => resolve(c)));
	const lab = () => {
		try {
			return JSON.parse(readFileSync(pidFile, 'utf8')) as {dir: string; pids: number[]};
		} catch {
			return undefined;
		}
	};
	children.push({pid: child.pid!, code});
	return {code, stderr: () => stderr, lab, pid: child.pid!};
}

async function runningLab(run: Run) {
	expect(await waitFor(() => run.lab() !== undefined, 30_000, 100)).toBe(true);
	const lab = run.lab()!;
	expect(lab.pids.length).toBeGreaterThan(0);
	for (const pid of lab.pids) expect(isAlive(pid)).toBe(true);
	expect(existsSync(lab.dir)).toBe(true);
	return lab;
}

function expectGone(lab: {dir: string; pids: number[]}) {
	for (const pid of lab.pids) expect(isAlive(pid)).toBe(false);
	expect(existsSync(lab.dir)).toBe(false);
}

afterAll(async () => {
	// A failed assertion may leave a lab running: SIGTERM lets it clean up after itself.
	for (const child of children) {
		if (isAlive(child.pid)) {
			process.kill(child.pid, 'SIGTERM');
			await child.code;
		}
	}
	rmSync(work, {recursive: true, force: true});
});

describe('replwatch lab teardown', () => {
	it('stops every process and removes the temp dir on SIGTERM', async () => {
		const run = runLab(['--headless', '--followers', '2', '--sentinels', '1', '--rate', '100']);
		const lab = await runningLab(run);
		expect(lab.pids).toHaveLength(4);
		process.kill(run.pid, 'SIGTERM');
		expect(await run.code).toBe(143);
		expectGone(lab);
	});

	it('does the same on SIGHUP (the SSH connection dropped)', async () => {
		const run = runLab(['--headless', '--followers', '1', '--sentinels', '0']);
		const lab = await runningLab(run);
		process.kill(run.pid, 'SIGHUP');
		expect(await run.code).toBe(129);
		expectGone(lab);
	});

	it('cleans up after a crash and says so in one line, without a stack trace', async () => {
		const run = runLab(['--headless', '--followers', '1', '--sentinels', '0', '--no-load'], {LAB_TEST_CRASH: '1'});
		const lab = await runningLab(run);
		expect(await run.code).toBe(1);
		expectGone(lab);
		expect(run.stderr().trim()).toBe('replwatch lab: stopping after an internal error: simulated crash');
	});

	it('rejects a bad flag with one line and exit code 3, starting nothing', async () => {
		const run = runLab(['--followers', 'many']);
		expect(await run.code).toBe(3);
		expect(run.stderr().trim()).toBe('replwatch lab: --followers needs a whole number (got "many")');
		expect(run.lab()).toBeUndefined();
		const monitorFlag = runLab(['--interval', 'soon']);
		expect(await monitorFlag.code).toBe(3);
		expect(monitorFlag.stderr().trim()).toMatch(/^replwatch lab: invalid --interval "soon"/);
		expect(monitorFlag.lab()).toBeUndefined();
	});
});

describe('replwatch lab killed with SIGKILL', () => {
	it('leaves nothing behind: its watchdog stops the lab', async () => {
		const run = runLab(['--headless', '--followers', '1', '--sentinels', '0', '--no-load'], {REDISCLI_AUTH: 'LabSecret15'});
		const lab = await runningLab(run);
		// Neither the watchdog (a child `sh`) nor the servers carry the password in /proc/PID/environ.
		let watchdog: number | undefined;
		const findWatchdog = () => {
			const helpers = readFileSync(`/proc/${run.pid}/task/${run.pid}/children`, 'utf8').trim().split(' ').filter(Boolean).map(Number);
			watchdog = helpers.find(pid => {
				try {
					return readFileSync(`/proc/${pid}/cmdline`, 'utf8').startsWith('sh\0-c');
				} catch {
					return false;
				}
			});
			return watchdog !== undefined;
		};
		// The pid file may be written before the watchdog is spawned.
		expect(await waitFor(findWatchdog, 5000, 50)).toBe(true);
		for (const pid of [watchdog!, ...lab.pids]) expect(readFileSync(`/proc/${pid}/environ`, 'utf8')).not.toContain('LabSecret15');
		process.kill(run.pid, 'SIGKILL');
		await run.code;
		expect(await waitFor(() => lab.pids.every(pid => !isAlive(pid)) && !existsSync(lab.dir), 5000, 100)).toBe(true);
	});
});

describe('replwatch lab killed with SIGKILL right after a follower restart', () => {
	it('a server the pid list does not name yet (cwd inside the lab dir) is stopped too', async () => {
		const run = runLab(['--headless', '--followers', '1', '--sentinels', '0', '--no-load']);
		const lab = await runningLab(run);
		// As a restart (K) leaves it until the restart completes: a new redis-server in a node's dir, not listed.
		const port = await findFreePort();
		const node = readdirSync(lab.dir, {withFileTypes: true}).find(e => e.isDirectory())!;
		const restarted = spawn(redisServerPath()!, ['--port', String(port), '--save', '', '--appendonly', 'no'], {cwd: join(lab.dir, node.name), stdio: 'ignore'});
		expect(await waitFor(async () => (await rawCommand(port, ['PING'])).includes('PONG'), 5000, 50)).toBe(true);
		process.kill(run.pid, 'SIGKILL');
		await run.code;
		try {
			expect(await waitFor(() => !isAlive(restarted.pid!) && lab.pids.every(pid => !isAlive(pid)) && !existsSync(lab.dir), 6000, 100)).toBe(true);
		} finally {
			if (isAlive(restarted.pid!)) process.kill(restarted.pid!, 'SIGKILL');
		}
	});
});

describe('replwatch lab --once', () => {
	it('reports on the lab nodes, then stops the lab', async () => {
		const pidFile = join(work, 'once.json');
		const child = spawn(process.execPath, ['--import', 'tsx', runner, '--once', '--json', '--window', '1s', '--followers', '2', '--sentinels', '0'], {
			env: {...process.env, REPLWATCH_LAB_PIDFILE: pidFile},
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let stdout = '';
		child.stdout.on('data', chunk => (stdout += String(chunk)));
		child.stderr.resume();
		const code = await new Promise<number | null>(resolve => child.once('exit', c => resolve(c)));
		const lab = JSON.parse(readFileSync(pidFile, 'utf8')) as {dir: string; pids: number[]};
		expectGone(lab);
		expect([0, 1, 2]).toContain(code);
		const report = JSON.parse(stdout) as {nodes: Array<{role: string; reachable: boolean}>};
		expect(report.nodes.filter(n => n.reachable).map(n => n.role).sort()).toEqual(['master', 'replica', 'replica']);
	});
});
