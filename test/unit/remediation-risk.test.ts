import {describe, expect, it} from 'vitest';
import {assessRisk, confirmationFor, isConfirmed} from '../../source/remediation/risk.js';
import {fix} from './remediation-fix.js';

describe('risk', () => {
	it('marks backlog resizes on ≤ 6.2 and any shrink as high risk', () => {
		expect(assessRisk(fix('repl-backlog-size', '1048576'), '10mb', '7.0.15').level).toBe('low');
		expect(assessRisk(fix('repl-backlog-size', '1048576'), '10mb', '6.2.14').level).toBe('high');
		expect(assessRisk(fix('repl-backlog-size', '10485760'), '1mb', '7.0.15').notes).toContain('shrinking the backlog drops the oldest history at once');
	});
	it('marks raising min-replicas-to-write, replica-read-only yes and appendonly yes as high risk', () => {
		expect(assessRisk(fix('min-replicas-to-write', '2'), '1', '7.0.15').level).toBe('low');
		expect(assessRisk(fix('min-replicas-to-write', '0'), '1', '7.0.15').level).toBe('high');
		expect(assessRisk(fix('replica-read-only', 'no'), 'yes').level).toBe('high');
		expect(assessRisk(fix('appendonly', 'no'), 'yes').level).toBe('high');
		expect(assessRisk(fix('repl-timeout', '30'), '60').level).toBe('low');
	});
	it('asks for the node address or yes on high risk, y on low risk', () => {
		const typed = confirmationFor('high', ['10.0.0.1:6379']);
		expect(isConfirmed(typed, 'y')).toBe(false);
		expect(isConfirmed(typed, '10.0.0.1:6379')).toBe(true);
		expect(isConfirmed(typed, 'yes')).toBe(true);
		expect(isConfirmed(confirmationFor('low', ['10.0.0.1:6379']), 'y')).toBe(true);
	});
});
