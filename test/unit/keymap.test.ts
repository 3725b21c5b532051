import {describe, expect, test} from 'vitest';
import {findEntry, keymapFor, type KeymapContext, type Panel, type Screen} from '../../source/keymap/keymap.js';
import {labActions} from '../../source/lab/faults.js';

const screens: readonly Screen[] = ['main', 'node-detail', 'check-detail', 'walkthrough', 'help', 'filter', 'note', 'monitor-confirm', 'alerts', 'lag-chart', 'links'];
const panels: readonly Panel[] = ['topology', 'checks', 'timeline'];

function* contexts(): Generator<KeymapContext> {
	for (const screen of screens) {
		for (const panel of panels) {
			for (const replay of [false, true]) {
				yield {screen, panel, readOnly: false, replay, filtered: true, monitorSample: true, recording: true, labActions: [...labActions, {id: 'load-faster', key: '+', description: 'double the load rate', target: 'none'}]};
			}
		}
	}
}

describe('keymapFor', () => {
	test('no key is listed twice on any screen: the footer and help name what the key does', () => {
		for (const context of contexts()) {
			const keys = keymapFor(context).flatMap(e => e.keys);
			expect(keys, `${context.screen}/${context.panel}${context.replay ? ' replay' : ''}`).toEqual([...new Set(keys)]);
		}
	});

	test('on the alert list, a closes it (its own entry wins over the global alerts key)', () => {
		const entries = keymapFor({screen: 'alerts', readOnly: false});
		expect(findEntry(entries, 'a')?.action).toBe('back');
		expect(entries.filter(e => e.keys.includes('a')).map(e => e.label)).toEqual(['close']);
	});

	test('while replaying in the lab, + changes the playback speed and is listed once', () => {
		const entries = keymapFor({screen: 'main', panel: 'topology', readOnly: false, replay: true, labActions: [{id: 'load-faster', key: '+', description: 'double the load rate', target: 'none'}]});
		expect(entries.filter(e => e.keys.includes('+')).map(e => e.action)).toEqual(['replay-faster']);
	});

	test('an entry whose every key is taken by an earlier one is not offered at all', () => {
		expect(keymapFor({screen: 'alerts', readOnly: false}).some(e => e.action === 'alerts')).toBe(false);
	});

	test('the table is kept per context: the same context gives the same table, a changed field a new one', () => {
		const lab = [...labActions];
		const one = keymapFor({screen: 'main', panel: 'checks', readOnly: false, fixable: true, labActions: lab});
		expect(keymapFor({screen: 'main', panel: 'checks', readOnly: false, fixable: true, labActions: lab})).toBe(one);
		const readOnly = keymapFor({screen: 'main', panel: 'checks', readOnly: true, fixable: true, labActions: lab});
		expect(readOnly).not.toBe(one);
		expect(readOnly.some(e => e.action === 'fix')).toBe(false);
		expect(keymapFor({screen: 'main', panel: 'checks', readOnly: false, fixable: false, labActions: lab}).some(e => e.action === 'fix')).toBe(false);
		expect(keymapFor({screen: 'main', panel: 'checks', readOnly: false, fixable: true}).some(e => e.scope === 'lab')).toBe(false);
	});
});
