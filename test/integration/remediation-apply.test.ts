import {readFileSync, statSync} from 'node:fs';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startLab, type Lab} from '../../source/lab/lab.js';
import {createRemediationApi} from '../../source/remediation/api.js';
import {auditLines, checkWith, configSetCalls, configValue, remediation, tempAuditPath} from './remediation-helpers.js';

describe('remediation on a real lab', () => {
	let lab: Lab;
	beforeAll(async () => {
		lab = await startLab({followers: 2});
		// follower1 only lets this user read config, never change it (spec C.4 read-only checker)
		await lab.followers[0]!.command('ACL', 'SETUSER', 'ops', 'on', '>opspass', '~*', '-@all', '+ping', '+info', '+config|get', '+hello', '+auth');
		for (const node of [lab.leader, lab.followers[1]!]) await node.command('ACL', 'SETUSER', 'ops', 'on', '>opspass', '~*', '+@all');
	});
	afterAll(async () => {
		await lab?.stop();
	});

	it('confirming a fix changes the server value, reads it back and writes an audit line', async () => {
		const audit = tempAuditPath();
		const api = createRemediationApi({readOnly: false, auditLogPath: audit})!;
		const before = await configValue(lab.leader, 'repl-backlog-size');
		const fix = remediation(lab.leader.address, 'repl-backlog-size', before, '2mb');
		const outcome = await api.apply(checkWith('2.4.2', [fix]), [fix], '2mb');
		expect(outcome.ok).toBe(true);
		expect(outcome.steps).toEqual([expect.objectContaining({node: lab.leader.address, before, after: '2097152', ok: true})]);
		expect(await configValue(lab.leader, 'repl-backlog-size')).toBe('2097152');
		const lines = auditLines(audit);
		expect(lines.map(l => l['result'])).toEqual(['attempt', 'sent-and-confirmed']);
		expect(lines[1]).toMatchObject({node: lab.leader.address, check: '2.4.2', command: ['CONFIG', 'SET', 'repl-backlog-size', '2mb'], before, after: '2097152', result: 'sent-and-confirmed'});
		expect(typeof lines[0]!['user']).toBe('string');
		expect(statSync(audit).mode & 0o777).toBe(0o600);
	});

	it('cancelling sends no CONFIG SET and records a cancelled entry', async () => {
		const audit = tempAuditPath();
		const api = createRemediationApi({readOnly: false, auditLogPath: audit})!;
		const node = lab.followers[1]!;
		const callsBefore = await configSetCalls(node);
		const fix = remediation(node.address, 'repl-timeout', '60', '90');
		api.cancelled(checkWith('6.2', [fix]), [fix]);
		expect(await configSetCalls(node)).toBe(callsBefore);
		expect(await configValue(node, 'repl-timeout')).toBe('60');
		expect(auditLines(audit)).toEqual([expect.objectContaining({node: node.address, result: 'cancelled', command: ['CONFIG', 'SET', 'repl-timeout', '90']})]);
	});

	it('--read-only gives no remediation engine, so nothing can write', async () => {
		const callsBefore = await configSetCalls(lab.leader);
		expect(createRemediationApi({readOnly: true, auditLogPath: tempAuditPath()})).toBeUndefined();
		expect(await configSetCalls(lab.leader)).toBe(callsBefore);
	});

	it('refuses an invalid edited value before sending anything', async () => {
		const audit = tempAuditPath();
		const api = createRemediationApi({readOnly: false, auditLogPath: audit})!;
		const fix = remediation(lab.leader.address, 'repl-backlog-size', '2097152', '4mb');
		expect(api.validate(fix, 'lots')).toMatch(/repl-backlog-size: "lots" is not a memory size/);
		const callsBefore = await configSetCalls(lab.leader);
		const outcome = await api.apply(checkWith('2.4.2', [fix]), [fix], 'lots');
		expect(outcome.ok).toBe(false);
		expect(outcome.steps[0]).toMatchObject({ok: false, meaning: 'refused before sending: nothing was sent'});
		expect(await configSetCalls(lab.leader)).toBe(callsBefore);
		expect(await configValue(lab.leader, 'repl-backlog-size')).toBe('2097152');
		expect(auditLines(audit)[0]).toMatchObject({result: 'refused'});
	});

	it('a NOPERM user gets a clear message, and a multi-node fix stops at that first failure', async () => {
		const audit = tempAuditPath();
		const api = createRemediationApi({readOnly: false, auditLogPath: audit, username: 'ops', password: 'opspass'})!;
		const [f1, f2] = lab.followers as [typeof lab.followers[0], typeof lab.followers[0]];
		const fixes = [lab.leader, f1, f2].map(n => remediation(n.address, 'repl-timeout', '60', '75', {fixId: 'repl-timeout'}));
		const outcome = await api.apply(checkWith('6.2', fixes), fixes, '75');
		expect(outcome.ok).toBe(false);
		expect(outcome.steps.map(s => [s.node, s.ok])).toEqual([[lab.leader.address, true], [f1.address, false]]);
		expect(outcome.steps[1]!.error).toMatch(/^NOPERM .*config\|set/);
		expect(outcome.steps[1]!.meaning).toMatch(/may not run CONFIG SET/);
		expect(await configValue(lab.leader, 'repl-timeout')).toBe('75');
		expect(await configValue(f1, 'repl-timeout')).toBe('60');
		expect(await configValue(f2, 'repl-timeout')).toBe('60');
		expect(auditLines(audit).map(l => l['result'])).toEqual(['attempt', 'sent-and-confirmed', 'attempt', 'sent-and-refused', 'not-sent']);
	});

	it('a node that does not answer ends the fix with what that means; later nodes are not touched', async () => {
		const api = createRemediationApi({readOnly: false, auditLogPath: tempAuditPath(), timeoutMs: 300})!;
		const [f1, f2] = lab.followers as [typeof lab.followers[0], typeof lab.followers[0]];
		const fixes = [f2, f1].map(n => remediation(n.address, 'repl-ping-replica-period', '10', '5'));
		f2.pause();
		try {
			const outcome = await api.apply(checkWith('6.2', fixes), fixes, '5');
			expect(outcome.steps).toHaveLength(1);
			expect(outcome.steps[0]).toMatchObject({node: f2.address, ok: false});
			expect(outcome.steps[0]!.meaning).toMatch(/did not answer in time/);
		} finally {
			f2.resume();
		}
		expect(await configValue(f1, 'repl-ping-replica-period')).toBe('10');
	});

	it('persisting without a config file says the change is runtime only', async () => {
		const audit = tempAuditPath();
		const api = createRemediationApi({readOnly: false, auditLogPath: audit})!;
		const result = await api.persist(lab.leader.address);
		expect(result).toEqual({ok: false, message: `${lab.leader.address}: runtime only — will be lost on restart (the server runs without a config file)`});
		expect(auditLines(audit)[0]).toMatchObject({command: ['CONFIG', 'REWRITE'], result: 'persist-failed'});
	});

	it('a secret fix is applied but never appears in the outcome or the audit log', async () => {
		const audit = tempAuditPath();
		const api = createRemediationApi({readOnly: false, auditLogPath: audit})!;
		const node = lab.followers[1]!;
		const secret = 'S3cr3t-hunter2';
		const fix: Parameters<typeof api.apply>[1][number] = {
			node: node.address, command: ['CONFIG', 'SET', 'masterauth', ''], current: '', proposed: '', risk: 'low', parameter: 'masterauth', secret: true,
		};
		const outcome = await api.apply(checkWith('5.2', [fix]), [fix], secret);
		expect(outcome.ok).toBe(true);
		expect(await configValue(node, 'masterauth')).toBe(secret);
		expect(JSON.stringify(outcome)).not.toContain(secret);
		const text = readFileSync(audit, 'utf8');
		expect(text).not.toContain(secret);
		expect(auditLines(audit)[1]).toMatchObject({command: ['CONFIG', 'SET', 'masterauth', '***'], after: '***', result: 'sent-and-confirmed'});
	});
});
