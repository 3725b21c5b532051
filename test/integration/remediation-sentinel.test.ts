import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startLab, type Lab} from '../../source/lab/lab.js';
import {createRemediationApi} from '../../source/remediation/api.js';
import type {Remediation} from '../../source/model/types.js';
import {auditLines, checkWith, tempAuditPath} from './remediation-helpers.js';

async function sentinelField(lab: Lab, index: number, field: string): Promise<string> {
	const lines = (await lab.sentinels[index]!.command('SENTINEL', 'MASTER', lab.masterName)).split('\r\n');
	const at = lines.indexOf(field);
	return lines[at + 2] ?? '';
}

describe('Sentinel fixes', () => {
	let lab: Lab;
	beforeAll(async () => {
		lab = await startLab({followers: 1, sentinels: 2, quorum: 2});
	});
	afterAll(async () => {
		await lab?.stop();
	});

	it('SENTINEL SET goes to every Sentinel and is read back with SENTINEL MASTER', async () => {
		const audit = tempAuditPath();
		const sentinels = lab.sentinels.map(s => s.address);
		const api = createRemediationApi({readOnly: false, auditLogPath: audit, sentinels})!;
		const fix: Remediation = {
			node: sentinels[0]!, command: ['SENTINEL', 'SET', lab.masterName, 'parallel-syncs', '1'], current: '1', proposed: '1', risk: 'low', parameter: 'parallel-syncs',
		};
		expect(await sentinelField(lab, 1, 'down-after-milliseconds')).toBe('2000');
		const downAfter: Remediation = {...fix, command: ['SENTINEL', 'SET', lab.masterName, 'down-after-milliseconds', '5000'], current: '2000', proposed: '5000', parameter: 'down-after-milliseconds'};
		const outcome = await api.apply(checkWith('3.5', [downAfter]), [downAfter], '5000');
		expect(outcome.ok).toBe(true);
		expect(outcome.steps.map(s => [s.node, s.before, s.after])).toEqual(sentinels.map(s => [s, '2000', '5000']));
		expect(await sentinelField(lab, 0, 'down-after-milliseconds')).toBe('5000');
		expect(await sentinelField(lab, 1, 'down-after-milliseconds')).toBe('5000');
		expect(auditLines(audit).map(l => l['result'])).toEqual(['attempt', 'sent-and-confirmed', 'attempt', 'sent-and-confirmed']);
		expect(api.validate(fix, '0')).toBe('parallel-syncs: must be between 1 and 2147483647');
	});
});
