import {afterEach, describe, expect, test} from 'vitest';
import {footerText} from '../../components/Footer.js';
import {keyLabel, keymapFor} from '../../source/keymap/keymap.js';
import type {LabControls} from '../../source/model/ui-contracts.js';
import {buildSnapshot} from './fixtures.js';
import {keys, renderApp, type Rendered} from './render-app.js';

let app: Rendered | undefined;
afterEach(() => {
	app?.unmount();
	app = undefined;
});

function recordingLab(): LabControls & {calls: Array<[string, string | undefined]>} {
	const calls: Array<[string, string | undefined]> = [];
	return {
		calls,
		actions: [
			{id: 'pause-follower', key: 'P', description: 'SIGSTOP a follower', target: 'follower'},
			{id: 'kill-leader', key: 'K', description: 'kill -9 the leader', target: 'leader'},
		],
		async run(id, target) {
			calls.push([id, target]);
			return `${id} done on ${target}`;
		},
	};
}

const footerOf = (frame: string) => frame.split('\n').slice(-2).join(' ');

describe('keymap table', () => {
	test('read-only drops every dangerous entry and nothing else', () => {
		for (const screen of ['main', 'check-detail', 'walkthrough'] as const) {
			const full = keymapFor({screen, panel: 'checks', readOnly: false});
			const ro = keymapFor({screen, panel: 'checks', readOnly: true});
			expect(full.some(e => e.dangerous && e.keys.includes('f'))).toBe(true);
			expect(ro.some(e => e.dangerous)).toBe(false);
			expect(ro.length).toBe(full.filter(e => !e.dangerous).length);
		}
	});

	test('lab entries exist only with lab actions', () => {
		const lab = recordingLab();
		expect(keymapFor({screen: 'main', panel: 'topology', readOnly: false}).some(e => e.scope === 'lab')).toBe(false);
		const withLab = keymapFor({screen: 'main', panel: 'topology', readOnly: false, labActions: lab.actions});
		expect(withLab.filter(e => e.scope === 'lab').map(e => e.keys[0])).toEqual(['P', 'K']);
	});
});

describe('keys on screen', () => {
	test('the footer and the help screen show the same entries', async () => {
		app = await renderApp({columns: 160, rows: 40, options: {lab: recordingLab()}});
		await app.press(keys.tab, ...Array<string>(5).fill(keys.down)); // 2.2.2 in the checklist: it has a fix, so the fix key is there
		const footer = footerOf(app.frame());
		const entries = keymapFor({screen: 'main', panel: 'checks', readOnly: false, fixable: true, labActions: recordingLab().actions});
		// Every named entry by key and label; the incident and lab keys by key when the footer is crowded.
		for (const e of entries) expect(footer).toContain(e.keyOnly || e.scope === 'lab' ? keyLabel(e.keys) : footerText([e], false));
		await app.press('?');
		const help = app.frame();
		for (const e of entries) expect(help).toMatch(new RegExp(`${keyLabel(e.keys).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} +${e.label} +${e.description.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
		expect(help).toContain('Lab (fault injection)');
		expect(help).toMatch(/\bf +fix +Offer the fixes/);
	});

	test('the fix key shows only on a check with fixes on offer, in the footer and the help alike', async () => {
		app = await renderApp({columns: 160, rows: 40});
		await app.press(keys.tab, keys.enter);
		expect(app.frame()).toContain('1.1.1 Roles identified');
		expect(app.frame()).toMatch(/none \(nothing replwatch can change for this check\)/);
		expect(footerOf(app.frame())).not.toContain('f fix');
		expect(footerOf(app.frame())).toContain('Esc back');
		await app.press('?');
		expect(app.frame()).not.toMatch(/\bf +fix\b/);
		await app.press(keys.escape, keys.escape, ...Array<string>(5).fill(keys.down), keys.enter);
		expect(app.frame()).toContain('2.2.2');
		expect(footerOf(app.frame())).toContain('f fix');
		await app.press('?');
		expect(app.frame()).toMatch(/\bf +fix +Offer the fixes/);
	});

	test('--read-only hides the fix key in the footer and the help, and f does nothing', async () => {
		app = await renderApp({columns: 160, rows: 40, options: {readOnly: true}});
		await app.press(keys.tab);
		expect(footerOf(app.frame())).not.toContain('f fix');
		expect(footerOf(app.frame())).toContain('Enter detail');
		await app.press(keys.enter);
		expect(app.frame()).toContain('1.1.1 Roles identified');
		await app.press('?');
		expect(app.frame()).not.toMatch(/\bfix\b/);
		await app.press(keys.escape, 'f');
		expect(app.frame()).not.toContain('Fix 1.1.1');
	});

	test('lab actions appear only in lab mode and run on the selected follower', async () => {
		app = await renderApp({columns: 120, rows: 30});
		expect(footerOf(app.frame())).not.toContain('pause-follower');
		app.unmount();
		const lab = recordingLab();
		app = await renderApp({columns: 160, rows: 30, options: {lab}});
		expect(footerOf(app.frame())).toContain('P pause-follower');
		expect(app.lines()[0]).toContain('[lab]');
		await app.press(keys.down, keys.down, 'P');
		expect(lab.calls).toEqual([['pause-follower', '127.0.0.1:27007']]);
		expect(app.lines()[0]).toContain('pause-follower done on 127.0.0.1:27007');
	});

	test('p pauses and resumes polling, and the status line says so', async () => {
		app = await renderApp();
		await app.press('p');
		expect(app.monitor.pausedCalls).toEqual([true]);
		expect(app.lines()[0]).toContain('PAUSED');
		await app.press('p');
		expect(app.lines()[0]).not.toContain('PAUSED');
	});

	test('q stops the monitor', async () => {
		app = await renderApp();
		await app.press('q');
		expect(app.monitor.stopped).toBe(1);
	});
});
