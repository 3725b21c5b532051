import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startLab, type Lab} from '../../source/lab/lab.js';
import {createRemediationApi} from '../../source/remediation/api.js';
import {parseOptions} from '../../source/cli/options.js';
import {auditLines, checkWith, configValue, remediation, tempAuditPath} from './remediation-helpers.js';

describe('remediation against a node whose CONFIG is renamed', () => {
	let lab: Lab;
	beforeAll(async () => {
		lab = await startLab({followers: 0, nodeArgs: ['--rename-command', 'CONFIG', 'RENAMEDCFG']});
	});
	afterAll(async () => {
		await lab?.stop();
	});

	it('without --rename-command: a clear message and no change', async () => {
		const audit = tempAuditPath();
		const api = createRemediationApi({readOnly: false, auditLogPath: audit})!;
		const fix = remediation(lab.leader.address, 'repl-backlog-ttl', '3600', '7200');
		const outcome = await api.apply(checkWith('2.3.3', [fix]), [fix], '7200');
		expect(outcome.ok).toBe(false);
		expect(outcome.steps[0]!.error).toMatch(/^ERR unknown command 'CONFIG'/);
		expect(outcome.steps[0]!.meaning).toMatch(/CONFIG is renamed or disabled on this node: pass --rename-command CONFIG=NAME/);
		expect(await configValue(lab.leader, 'repl-backlog-ttl', 'RENAMEDCFG')).toBe('3600');
		expect(auditLines(audit).map(l => l['result'])).toEqual(['not-sent']);
	});

	it('with a per-node --rename-command the fix goes through the renamed command', async () => {
		const parsed = parseOptions(['--rename-command', `${lab.leader.address}/CONFIG=RENAMEDCFG`, lab.leader.address]);
		if (parsed.kind !== 'options') throw new Error(`unexpected parse: ${parsed.kind}`);
		const audit = tempAuditPath();
		const api = createRemediationApi({readOnly: false, auditLogPath: audit, renameCommands: parsed.options.renameCommands})!;
		const fix = remediation(lab.leader.address, 'repl-backlog-ttl', '3600', '7200');
		const outcome = await api.apply(checkWith('2.3.3', [fix]), [fix], '7200');
		expect(outcome.steps).toEqual([expect.objectContaining({ok: true, command: ['RENAMEDCFG', 'SET', 'repl-backlog-ttl', '7200'], before: '3600', after: '7200'})]);
		expect(await configValue(lab.leader, 'repl-backlog-ttl', 'RENAMEDCFG')).toBe('7200');
		const persisted = await api.persist(lab.leader.address);
		expect(persisted.message).toMatch(/runtime only — will be lost on restart/);
		expect(auditLines(audit).map(l => l['command'])).toEqual([['RENAMEDCFG', 'SET', 'repl-backlog-ttl', '7200'], ['RENAMEDCFG', 'SET', 'repl-backlog-ttl', '7200'], ['RENAMEDCFG', 'REWRITE']]);
	});

	it('rejects a malformed --rename-command value with one line', () => {
		const global = parseOptions(['--rename-command', 'CONFIG=X', 'h:1']);
		expect(global.kind === 'options' && global.options.renameCommands).toEqual([{command: 'CONFIG', name: 'X'}]);
		const bad = parseOptions(['--rename-command', 'CONFIG', 'h:1']);
		expect(bad).toMatchObject({kind: 'error'});
		expect(bad.kind === 'error' && bad.error).toMatch(/^invalid --rename-command "CONFIG" \(expected CONFIG=NEWNAME or host:port\/CONFIG=NEWNAME\)$/);
	});
});
