import {afterEach, describe, expect, test} from 'vitest';
import type {MonitorSampleControls} from '../../source/model/ui-contracts.js';
import {buildSnapshot} from './fixtures.js';
import {keys, renderApp, type Rendered} from './render-app.js';

let app: Rendered | undefined;
afterEach(() => {
	app?.unmount();
	app = undefined;
});

const leader = '127.0.0.1:26997';
const follower = '127.0.0.1:27007';

describe('timeline keys', () => {
	test('/ filters the timeline by node or kind, Esc shows every event again', async () => {
		const at = Date.now();
		const events = [
			{at: at - 3000, node: follower, kind: 'link-down', text: `link to ${leader} down`},
			{at: at - 2000, node: leader, kind: 'config-change', text: 'repl-timeout 60 -> 17'},
			{at: at - 1000, node: follower, kind: 'link-up', text: `link to ${leader} up`},
		];
		app = await renderApp({columns: 130, rows: 40, snapshot: buildSnapshot({events})});
		expect(app.frame()).toContain('repl-timeout 60 -> 17');
		await app.press('/', ...'config', keys.enter);
		expect(app.frame()).toContain('Timeline matching "config"');
		expect(app.frame()).toContain('repl-timeout 60 -> 17');
		expect(app.frame()).not.toContain(`link to ${leader} down`);
		await app.press('/', keys.escape);
		expect(app.frame()).toContain(`link to ${leader} down`);
		expect(app.frame()).toContain('repl-timeout 60 -> 17');
	});

	test('m shows the MONITOR warning first; n cancels, y samples the selected node and shows the counts', async () => {
		const asked: string[] = [];
		const sampler: MonitorSampleControls = {
			warning: 'MONITOR streams every command the node runs to replwatch (throughput may halve).',
			run: async node => {
				asked.push(node);
				return `MONITOR ${node} 5.0 s: 12 reads, 3 writes, 0 other (get 12, set 3)`;
			},
		};
		app = await renderApp({columns: 100, rows: 40, options: {monitorSample: sampler}});
		await app.press('m');
		expect(app.frame()).toContain(`MONITOR sample of ${leader}`);
		expect(app.frame()).toContain('throughput may halve');
		await app.press('n');
		expect(asked).toEqual([]);
		expect(app.frame()).toContain('Checklist');
		await app.press(keys.down, keys.down, 'm', 'y');
		expect(asked).toEqual([follower]);
		expect(app.frame()).toContain(`MONITOR ${follower} 5.0 s: 12 reads, 3 writes`);
	});

	test('without the sampler (tests, embedders) m does nothing', async () => {
		app = await renderApp({columns: 100, rows: 40});
		await app.press('m');
		expect(app.frame()).not.toContain('MONITOR sample of');
	});
});
