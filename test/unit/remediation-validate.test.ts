import {describe, expect, it} from 'vitest';
import {normalizeValue, parseMemory, validateValue} from '../../source/remediation/validate.js';
import {assessRisk, confirmationFor, isConfirmed} from '../../source/remediation/risk.js';
import {maskCommand, defaultAuditPath} from '../../source/remediation/audit.js';
import {groupFixes} from '../../source/remediation/api.js';
import type {Remediation} from '../../source/model/types.js';

const fix = (parameter: string, current: string, extra: Partial<Remediation> = {}): Remediation =>
	({node: '10.0.0.1:6379', command: ['CONFIG', 'SET', parameter, 'x'], current, proposed: 'x', risk: 'low', parameter, ...extra});

describe('validateValue', () => {
	it('accepts memory units the way the server reads them', () => {
		expect(parseMemory('64mb')).toBe(67_108_864);
		expect(parseMemory('1gb')).toBe(1_073_741_824);
		expect(parseMemory('1k')).toBe(1000);
		expect(validateValue('repl-backlog-size', '64mb')).toBeUndefined();
		expect(validateValue('repl-backlog-size', '64 parsecs')).toMatch(/not a memory size/);
		expect(validateValue('repl-backlog-size', '1kb')).toMatch(/at least 16384/);
	});
	it('checks integers against the spec C.1 ranges, yes/no and enums', () => {
		expect(validateValue('repl-timeout', '0')).toBe('repl-timeout: must be between 1 and 2147483647');
		expect(validateValue('min-slaves-to-write', '-1')).toBe('min-replicas-to-write: must be between 0 and 2147483647');
		expect(validateValue('replica-read-only', 'true')).toBe('replica-read-only: must be yes or no');
		expect(validateValue('repl-diskless-load', 'swapdb')).toBeUndefined();
		expect(validateValue('repl-diskless-load', 'fast')).toBe('repl-diskless-load: must be one of disabled, on-empty-db, swapdb');
	});
	it('checks the replica output buffer and save formats', () => {
		expect(validateValue('client-output-buffer-limit', 'replica 512mb 128mb 60')).toBeUndefined();
		expect(validateValue('client-output-buffer-limit', 'pubsub 512mb 128mb 60')).toMatch(/class must be "replica"/);
		expect(validateValue('client-output-buffer-limit', '512mb')).toMatch(/expected "replica <hard> <soft> <seconds>"/);
		expect(validateValue('save', '3600 1 300 100')).toBeUndefined();
		expect(validateValue('save', '3600')).toMatch(/pairs/);
	});
	it('compares read-back values semantically', () => {
		expect(normalizeValue('repl-backlog-size', '2mb')).toBe('2097152');
		expect(normalizeValue('client-output-buffer-limit', 'replica 512mb 128mb 60'))
			.toBe(normalizeValue('client-output-buffer-limit', 'normal 0 0 0 slave 536870912 134217728 60 pubsub 33554432 8388608 60'));
	});
});

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

describe('audit helpers', () => {
	it('masks secret values and follows XDG_STATE_HOME', () => {
		expect(maskCommand(['CONFIG', 'SET', 'masterauth', 'pw'])).toEqual(['CONFIG', 'SET', 'masterauth', '***']);
		expect(maskCommand(['SENTINEL', 'SET', 'm', 'auth-pass', 'pw'])).toEqual(['SENTINEL', 'SET', 'm', 'auth-pass', '***']);
		expect(defaultAuditPath({XDG_STATE_HOME: '/s'}, '/h')).toBe('/s/replwatch/audit.log');
		expect(defaultAuditPath({}, '/h')).toBe('/h/.local/state/replwatch/audit.log');
	});
});

describe('groupFixes', () => {
	it('keeps one fix for the master and all replicas, separate from another change', () => {
		const a = fix('repl-backlog-size', '1mb', {fixId: 'backlog', node: 'a:1'});
		const b = fix('repl-backlog-size', '1mb', {fixId: 'backlog', node: 'b:1'});
		const c = fix('repl-timeout', '10', {node: 'a:1'});
		expect(groupFixes([a, c, b])).toEqual([[a, b], [c]]);
	});
});
