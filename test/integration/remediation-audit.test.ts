// Issue 23: the audit log is written ahead of every change. A fix whose log cannot be written is
// refused before anything is sent; a signal halfway through a 3-node fix leaves lines that match what
// the servers hold; a node that drops the connection after applying is "sent, outcome unknown" and
// then its read-back value. Servers are read over the lab's raw socket, not through the code under test.
import {spawn} from 'node:child_process';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startLab, type Lab} from '../../source/lab/lab.js';
import {waitFor} from '../../source/lab/processes.js';
import {createRemediationApi} from '../../source/remediation/api.js';
import {startFixProxy, type FixProxy} from '../helpers/fix-proxy.js';
import {readOnlyDir} from '../helpers/read-only-dir.js';
import {auditLines, checkWith, configSetCalls, configValue, remediation, tempAuditPath} from './remediation-helpers.js';

const root = join(import.meta.dirname, '..', '..');

describe('write-ahead audit on a real lab', () => {
	let lab: Lab;
	const proxies: FixProxy[] = [];
	beforeAll(async () => {
		lab = await startLab({followers: 2, waitForSync: false});
	});
	afterAll(async () => {
		for (const proxy of proxies) await proxy.stop();
		await lab?.stop();
	});
	const nodes = () => [lab.leader, ...lab.followers];
	const reset = async () => {
		for (const node of nodes()) await node.command('CONFIG', 'SET', 'repl-timeout', '60');
	};

	it('a fix whose audit log cannot be written is refused before anything is sent, and says why and where', async () => {
		const dir = readOnlyDir('replwatch-audit-ro-');
		try {
			if (!dir.readOnly) return; // cannot make a read-only directory on this machine
			const path = join(dir.path, 'state', 'audit.log');
			const api = createRemediationApi({readOnly: false, auditLogPath: path})!;
			const calls = await Promise.all(nodes().map(configSetCalls));
			const fixes = nodes().map(n => remediation(n.address, 'repl-timeout', '60', '77', {fixId: 'rt'}));
			const outcome = await api.apply(checkWith('6.2', fixes), fixes, '77');
			expect(outcome.ok).toBe(false);
			expect(outcome.steps).toHaveLength(1);
			expect(outcome.steps[0]).toMatchObject({outcome: 'not-sent', error: `audit log ${path} cannot be written: permission denied`});
			expect(outcome.steps[0]!.meaning).toMatch(/^refused before sending: nothing was sent .*audit log/);
			expect(await Promise.all(nodes().map(configSetCalls))).toEqual(calls);
			for (const node of nodes()) expect(await configValue(node, 'repl-timeout')).toBe('60');
		} finally {
			dir.remove();
		}
	});

	it('writes an attempt line before each node and the outcome after its read-back', async () => {
		await reset();
		const audit = tempAuditPath();
		const api = createRemediationApi({readOnly: false, auditLogPath: audit})!;
		const fixes = nodes().map(n => remediation(n.address, 'repl-timeout', '60', '70', {fixId: 'rt'}));
		const outcome = await api.apply(checkWith('6.2', fixes), fixes, '70');
		expect(outcome.ok).toBe(true);
		expect(auditLines(audit).map(l => [l['node'], l['result']])).toEqual(nodes().flatMap(n => [[n.address, 'attempt'], [n.address, 'sent-and-confirmed']]));
		expect(auditLines(audit)[0]).toMatchObject({before: '60', command: ['CONFIG', 'SET', 'repl-timeout', '70']});
	});

	it('a node that closes the connection right after applying is "sent, outcome unknown", then its read-back value', async () => {
		await reset();
		const proxy = await startFixProxy(lab.followers[0]!.port, {kind: 'close-after-set'});
		proxies.push(proxy);
		const audit = tempAuditPath();
		const api = createRemediationApi({readOnly: false, auditLogPath: audit})!;
		const targets = [lab.leader.address, proxy.address, lab.followers[1]!.address];
		const fixes = targets.map(address => remediation(address, 'repl-timeout', '60', '80', {fixId: 'rt'}));
		const outcome = await api.apply(checkWith('6.2', fixes), fixes, '80');
		expect(proxy.sets()).toBe(1);
		expect(await configValue(lab.followers[0]!, 'repl-timeout')).toBe('80');
		expect(outcome.ok).toBe(false);
		expect(outcome.steps[1]).toMatchObject({node: proxy.address, outcome: 'sent-outcome-unknown', readBack: '80'});
		expect(outcome.steps[1]!.meaning).toBe('sent, outcome unknown (the connection closed after the command was sent); read back on a new connection: 80 — the new value is in place');
		expect(outcome.steps[1]!.meaning).not.toMatch(/nothing was sent/);
		expect(auditLines(audit).map(l => [l['node'], l['result'], l['readBack']])).toEqual([
			[lab.leader.address, 'attempt', undefined],
			[lab.leader.address, 'sent-and-confirmed', undefined],
			[proxy.address, 'attempt', undefined],
			[proxy.address, 'sent-outcome-unknown', '80'],
			[lab.followers[1]!.address, 'not-sent', undefined],
		]);
		expect(await configValue(lab.followers[1]!, 'repl-timeout')).toBe('60');
	});

	for (const signal of ['SIGTERM', 'SIGHUP'] as const) {
		it(`${signal} one second into a 3-node fix (second node slow) leaves audit lines that match the servers`, async () => {
			await reset();
			const proxy = await startFixProxy(lab.followers[0]!.port, {kind: 'slow-reply', ms: 8000});
			proxies.push(proxy);
			const audit = tempAuditPath();
			const targets = [lab.leader.address, proxy.address, lab.followers[1]!.address];
			const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'test/integration/fix-signal-child.ts'), audit, '90', ...targets], {cwd: root, stdio: ['ignore', 'pipe', 'pipe']});
			let out = '';
			child.stdout.on('data', chunk => (out += chunk));
			const exited = new Promise<number | null>(resolve => child.on('close', code => resolve(code)));
			expect(await waitFor(() => out.includes('applying'), 20_000, 20)).toBe(true);
			expect(await waitFor(() => proxy.sets() === 1, 5000, 10)).toBe(true);
			await new Promise(resolve => setTimeout(resolve, 1000));
			const started = Date.now();
			child.kill(signal);
			const code = await exited;
			expect(Date.now() - started).toBeLessThan(3500);
			expect(code).toBe(signal === 'SIGTERM' ? 143 : 129);
			const values = [await configValue(lab.leader, 'repl-timeout'), await configValue(lab.followers[0]!, 'repl-timeout'), await configValue(lab.followers[1]!, 'repl-timeout')];
			expect(values).toEqual(['90', '90', '60']);
			const lines = auditLines(audit);
			expect(lines.map(l => [l['node'], l['result']])).toEqual([
				[targets[0], 'attempt'],
				[targets[0], 'sent-and-confirmed'],
				[targets[1], 'attempt'],
				[targets[1], 'sent-outcome-unknown'],
				[targets[2], 'not-sent'],
			]);
			expect(lines[1]).toMatchObject({before: '60', after: '90'});
			expect(lines[3]).toMatchObject({readBack: values[1], error: `interrupted by ${signal}`});
			expect(lines[4]).toMatchObject({error: `interrupted by ${signal}: not sent`});
		}, 40_000);
	}
});
