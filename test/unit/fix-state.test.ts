// The fix prompt's state machine without React: keys are typed actions, writes come back as effects.
import {describe, expect, test} from 'vitest';
import {fixView, openFix, reduceFix, type FixAction, type FixContext, type FixState, type FixStep} from '../../hooks/fix-state.js';
import type {Remediation} from '../../source/model/types.js';
import {validateValue} from '../../source/remediation/validate.js';
import {fixKeymapFor} from '../../source/keymap/fix-keymap.js';
import {findEntry} from '../../source/keymap/keymap.js';

const node = '127.0.0.1:6380';
const context: FixContext = {validate: (r, v) => validateValue(r.parameter ?? '', v), versions: {[node]: '7.0.15'}};
const rem = (parameter: string, current: string, proposed: string, extra: Partial<Remediation> = {}): Remediation => ({node, command: ['CONFIG', 'SET', parameter, proposed], current, proposed, risk: 'low', parameter, ...extra});
const check = (r: Remediation) => ({id: '6.2', section: '6', title: 'check 6.2', status: 'warn' as const, summary: 'test', evidence: [], remediations: [r]});
const open = (r: Remediation, ctx: FixContext = context) => openFix({check: check(r), remediations: [r]}, 1, ctx);

/** Plays actions from a state; the effects of every step, in order. */
function play(fix: FixState, actions: readonly FixAction[], ctx: FixContext = context): {fix: FixState | undefined; effects: FixStep['effects']} {
	let current: FixState | undefined = fix;
	const effects: Array<FixStep['effects'][number]> = [];
	for (const action of actions) {
		if (!current) break;
		const step = reduceFix(current, action, ctx);
		current = step.fix;
		effects.push(...step.effects);
	}
	return {fix: current, effects};
}

const type = (text: string): FixAction[] => [...text].map(input => ({type: 'fix-text', input, name: input}));

describe('reduceFix', () => {
	test('y applies a low-risk fix with the proposed value; a node with a config file is then offered CONFIG REWRITE, y persists it', () => {
		const applying = play(open(rem('repl-backlog-ttl', '3600', '7200')), [{type: 'fix-apply'}]);
		expect(applying.fix?.phase).toBe('applying');
		expect(applying.effects).toEqual([expect.objectContaining({kind: 'fix-apply', id: 1, value: '7200'})]);
		const outcome = {ok: true, steps: [{node, ok: true, command: ['CONFIG', 'SET', 'repl-backlog-ttl', '7200'], before: '3600', after: '7200'}]};
		const offered = play(applying.fix!, [{type: 'fix-applied', id: 1, outcome}]);
		expect(offered.fix?.phase).toBe('offer-persist');
		expect(fixView(offered.fix!, context).persistable).toEqual([node]);
		const persisting = play(offered.fix!, [{type: 'fix-persist'}]);
		expect(persisting.effects).toEqual([{kind: 'fix-persist', id: 1, nodes: [node]}]);
		const done = play(persisting.fix!, [{type: 'fix-persisted', id: 1, line: {node, ok: true, message: 'persisted'}}, {type: 'fix-persist-done', id: 1}]);
		expect(done.fix).toMatchObject({phase: 'done', persisted: [{node, ok: true, message: 'persisted'}]});
		expect(play(done.fix!, type('x')).fix).toBeUndefined();
	});

	test('without a config file the change stays runtime only: no persist offered, any key closes the result', () => {
		const noFile: FixContext = {...context, withoutConfigFile: [node]};
		const outcome = {ok: true, steps: [{node, ok: true, command: ['CONFIG', 'SET', 'repl-backlog-ttl', '7200']}]};
		const result = play(open(rem('repl-backlog-ttl', '3600', '7200'), noFile), [{type: 'fix-apply'}, {type: 'fix-applied', id: 1, outcome}], noFile);
		expect(result.fix?.phase).toBe('result');
		expect(fixView(result.fix!, noFile).runtimeOnly).toEqual([node]);
		expect(play(result.fix!, [{type: 'fix-text', input: '', name: 'escape'}], noFile)).toEqual({fix: undefined, effects: []});
	});

	test('a high-risk fix asks for the node address: a wrong one is refused and nothing is applied, the right one applies', () => {
		const fix = open(rem('replica-read-only', 'no', 'yes'));
		expect(fixView(fix, context).risk.level).toBe('high');
		const confirm = play(fix, [{type: 'fix-apply'}]);
		expect(confirm).toEqual({fix: expect.objectContaining({phase: 'confirm', draft: ''}), effects: []});
		const wrong = play(confirm.fix!, [...type('y'), {type: 'fix-submit'}]);
		expect(wrong.fix?.error).toBe(`not confirmed: high risk: type ${node} or yes and press Enter to apply, Esc to cancel`);
		expect(wrong.effects).toEqual([]);
		const right = play(wrong.fix!, [{type: 'fix-text', input: '', name: 'backspace'}, ...type(node), {type: 'fix-submit'}]);
		expect(right.effects).toEqual([expect.objectContaining({kind: 'fix-apply', value: 'yes'})]);
	});

	test('an edited value is validated before it replaces the proposal', () => {
		const edit = play(open(rem('repl-backlog-size', '1048576', '4mb')), [{type: 'fix-edit'}]);
		expect(edit.fix).toMatchObject({phase: 'edit', draft: '4mb'});
		const bad = play(edit.fix!, [...Array(3).fill({type: 'fix-text', input: '', name: 'backspace'}), ...type('lots'), {type: 'fix-submit'}]);
		expect(bad.fix).toMatchObject({phase: 'edit', value: '4mb', error: 'repl-backlog-size: "lots" is not a memory size (use bytes or a unit: 64mb, 1gb)'});
		const good = play(bad.fix!, [...Array(4).fill({type: 'fix-text', input: '', name: 'backspace'}), ...type('8mb'), {type: 'fix-submit'}]);
		expect(good.fix).toMatchObject({phase: 'review', value: '8mb', draft: ''});
		expect(good.fix?.error).toBeUndefined();
	});

	test('cancel closes the prompt and records the cancellation; a late result of a closed prompt changes nothing', () => {
		const fix = open(rem('repl-timeout', '60', '90'));
		const cancelled = play(fix, [{type: 'fix-cancel'}]);
		expect(cancelled).toEqual({fix: undefined, effects: [{kind: 'fix-cancelled', check: fix.check, remediations: fix.remediations}]});
		const applying = play(fix, [{type: 'fix-apply'}]).fix!;
		expect(reduceFix(applying, {type: 'fix-apply-failed', id: 7, error: 'late'}, context)).toEqual({fix: applying, effects: []});
	});

	test('a secret opens typed and masked (no edit of a proposal); without a remediation engine any key closes and nothing is sent', () => {
		const secret = open(rem('masterauth', '', '', {secret: true}));
		expect(secret).toMatchObject({phase: 'edit', value: ''});
		expect(fixKeymapFor({phase: 'review', secret: true, typedConfirmation: false, readOnly: false}).map(e => e.action)).not.toContain('fix-edit');
		const readOnly = open(rem('repl-timeout', '60', '90'), {});
		expect(fixView(readOnly, {}).readOnly).toBe(true);
		expect(reduceFix(readOnly, {type: 'fix-apply'}, {})).toEqual({fix: undefined, effects: []});
	});
});

describe('fixKeymapFor', () => {
	test('review: y applies, e edits, Esc, Enter and n cancel (the default); read-only keeps only what does not write', () => {
		const review = fixKeymapFor({phase: 'review', secret: false, typedConfirmation: false, readOnly: false});
		expect(['y', 'e', 'escape', 'return', 'n'].map(k => findEntry(review, k)?.action)).toEqual(['fix-apply', 'fix-edit', 'fix-cancel', 'fix-cancel', 'fix-cancel']);
		expect(fixKeymapFor({phase: 'review', secret: false, typedConfirmation: false, readOnly: true}).map(e => e.action)).toEqual(['fix-edit', 'fix-cancel']);
		expect(fixKeymapFor({phase: 'offer-persist', secret: false, typedConfirmation: false, readOnly: true})).toEqual([]);
	});

	test('while typing, letters are text: only Enter and Esc are keys', () => {
		for (const phase of ['edit', 'confirm'] as const) {
			expect(fixKeymapFor({phase, secret: false, typedConfirmation: true, readOnly: false}).flatMap(e => e.keys)).toEqual(['return', 'escape']);
		}
	});
});
