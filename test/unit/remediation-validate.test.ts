import {describe, expect, it, test} from 'vitest';
import {displayValue, normalizeValue, parseMemory, validateValue} from '../../source/remediation/validate.js';

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

test('memory sizes in the fix prompt read in IEC units, the CONFIG spelling kept when it differs (not "1048576 → 2mb")', () => {
	expect(displayValue('repl-backlog-size', '1048576')).toBe('1 MiB');
	expect(displayValue('repl-backlog-size', '2mb')).toBe('2 MiB (2mb)');
	expect(displayValue('repl-timeout', '60')).toBe('60');
});
