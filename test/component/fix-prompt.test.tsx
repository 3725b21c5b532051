// The fix prompt as the operator meets it: f on a check of the App's checklist, its keys through the
// app's one key table (fixKeymapFor), the fix applied by the real remediation engine to a real lab.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startLab, type Lab} from '../../source/lab/lab.js';
import {findFreePort, waitFor} from '../../source/lab/processes.js';
import {createRemediationApi} from '../../source/remediation/api.js';
import type {Address, Remediation} from '../../source/model/types.js';
import {auditLines, checkWith, configSetCalls, configValue, remediation, tempAuditPath} from '../integration/remediation-helpers.js';
import {buildSnapshot} from './fixtures.js';
import {startFixProxy} from '../helpers/fix-proxy.js';
import {readOnlyDir} from '../helpers/read-only-dir.js';
import {keys, renderApp, type Rendered} from './render-app.js';

async function press(ui: Rendered, ...typed: string[]) {
	await ui.press(...typed);
}

async function frameContains(ui: Rendered, text: string): Promise<boolean> {
	return waitFor(async () => {
		await press(ui);
		await new Promise(resolve => setTimeout(resolve, 20));
		return ui.frame().includes(text);
	}, 10_000, 20);
}

/** The prompt is gone and the main screen (its footer) is back. */
const closed = (ui: Rendered) => !ui.frame().includes('Fix 6.2') && ui.frame().includes('? help');

/** The App on a snapshot whose checklist holds check 6.2 with these fixes; Tab to the checklist, f opens the prompt. */
async function show(rem: Remediation | readonly Remediation[], audit: string, withoutConfigFile: readonly Address[] = []): Promise<Rendered> {
	const api = createRemediationApi({readOnly: false, auditLogPath: audit, timeoutMs: 2000})!;
	const rems = Array.isArray(rem) ? rem : [rem as Remediation];
	const base = buildSnapshot({checks: [checkWith('6.2', rems)]});
	// Nodes named here report config_file empty (as the captured leader does): the prompt learns it from the snapshot.
	const leader = Object.values(base.topology.nodes).find(n => n.role === 'master')!;
	const nodes = {...base.topology.nodes, ...Object.fromEntries(withoutConfigFile.map(address => [address, {...leader, address, sample: {...leader.sample, address}}]))};
	const ui = await renderApp({snapshot: {...base, topology: {...base.topology, nodes}}, options: {remediation: api}, columns: 120, rows: 40});
	await press(ui, keys.tab, 'f');
	expect(ui.frame()).toContain('Fix 6.2: check 6.2');
	return ui;
}

describe('FixPrompt against a real lab', () => {
	let lab: Lab;
	beforeAll(async () => {
		lab = await startLab({followers: 1});
	});
	afterAll(async () => {
		await lab?.stop();
	});

	it('a node that drops the connection after applying shows SENT, OUTCOME UNKNOWN and its read-back, not "nothing was sent"', async () => {
		const proxy = await startFixProxy(lab.leader.port, {kind: 'close-after-set'});
		try {
			const audit = tempAuditPath();
			const ui = await show(remediation(proxy.address, 'repl-backlog-ttl', '3600', '5400'), audit);
			await press(ui, 'y');
			expect(await frameContains(ui, `SENT, OUTCOME UNKNOWN ${proxy.address}: CONFIG SET repl-backlog-ttl 5400`)).toBe(true);
			// The meaning wraps at 120 columns: read as one text.
			const text = ui.frame().replace(/\s*│\s*\n\s*│\s*/g, ' ');
			expect(text).toContain('meaning: sent, outcome unknown (the connection closed after the command was sent); read back on a new connection: 5400 — the new value is in place');
			expect(ui.frame()).not.toContain('nothing was sent');
			ui.unmount();
		} finally {
			await proxy.stop();
			await lab.leader.command('CONFIG', 'SET', 'repl-backlog-ttl', '3600');
		}
	});

	it('an audit log that cannot be written: the prompt says why and where, nothing is sent', async () => {
		const dir = readOnlyDir('replwatch-fix-ro-');
		try {
			if (!dir.readOnly) return;
			const path = `${dir.path}/audit.log`;
			const calls = await configSetCalls(lab.leader);
			const ui = await show(remediation(lab.leader.address, 'repl-backlog-ttl', '3600', '5400'), path);
			await press(ui, 'y');
			expect(await frameContains(ui, `NOT SENT ${lab.leader.address}`)).toBe(true);
			expect(ui.frame()).toContain(`error: audit log ${path} cannot be written: permission denied`);
			expect(ui.frame()).toContain('meaning: refused before sending: nothing was sent (every change is written to the audit log before it is sent');
			expect(await configSetCalls(lab.leader)).toBe(calls);
			ui.unmount();
		} finally {
			dir.remove();
		}
	});

	it('y confirms a low-risk fix, shows the verified value, then offers CONFIG REWRITE', async () => {
		const audit = tempAuditPath();
		const ui = await show(remediation(lab.leader.address, 'repl-backlog-ttl', '3600', '7200'), audit);
		expect(ui.frame()).toContain('Command: CONFIG SET repl-backlog-ttl 7200');
		expect(ui.frame()).toContain('Value: 3600 → 7200');
		expect(ui.frame()).toContain('Risk: low');
		// The hint line is the prompt's key table.
		expect(ui.frame()).toContain('y apply · e edit value · Esc/Enter/n cancel (default)');
		await press(ui, 'y');
		expect(await frameContains(ui, '(3600 → 7200, verified)')).toBe(true);
		expect(await configValue(lab.leader, 'repl-backlog-ttl')).toBe('7200');
		expect(ui.frame()).toContain('It persists EVERY runtime change on that node');
		await press(ui, 'y');
		expect(await frameContains(ui, 'runtime only — will be lost on restart')).toBe(true);
		await press(ui, 'x');
		expect(closed(ui)).toBe(true);
		expect(auditLines(audit).map(l => l['result'])).toEqual(['attempt', 'sent-and-confirmed', 'persist-failed']);
		ui.unmount();
	});

	it('on a server without a config file (config_file empty, as the lab runs) CONFIG REWRITE is not offered', async () => {
		const audit = tempAuditPath();
		const ui = await show(remediation(lab.leader.address, 'repl-backlog-ttl', '7200', '3600'), audit, [lab.leader.address]);
		await press(ui, 'y');
		expect(await frameContains(ui, '(7200 → 3600, verified)')).toBe(true);
		expect(ui.frame()).toContain(`Runtime only on ${lab.leader.address}: no config file`);
		expect(ui.frame()).not.toContain('It persists EVERY runtime change');
		await press(ui, 'x');
		expect(closed(ui)).toBe(true);
		expect(auditLines(audit).map(l => l['result'])).toEqual(['attempt', 'sent-and-confirmed']);
		ui.unmount();
	});

	it('a high-risk fix is not applied by y alone: the node address must be typed', async () => {
		const follower = lab.followers[0]!;
		await follower.command('CONFIG', 'SET', 'replica-read-only', 'no');
		const audit = tempAuditPath();
		const ui = await show(remediation(follower.address, 'replica-read-only', 'no', 'yes'), audit);
		expect(ui.frame()).toContain('Risk: HIGH');
		expect(ui.frame()).toContain('READONLY errors');
		expect(ui.frame()).toContain('y confirm (typed) · e edit value · Esc/Enter/n cancel (default)');
		await press(ui, 'y');
		expect(await frameContains(ui, `type ${follower.address} or yes`)).toBe(true);
		await press(ui, 'y', '\r');
		expect(await frameContains(ui, 'not confirmed')).toBe(true);
		expect(await configValue(follower, 'replica-read-only')).toBe('no');
		await press(ui, '\u007F', follower.address, '\r');
		expect(await frameContains(ui, 'verified')).toBe(true);
		expect(await configValue(follower, 'replica-read-only')).toBe('yes');
		ui.unmount();
	});

	it('the address and Enter in one chunk (a paste) confirm a high-risk fix', async () => {
		const follower = lab.followers[0]!;
		await follower.command('CONFIG', 'SET', 'replica-read-only', 'no');
		const ui = await show(remediation(follower.address, 'replica-read-only', 'no', 'yes'), tempAuditPath());
		await press(ui, 'y');
		expect(await frameContains(ui, `type ${follower.address} or yes`)).toBe(true);
		await press(ui, `${follower.address}\r`);
		expect(await frameContains(ui, 'verified')).toBe(true);
		expect(await configValue(follower, 'replica-read-only')).toBe('yes');
		ui.unmount();
	});

	it('Esc cancels: nothing is sent and the audit log records the cancellation', async () => {
		const audit = tempAuditPath();
		const callsBefore = await configSetCalls(lab.leader);
		const ui = await show(remediation(lab.leader.address, 'repl-timeout', '60', '90'), audit);
		await press(ui, '\u001B');
		expect(closed(ui)).toBe(true);
		expect(await configSetCalls(lab.leader)).toBe(callsBefore);
		expect(await configValue(lab.leader, 'repl-timeout')).toBe('60');
		expect(auditLines(audit)).toEqual([expect.objectContaining({result: 'cancelled', node: lab.leader.address})]);
		ui.unmount();
	});

	it('an invalid edited value is refused with a message before anything is sent', async () => {
		const audit = tempAuditPath();
		const callsBefore = await configSetCalls(lab.leader);
		const ui = await show(remediation(lab.leader.address, 'repl-backlog-size', '1048576', '4mb'), audit);
		await press(ui, 'e', '\u007F', '\u007F', '\u007F', 'lots', '\r');
		expect(await frameContains(ui, 'repl-backlog-size: "lots" is not a memory size')).toBe(true);
		expect(await configSetCalls(lab.leader)).toBe(callsBefore);
		expect(await configValue(lab.leader, 'repl-backlog-size')).toBe('1048576');
		ui.unmount();
	});

	it('a secret is typed masked and never rendered', async () => {
		const follower = lab.followers[0]!;
		const audit = tempAuditPath();
		const secret = 'pw-hunter2';
		const rem: Remediation = {node: follower.address, command: ['CONFIG', 'SET', 'masterauth', ''], current: '', proposed: '', risk: 'low', parameter: 'masterauth', secret: true};
		const ui = await show(rem, audit);
		await press(ui, secret);
		expect(ui.frame()).toContain(`Secret value (hidden): ${'*'.repeat(secret.length)}`);
		expect(ui.frame()).toContain('Enter validate · Esc cancel');
		await press(ui, '\r', 'y');
		expect(await frameContains(ui, 'verified')).toBe(true);
		expect(await configValue(follower, 'masterauth')).toBe(secret);
		expect(ui.frames().join('\n')).not.toContain(secret);
		expect(ui.frame()).toContain('writes the secret in plaintext');
		ui.unmount();
	});

	it('a multi-node fix shows each node, stops at the first failure and names the nodes left untouched', async () => {
		const down = `127.0.0.1:${await findFreePort()}`;
		const follower = lab.followers[0]!;
		const rems = [remediation(down, 'repl-timeout', '30', '60'), remediation(follower.address, 'repl-timeout', '60', '60')];
		const ui = await show(rems, tempAuditPath());
		expect(ui.frame()).toContain('one at a time, stops at the first failure');
		expect(ui.frame()).toContain(`Value on ${down}: 30 → 60`);
		const callsBefore = await configSetCalls(follower);
		await press(ui, 'y');
		expect(await frameContains(ui, `Not attempted (nothing sent): ${follower.address}`)).toBe(true);
		expect(ui.frame()).toContain('meaning: the node could not be reached: nothing was sent to it');
		expect(await configSetCalls(follower)).toBe(callsBefore);
		ui.unmount();
	});
});
