// Issue 23: daemons that stay up. `serve --watch` whose stdout reader goes away (`| head -1`, a log
// shipper restarting) ends only the NDJSON stream and keeps serving /metrics; `--record` works under
// `--watch` and `serve` and the file replays.
import {existsSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startLab, type Lab} from '../../source/lab/lab.js';
import {findFreePort, waitFor} from '../../source/lab/processes.js';
import {runReplay} from '../../source/cli/replay-command.js';
import {ensureBuilt, startCli} from './cli-runner.js';

describe('daemons on a real lab', () => {
	let lab: Lab;
	let dir: string;
	beforeAll(async () => {
		ensureBuilt();
		dir = mkdtempSync(join(tmpdir(), 'replwatch-daemon-'));
		lab = await startLab({followers: 1});
	});
	afterAll(async () => {
		await lab?.stop();
		rmSync(dir, {recursive: true, force: true});
	});

	it('serve --watch | head -1: the NDJSON stream ends with one stderr line, /metrics still answers', async () => {
		const port = await findFreePort();
		const run = startCli(['serve', '--watch', '--listen', `127.0.0.1:${port}`, '--interval', '200ms', '--timeout', '300ms', lab.leader.address]);
		try {
			expect(await waitFor(() => run.stdout().includes('\n'), 15_000, 50)).toBe(true);
			// head -1 exits: the read end of the pipe is closed.
			run.child.stdout!.destroy();
			// A follower that stops answering makes events, so the next line meets the closed pipe.
			lab.followers[0]!.pause();
			try {
				expect(await waitFor(() => run.stderr().includes('stdout closed'), 15_000, 100), run.stderr()).toBe(true);
			} finally {
				lab.followers[0]!.resume();
			}
			expect(run.stderr()).toMatch(/^replwatch: stdout closed \(EPIPE\): the NDJSON stream ends here$/m);
			expect(run.stderr()).not.toMatch(/internal error/);
			await new Promise(resolve => setTimeout(resolve, 500));
			expect(run.child.exitCode).toBeNull();
			const metrics = await fetch(`http://127.0.0.1:${port}/metrics`);
			expect(metrics.status).toBe(200);
			expect(await metrics.text()).toContain('replwatch_');
		} finally {
			expect(await run.stop()).toBe(0);
		}
	}, 40_000);

	it('--watch alone whose reader goes away stops cleanly (exit 0, one stderr line)', async () => {
		const run = startCli(['--watch', '--interval', '200ms', '--timeout', '300ms', lab.leader.address]);
		expect(await waitFor(() => run.stdout().includes('\n'), 15_000, 50)).toBe(true);
		run.child.stdout!.destroy();
		lab.followers[0]!.pause();
		try {
			const code = await Promise.race([run.exited, new Promise<string>(resolve => setTimeout(() => resolve('still running'), 15_000))]);
			expect(code).toBe(0);
		} finally {
			lab.followers[0]!.resume();
			await run.stop();
		}
		expect(run.stderr().trim().split('\n').filter(l => !l.startsWith('replwatch: recording'))).toEqual(['replwatch: stdout closed (EPIPE): the NDJSON stream ends here']);
	}, 40_000);

	for (const name of ['--watch', 'serve'] as const) {
		it(`--record under ${name} records the run, and the file replays`, async () => {
			const mode = name === 'serve' ? ['serve', '--listen', `127.0.0.1:${await findFreePort()}`] : ['--watch'];
			const file = join(dir, `${mode[0].replace(/\W/g, '')}.ndjson.gz`);
			const run = startCli([...mode, '--record', file, '--interval', '200ms', lab.leader.address]);
			expect(await waitFor(() => run.stderr().includes('recording to'), 15_000, 50), run.stderr()).toBe(true);
			await new Promise(resolve => setTimeout(resolve, 2000));
			expect(await run.stop()).toBe(0);
			expect(run.stderr()).toMatch(/replwatch: recording saved: /);
			expect(existsSync(file)).toBe(true);
			let out = '';
			const code = await runReplay(['--once', '--json', file], {stdout: text => (out += text), stderr: () => undefined, interactive: false});
			expect(code).toBeLessThan(3);
			const report = JSON.parse(out) as {nodes: unknown[]};
			expect(report.nodes.length).toBe(2);
			// A file that exists already is one line and exit 3, not a silent run without a recording.
			const again = startCli([...mode, '--record', file, lab.leader.address]);
			expect(await again.exited, again.stderr()).toBe(3);
			expect(again.stderr()).toBe(`replwatch: recording ${file} already exists (choose another file)\n`);
		}, 40_000);
	}
});
