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

	test('scrolled back to the oldest event, every ↓ moves the timeline one line until the newest is the last line (120x40, 30 events)', async () => {
		const at = Date.now();
		const events = Array.from({length: 30}, (_, i) => ({at: at - (30 - i) * 1000, node: follower, kind: 'config-change', text: `event ${String(i).padStart(2, '0')}`}));
		app = await renderApp({columns: 120, rows: 40, snapshot: buildSnapshot({events})});
		const timeline = () => {
			const lines = app!.lines();
			const from = lines.findIndex(l => l.includes('Timeline'));
			return lines.slice(from).filter(l => / event \d\d/.test(l)).map(l => / event (\d\d)/.exec(l)![1]);
		};
		const newest = timeline();
		expect(newest.at(-1)).toBe('29');
		await app.press(keys.tab, keys.tab, ...Array.from({length: 40}, () => keys.up));
		expect(timeline()[0]).toBe('00');
		const hidden = 30 - newest.length;
		expect(app.frame()).toContain(`scrolled back ${hidden}`);
		for (let i = 1; i <= hidden; i++) {
			const before = timeline();
			await app.press(keys.down);
			const after = timeline();
			expect(after, `↓ number ${i}`).not.toEqual(before);
			expect(after[0]).toBe(String(i).padStart(2, '0'));
		}
		expect(timeline().at(-1)).toBe('29');
		expect(app.frame()).not.toContain('scrolled back');
		// Back at the newest: ↑ moves again at once.
		await app.press(keys.up);
		expect(timeline().at(-1)).toBe('28');
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
