import {createServer, type Server} from 'node:net';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {findFreePort, waitFor} from '../../source/lab/processes.js';
import {ensureBuilt, startCli} from './cli-runner.js';

// No Redis needed: a refused node (127.0.0.1:1) is enough to make a node-down alert.
describe('serve and watch on bad input', () => {
	let dir: string;
	beforeAll(() => {
		ensureBuilt();
		dir = mkdtempSync(join(tmpdir(), 'replwatch-badinput-16-'));
	});
	afterAll(() => rmSync(dir, {recursive: true, force: true}));

	it('a bad --listen, or --listen without serve, is one line and exit 3', async () => {
		for (const args of [['serve', '--listen', 'nowhere'], ['serve', '--listen', '127.0.0.1:99999'], ['--listen', '127.0.0.1:9121']]) {
			const run = startCli([...args, '127.0.0.1:1']);
			expect(await run.exited, args.join(' ')).toBe(3);
			expect(run.stderr().trim().split('\n'), args.join(' ')).toHaveLength(1);
			expect(run.stderr()).toMatch(/^replwatch: (invalid --listen|--listen goes with replwatch serve)/);
		}
	});

	it('a hostile --listen is quoted bounded and without control characters', async () => {
		for (const text of [`\u001b]0;pwn\u0007${'x'.repeat(2000)}`, `\u001b]0;pwn\u0007${'x'.repeat(2000)}:1`]) {
			const run = startCli(['serve', '--listen', text, '127.0.0.1:1']);
			expect(await run.exited).toBe(3);
			expect(run.stderr().trim().split('\n')).toHaveLength(1);
			expect(run.stderr()).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
			expect(run.stderr().length).toBeLessThan(400);
		}
	});

	it('--listen on a non-loopback address warns once that the exporter is reachable from the network', async () => {
		const port = await findFreePort();
		const run = startCli(['serve', '--listen', `0.0.0.0:${port}`, '--no-discover', '127.0.0.1:1']);
		try {
			expect(await waitFor(() => run.stderr().includes('serving'), 10_000, 50)).toBe(true);
			await waitFor(() => run.stderr().includes('warning'), 2000, 50);
			expect(run.stderr().split('\n').filter(l => l.includes('warning')), run.stderr()).toEqual([
				'replwatch: warning: --listen 0.0.0.0 is not loopback: the exporter (topology, addresses, versions) is reachable from the network; it has no authentication',
			]);
		} finally {
			expect(await run.stop(), run.stderr()).toBe(0);
		}
		const local = startCli(['serve', '--listen', `127.0.0.1:${port}`, '--no-discover', '127.0.0.1:1']);
		expect(await waitFor(() => local.stderr().includes('serving'), 10_000, 50)).toBe(true);
		await local.stop();
		expect(local.stderr()).not.toContain('warning');
	});

	it('a port in use is one line and exit 3', async () => {
		const port = await findFreePort();
		const blocker: Server = createServer();
		await new Promise<void>(resolve => blocker.listen(port, '127.0.0.1', resolve));
		try {
			const run = startCli(['serve', '--listen', `127.0.0.1:${port}`, '--no-discover', '127.0.0.1:1']);
			expect(await run.exited).toBe(3);
			expect(run.stderr()).toBe(`replwatch: cannot listen on 127.0.0.1:${port}: address already in use\n`);
		} finally {
			blocker.close();
		}
	});

	it('an --alert-command that does not exist is one warning line; the watch goes on and says so when it fails', async () => {
		const config = join(dir, 'now.json');
		writeFileSync(config, JSON.stringify({alertForSeconds: 0, alertOnCheckWarn: false}));
		const run = startCli(['watch', '--interval', '200ms', '--timeout', '200ms', '--no-discover', '--config', config, '--alert-command', '/nonexistent/notify --x', '127.0.0.1:1']);
		expect(await waitFor(() => run.stdout().includes('alert command not found for node-down'), 10_000, 100)).toBe(true);
		expect(await run.stop()).toBe(0);
		expect(run.stderr()).toBe('replwatch: --alert-command: /nonexistent/notify not found or not executable; alerts are still shown but nothing is run\n');
		const lines = run.stdout().trim().split('\n').map(l => JSON.parse(l) as {type: string; kind?: string; text?: string; rule?: string});
		expect(lines.some(l => l.type === 'alert' && l.rule === 'node-down')).toBe(true);
		expect(lines.some(l => l.kind === 'alert-command' && /^alert command not found for node-down 127\.0\.0\.1:1 firing: .*not found$/.test(l.text ?? ''))).toBe(true);
	}, 20_000);

	it('a hanging --alert-command is killed after its timeout while ticks go on', async () => {
		const config = join(dir, 'hang.json');
		writeFileSync(config, JSON.stringify({alertForSeconds: 0, alertOnCheckWarn: false, alertCommandTimeoutSeconds: 1}));
		const run = startCli(['serve', '--watch', '--listen', `127.0.0.1:${await findFreePort()}`, '--interval', '200ms', '--timeout', '200ms', '--no-discover', '--config', config, '--alert-command', 'sleep 30', '127.0.0.1:1']);
		const started = Date.now();
		expect(await waitFor(() => run.stdout().includes('alert command killed after 1 s'), 10_000, 100)).toBe(true);
		expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
		const address = /serving http:\/\/(\S+)\/metrics/.exec(run.stderr())?.[1];
		// The exporter kept answering and the monitor kept ticking while the command hung.
		const first = Number(/^replwatch_last_tick_timestamp_seconds (\S+)$/m.exec(await (await fetch(`http://${address}/metrics`)).text())?.[1]);
		await new Promise(resolve => setTimeout(resolve, 500));
		const second = Number(/^replwatch_last_tick_timestamp_seconds (\S+)$/m.exec(await (await fetch(`http://${address}/metrics`)).text())?.[1]);
		expect(second).toBeGreaterThan(first);
		expect(await run.stop()).toBe(0);
	}, 20_000);
});
