import {describe, expect, test} from 'vitest';
import {formatSeconds, versionAtLeast} from '../../source/model/units.js';

describe('one seconds format for screens, verdicts and reports', () => {
	test.each([
		[0, '0s'],
		[0.4, '0.4s'],
		[4.4, '4s'],
		[12, '12s'],
		[59.4, '59s'],
		[65, '1m05s'],
		[1800, '30m00s'],
		[1801, '30m01s'],
		[7800, '2h10m'],
		[100_000, '1d3h'],
		[Infinity, 'unbounded'],
		[Number.NaN, '-'],
		[undefined, '-'],
		[null, '-'],
	])('%s → %s', (seconds, text) => {
		expect(formatSeconds(seconds)).toBe(text);
	});
});

describe('one version comparison', () => {
	test.each([
		['7.0.15', 7, 0, 0, true],
		['6.2.16', 7, 0, 0, false],
		['6.2.6', 6, 2, 6, true],
		['6.2.5', 6, 2, 6, false],
		['7.2.4', 7, 2, 0, true],
		['10.0.0', 9, 0, 0, true],
		// A Redis milestone (redis_version of 8.0-m01 is 7.9.224; a name like this one still reads as 8.0).
		['8.0-m01', 8, 0, 0, true],
		['8.0-m01', 8, 1, 0, false],
		[undefined, 5, 0, 0, false],
	] as const)('%s ≥ %s.%s.%s: %s', (version, major, minor, patch, expected) => {
		expect(versionAtLeast(version, major, minor, patch)).toBe(expected);
	});
});
