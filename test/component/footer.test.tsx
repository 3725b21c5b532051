import {afterEach, describe, expect, test} from 'vitest';
import {keyLabel, keymapFor, type KeymapContext} from '../../source/keymap/keymap.js';
import {labActions} from '../../source/lab/faults.js';
import type {LabAction, MonitorSampleControls} from '../../source/model/ui-contracts.js';
import {keys, renderApp, type Rendered} from './render-app.js';

// The keys of `replwatch lab`: the fault keys plus the load-rate keys of the lab session.
const actions: readonly LabAction[] = [
	...labActions,
	{id: 'load-faster', key: '+', description: 'double the load rate', target: 'none'},
	{id: 'load-slower', key: '-', description: 'halve the load rate', target: 'none'},
];
const lab = {actions, run: async () => 'ok'};
const monitorSample: MonitorSampleControls = {warning: 'MONITOR costs throughput.', run: async () => 'done'};

let app: Rendered | undefined;
afterEach(() => {
	app?.unmount();
	app = undefined;
});

/** Every key of the table is on the last lines of the frame (the footer): lab keys by key, the rest by key and label. */
function expectWholeFooter(a: Rendered, context: KeymapContext, rows: number) {
	const lines = a.lines();
	expect(lines.length).toBeLessThan(rows);
	const footer = lines.slice(-3).join('\n');
	for (const e of keymapFor(context)) {
		const key = keyLabel(e.keys);
		if (e.scope === 'lab' || e.keyOnly) expect(footer).toMatch(new RegExp(`(^|\\s)${key.replace(/[+\-[\]]/g, '\\$&')}(\\s|$)`, 'm'));
		else expect(footer).toContain(`${key} ${e.label}`);
	}
	expect(footer).toMatch(/\? help/);
}

describe('the footer fits the lab keys', () => {
	for (const [columns, rows] of [[100, 30], [80, 24]] as const) {
		test(`${columns}x${rows}: every key of the main and detail screens is visible, the frame stays below the rows`, async () => {
			app = await renderApp({columns, rows, options: {lab, monitorSample}});
			const base = {readOnly: false, monitorSample: true, labActions: actions};
			expectWholeFooter(app, {...base, screen: 'main', panel: 'topology'}, rows);
			await app.press(keys.tab);
			expectWholeFooter(app, {...base, screen: 'main', panel: 'checks', fixable: false}, rows);
			await app.press(keys.tab, keys.tab, keys.enter);
			expectWholeFooter(app, {...base, screen: 'node-detail'}, rows);
			await app.press(keys.escape, keys.tab, keys.enter);
			expect(app.frame()).toContain('1.1.1');
			expectWholeFooter(app, {...base, screen: 'check-detail', fixable: false}, rows);
		});
	}

	test('at 160 columns the lab keys keep their names in the footer', async () => {
		app = await renderApp({columns: 160, rows: 40, options: {lab, monitorSample}});
		expect(app.lines().slice(-2).join(' ')).toContain('K kill-follower');
		await app.press('?');
		expect(app.frame()).toMatch(/K +kill-follower +kill -9 \/ restart a follower/);
	});
});
