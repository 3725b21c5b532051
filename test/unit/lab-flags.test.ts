import {describe, expect, it} from 'vitest';
import {parseLabFlags} from '../../source/lab/lab-flags.js';

describe('replwatch lab flags', () => {
	it('uses two followers, 50 ops/s and lets Sentinel presence decide by default', () => {
		expect(parseLabFlags(['lab'])).toEqual({
			ok: true,
			flags: {sentinels: undefined, followers: 2, rate: 50, once: false, headless: false, help: false, monitorArgs: []},
		});
	});

	it('reads lab flags and passes monitor flags, values included, to the monitor', () => {
		const result = parseLabFlags(['--sentinels', '3', '--followers=1', '--rate', '400', '--interval', '500ms', '--read-only', '--ascii', '--once', '--json']);
		expect(result).toEqual({
			ok: true,
			flags: {
				sentinels: 3, followers: 1, rate: 400, once: true, headless: false, help: false,
				monitorArgs: ['--interval', '500ms', '--read-only', '--ascii', '--once', '--json'],
			},
		});
	});

	it('turns the load off with --no-load', () => {
		expect(parseLabFlags(['--rate', '10', '--no-load'])).toMatchObject({ok: true, flags: {rate: 0}});
	});

	it('rejects bad numbers, nodes and connection flags in one line', () => {
		expect(parseLabFlags(['--sentinels', 'x'])).toEqual({ok: false, error: '--sentinels needs a whole number (got "x")'});
		expect(parseLabFlags(['--followers', '12'])).toEqual({ok: false, error: '--followers must be between 0 and 9 (got 12)'});
		expect(parseLabFlags(['redis://app:hunter2@10.0.0.1:6379'])).toEqual({
			ok: false,
			error: 'replwatch lab starts its own nodes: "redis://app:***@10.0.0.1:6379" is not a lab option (see replwatch lab --help)',
		});
		expect(parseLabFlags(['--port', '6380'])).toMatchObject({ok: false});
	});
});
