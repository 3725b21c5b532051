import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import fc from 'fast-check';
import {afterAll, describe, expect, test} from 'vitest';
import {defaultSettings, loadSettings, SettingsError} from '../../source/checks/index.js';
import {humanBytes} from '../../source/checks/format.js';
import {nextPowerOfTwo, parseMemory} from '../../source/checks/config-values.js';
import {recommendedBacklog} from '../../source/checks/section-2-4.js';
import {replicaBufferLimit} from '../../source/checks/section-6.js';
import {contextFor} from './checks-builder.js';

const dir = mkdtempSync(join(tmpdir(), 'replwatch-settings-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));
const file = (name: string, text: string) => {
	const path = join(dir, name);
	writeFileSync(path, text);
	return path;
};

describe('settings (--config)', () => {
	test('defaults are the spec’s heuristics', () => {
		expect(loadSettings()).toBe(defaultSettings);
		expect(defaultSettings).toMatchObject({readShareTarget: 0.5, minReads: 100, routingWindowSeconds: 10, disconnectToleranceSeconds: 60, privateNetwork: false, untrustedLinks: false, lagFailSeconds: 10});
	});

	test('a file overrides only the keys it names', () => {
		const s = loadSettings(file('ok.json', '{"disconnectToleranceSeconds": 300, "privateNetwork": true}'));
		expect(s.disconnectToleranceSeconds).toBe(300);
		expect(s.privateNetwork).toBe(true);
		expect(s.minReads).toBe(100);
	});

	test.each([
		['unknown.json', '{"minReed": 5}', /unknown setting "minReed"/],
		['type.json', '{"minReads": "100"}', /setting "minReads" must be a number/],
		['bool.json', '{"privateNetwork": 1}', /setting "privateNetwork" must be true or false/],
		['share.json', '{"readShareTarget": 50}', /share and must be between 0 and 1/],
		['array.json', '[1]', /expected a JSON object/],
		['broken.json', '{"minReads": ', /not valid JSON/],
	])('%s is refused with one clear line', (name, text, message) => {
		const path = file(name, text);
		let error: unknown;
		try {
			loadSettings(path);
		} catch (e) {
			error = e;
		}
		expect(error).toBeInstanceOf(SettingsError);
		expect((error as Error).message).toMatch(message);
		expect((error as Error).message).not.toContain('\n');
	});

	test('a missing file is a SettingsError too', () => {
		expect(() => loadSettings(join(dir, 'nope.json'))).toThrow(/cannot read --config file .*nope\.json: no such file/);
	});
});

describe('sizing helpers', () => {
	test('recommended backlog is a power of two covering rate × tolerance × 2, never below 1 MiB', () => {
		const ctx = contextFor('healthy');
		const leader = ctx.topology.nodes[ctx.topology.groups[0]!.leader!]!;
		fc.assert(fc.property(fc.double({min: 0, max: 5e8, noNaN: true}), rate => {
			const rec = recommendedBacklog(ctx, leader, rate);
			expect(Math.log2(rec) % 1).toBe(0);
			expect(rec).toBeGreaterThanOrEqual(Math.max(1024 * 1024, rate * 60 * 2));
			expect(rec).toBeLessThan(Math.max(2 * 1024 * 1024, rate * 60 * 2 * 2) + 1);
		}));
	});

	test('units and the replica class of client-output-buffer-limit as CONFIG GET prints it', () => {
		expect(parseMemory('1mb')).toBe(1048576);
		expect(parseMemory('16384')).toBe(16384);
		expect(nextPowerOfTwo(3 * 1024 * 1024)).toBe(4 * 1024 * 1024);
		expect(humanBytes(16384)).toBe('16 KiB');
		expect(humanBytes(1536)).toBe('1.5 KiB');
		const captured = contextFor('healthy').topology;
		const value = Object.values(captured.nodes)[0]!.sample.config!['client-output-buffer-limit'];
		expect(value).toContain('slave 268435456 67108864 60');
		expect(replicaBufferLimit(value)).toEqual({hard: 268435456, soft: 67108864, seconds: 60});
	});
});
