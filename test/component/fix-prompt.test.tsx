import React from 'react';
import {act} from 'react';
import {render} from 'ink-testing-library';
import {afterAll, beforeAll, describe, expect, it, vi} from 'vitest';
import {startLab, type Lab} from '../../source/lab/lab.js';
import {findFreePort, waitFor} from '../../source/lab/processes.js';
import {createRemediationApi} from '../../source/remediation/api.js';
import {FixPrompt} from '../../components/FixPrompt.js';
import type {Remediation} from '../../source/model/types.js';
import {auditLines, checkWith, configSetCalls, configValue, remediation, tempAuditPath} from '../integration/remediation-helpers.js';

type Rendered = ReturnType<typeof render>;

async function press(ui: Rendered, ...keys: string[]) {
	for (const key of keys) {
		await act(async () => {
			ui.stdin.write(key);
		});
	}
}

async function frameContains(ui: Rendered, text: string): Promise<boolean> {
	return waitFor(async () => {
		await act(async () => {
			await new Promise(resolve => setTimeout(resolve, 20));
		});
		return (ui.lastFrame() ?? '').includes(text);
	}, 5000, 20);
}

function show(rem: Remediation | readonly Remediation[], audit: string, onDone = vi.fn(), withoutConfigFile?: readonly string[]) {
	const api = createRemediationApi({readOnly: false, auditLogPath: audit, timeoutMs: 500})!;
	const rems = Array.isArray(rem) ? rem : [rem as Remediation];
	const check = checkWith('6.2', rems);
	let ui!: Rendered;
	act(() => {
		ui = render(<FixPrompt check={check} remediations={rems} api={api} onDone={onDone} versions={Object.fromEntries(rems.map(r => [r.node, '7.0.15']))} {...(withoutConfigFile ? {withoutConfigFile} : {})} />);
	});
	return {ui, onDone};
}

describe('FixPrompt against a real lab', () => {
	let lab: Lab;
	beforeAll(async () => {
		lab = await startLab({followers: 1});
	});
	afterAll(async () => {
		await lab?.stop();
	});

	it('y confirms a low-risk fix, shows the verified value, then offers CONFIG REWRITE', async () => {
		const audit = tempAuditPath();
		const {ui, onDone} = show(remediation(lab.leader.address, 'repl-backlog-ttl', '3600', '7200'), audit);
		expect(ui.lastFrame()).toContain('Command: CONFIG SET repl-backlog-ttl 7200');
		expect(ui.lastFrame()).toContain('Value: 3600 → 7200');
		expect(ui.lastFrame()).toContain('Risk: low');
		await press(ui, 'y');
		expect(await frameContains(ui, '(3600 → 7200, verified)')).toBe(true);
		expect(await configValue(lab.leader, 'repl-backlog-ttl')).toBe('7200');
		expect(ui.lastFrame()).toContain('It persists EVERY runtime change on that node');
		await press(ui, 'y');
		expect(await frameContains(ui, 'runtime only — will be lost on restart')).toBe(true);
		await press(ui, 'x');
		expect(onDone).toHaveBeenCalledTimes(1);
		expect(auditLines(audit).map(l => l['result'])).toEqual(['applied', 'persist-failed']);
		act(() => ui.unmount());
	});

	it('on a server without a config file (config_file empty, as the lab runs) CONFIG REWRITE is not offered', async () => {
		const audit = tempAuditPath();
		const {ui, onDone} = show(remediation(lab.leader.address, 'repl-backlog-ttl', '7200', '3600'), audit, vi.fn(), [lab.leader.address]);
		await press(ui, 'y');
		expect(await frameContains(ui, '(7200 → 3600, verified)')).toBe(true);
		expect(ui.lastFrame()).toContain(`Runtime only on ${lab.leader.address}: no config file`);
		expect(ui.lastFrame()).not.toContain('It persists EVERY runtime change');
		await press(ui, 'x');
		expect(onDone).toHaveBeenCalledTimes(1);
		expect(auditLines(audit).map(l => l['result'])).toEqual(['applied']);
		act(() => ui.unmount());
	});

	it('a high-risk fix is not applied by y alone: the node address must be typed', async () => {
		const follower = lab.followers[0]!;
		await follower.command('CONFIG', 'SET', 'replica-read-only', 'no');
		const audit = tempAuditPath();
		const {ui} = show(remediation(follower.address, 'replica-read-only', 'no', 'yes'), audit);
		expect(ui.lastFrame()).toContain('Risk: HIGH');
		expect(ui.lastFrame()).toContain('READONLY errors');
		await press(ui, 'y');
		expect(await frameContains(ui, `type ${follower.address} or yes`)).toBe(true);
		await press(ui, 'y', '\r');
		expect(await frameContains(ui, 'not confirmed')).toBe(true);
		expect(await configValue(follower, 'replica-read-only')).toBe('no');
		await press(ui, '\u007F', follower.address, '\r');
		expect(await frameContains(ui, 'verified')).toBe(true);
		expect(await configValue(follower, 'replica-read-only')).toBe('yes');
		act(() => ui.unmount());
	});

	it('the address and Enter in one chunk (a paste) confirm a high-risk fix', async () => {
		const follower = lab.followers[0]!;
		await follower.command('CONFIG', 'SET', 'replica-read-only', 'no');
		const {ui} = show(remediation(follower.address, 'replica-read-only', 'no', 'yes'), tempAuditPath());
		await press(ui, 'y');
		expect(await frameContains(ui, `type ${follower.address} or yes`)).toBe(true);
		await press(ui, `${follower.address}\r`);
		expect(await frameContains(ui, 'verified')).toBe(true);
		expect(await configValue(follower, 'replica-read-only')).toBe('yes');
		act(() => ui.unmount());
	});

	it('Esc cancels: nothing is sent and the audit log records the cancellation', async () => {
		const audit = tempAuditPath();
		const callsBefore = await configSetCalls(lab.leader);
		const {ui, onDone} = show(remediation(lab.leader.address, 'repl-timeout', '60', '90'), audit);
		await press(ui, '\u001B');
		await waitFor(() => onDone.mock.calls.length > 0, 2000, 20);
		expect(onDone).toHaveBeenCalledTimes(1);
		expect(await configSetCalls(lab.leader)).toBe(callsBefore);
		expect(await configValue(lab.leader, 'repl-timeout')).toBe('60');
		expect(auditLines(audit)).toEqual([expect.objectContaining({result: 'cancelled', node: lab.leader.address})]);
		act(() => ui.unmount());
	});

	it('an invalid edited value is refused with a message before anything is sent', async () => {
		const audit = tempAuditPath();
		const callsBefore = await configSetCalls(lab.leader);
		const {ui} = show(remediation(lab.leader.address, 'repl-backlog-size', '1048576', '4mb'), audit);
		await press(ui, 'e', '\u007F', '\u007F', '\u007F', 'lots', '\r');
		expect(await frameContains(ui, 'repl-backlog-size: "lots" is not a memory size')).toBe(true);
		expect(await configSetCalls(lab.leader)).toBe(callsBefore);
		expect(await configValue(lab.leader, 'repl-backlog-size')).toBe('1048576');
		act(() => ui.unmount());
	});

	it('a secret is typed masked and never rendered', async () => {
		const follower = lab.followers[0]!;
		const audit = tempAuditPath();
		const secret = 'pw-hunter2';
		const rem: Remediation = {node: follower.address, command: ['CONFIG', 'SET', 'masterauth', ''], current: '', proposed: '', risk: 'low', parameter: 'masterauth', secret: true};
		const {ui} = show(rem, audit);
		await press(ui, secret);
		expect(ui.lastFrame()).toContain(`Secret value (hidden): ${'*'.repeat(secret.length)}`);
		await press(ui, '\r', 'y');
		expect(await frameContains(ui, 'verified')).toBe(true);
		expect(await configValue(follower, 'masterauth')).toBe(secret);
		expect(ui.frames.join('\n')).not.toContain(secret);
		expect(ui.lastFrame()).toContain('writes the secret in plaintext');
		act(() => ui.unmount());
	});

	it('a multi-node fix shows each node, stops at the first failure and names the nodes left untouched', async () => {
		const down = `127.0.0.1:${await findFreePort()}`;
		const follower = lab.followers[0]!;
		const rems = [remediation(down, 'repl-timeout', '30', '60'), remediation(follower.address, 'repl-timeout', '60', '60')];
		const {ui} = show(rems, tempAuditPath());
		expect(ui.lastFrame()).toContain('one at a time, stops at the first failure');
		expect(ui.lastFrame()).toContain(`Value on ${down}: 30 → 60`);
		const callsBefore = await configSetCalls(follower);
		await press(ui, 'y');
		expect(await frameContains(ui, `Not attempted (nothing sent): ${follower.address}`)).toBe(true);
		expect(ui.lastFrame()).toContain('meaning: the node could not be reached: nothing was sent to it');
		expect(await configSetCalls(follower)).toBe(callsBefore);
		act(() => ui.unmount());
	});
});
