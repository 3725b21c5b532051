import {afterEach, describe, expect, test} from 'vitest';
import {renderApp, type Rendered} from './render-app.js';
import {buildClusterSnapshot} from './scale-fixtures.js';

let app: Rendered | undefined;
afterEach(() => {
	app?.unmount();
	app = undefined;
});

describe('cluster shards in the topology panel', () => {
	test('one summary line per shard with its slots and health; the killed replica is counted down', async () => {
		app = await renderApp({columns: 160, rows: 40, snapshot: buildClusterSnapshot()});
		const frame = app.frame();
		expect(frame).toMatch(/\[-\] shard slots 5461-10922 · master up · 0\/1 (?:followers online|ok) · 1 unreach(?:able)?/);
		expect(frame).toMatch(/\[-\] shard slots 0-5460 · master up · 1\/1 (?:followers online|ok)/);
		expect(frame).toMatch(/\[-\] shard slots 10923-16383 · master up · 1\/1 (?:followers online|ok)/);
		expect(frame).toMatch(/✖ 127\.0\.0\.1:34737 .*(?:silent|never)/);
		await app.press('o', 'o'); // status: the shard with the dead replica first
		const shardLines = app.lines().filter(l => l.includes('shard slots'));
		expect(shardLines[0]).toContain('5461-10922');
	});
});
