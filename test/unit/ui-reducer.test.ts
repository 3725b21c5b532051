// The UI state without React: a key names a typed action, the reducer gives the next state and the
// effects to run. Snapshots are the captured 3-node lab of the component tests.
import {describe, expect, test} from 'vitest';
import {actionOf, reduceUi, type UiAction, type UiEffect} from '../../hooks/ui-reducer.js';
import {initialUiState, keysOf, nodeIndexOf, selectedNodeOf, type UiState, type UiWorld} from '../../hooks/ui-state.js';
import {documentOrder} from '../../hooks/walkthrough.js';
import {findEntry, keymapFor, type Panel, type Screen} from '../../source/keymap/keymap.js';
import {labActions} from '../../source/lab/faults.js';
import type {Snapshot} from '../../source/model/snapshot.js';
import {buildSnapshot} from '../component/fixtures.js';

function worldOf(snapshot: Snapshot, extra: Partial<UiWorld> = {}): UiWorld {
	const nodes = Object.keys(snapshot.topology.nodes);
	return {snapshot, nodes, checks: documentOrder(snapshot.checks), ordered: documentOrder(snapshot.checks), features: {readOnly: false, monitorSample: true, recording: false, replay: false}, fix: {validate: () => undefined}, ...extra};
}

/** Types keys by name through the table in force after each one, as the app's one input listener does. */
function typeKeys(names: readonly string[], world: UiWorld, state: UiState = initialUiState(false)): {state: UiState; effects: UiEffect[]} {
	const effects: UiEffect[] = [];
	for (const name of names) {
		const entry = findEntry(keysOf(state, world), name);
		const action: UiAction = entry ? actionOf(entry.action) : {type: 'text', input: name.length === 1 ? name : '', name};
		const step = reduceUi(state, action, world);
		state = step.state;
		effects.push(...step.effects);
	}
	return {state, effects};
}

const snapshot = buildSnapshot();
const world = worldOf(snapshot);
const [leader, follower1, follower2] = Object.keys(snapshot.topology.nodes) as [string, string, string];

describe('reduceUi', () => {
	test('/ types a filter, Backspace edits it, Enter applies it and the main keys are back; Esc clears it', () => {
		const typed = typeKeys(['/', 'f', 'o', 'x', 'backspace', 'return'], world);
		expect(typed.state).toMatchObject({screen: 'main', filter: 'fo'});
		expect(findEntry(keysOf(typed.state, world), 'escape')?.action).toBe('clear-filters');
		expect(typeKeys(['escape'], world, typed.state).state).toMatchObject({filter: '', statusFilter: 'all', message: 'filters cleared'});
	});

	test('the selection follows its node when the rows re-order, and takes the node on its row when its own is gone', () => {
		const moved = typeKeys(['j', 'j'], world).state;
		expect(selectedNodeOf(moved, world)).toBe(follower2);
		const reordered = worldOf(snapshot, {nodes: [follower2, leader, follower1]});
		const followed = reduceUi(moved, {type: 'rows'}, reordered).state;
		expect([nodeIndexOf(followed, reordered.nodes), selectedNodeOf(followed, reordered)]).toEqual([0, follower2]);
		const filtered = worldOf(snapshot, {nodes: [leader]});
		expect(selectedNodeOf(reduceUi(followed, {type: 'rows'}, filtered).state, filtered)).toBe(leader);
	});

	test('f on a check with fixes opens the prompt and its table takes the keys; n cancels and records it', () => {
		const opened = typeKeys(['tab', ']', ']'], world).state;
		expect(keysOf(opened, world).map(e => e.action)).toContain('fix');
		const prompt = typeKeys(['f'], world, opened).state;
		expect(prompt.fix).toMatchObject({phase: 'review', value: '5', check: {id: '2.2.2'}});
		expect(keysOf(prompt, world).map(e => e.action)).toEqual(['fix-apply', 'fix-edit', 'fix-cancel']);
		const cancelled = typeKeys(['q', 'n'], world, prompt);
		expect(cancelled.state.fix).toBeUndefined();
		expect(cancelled.effects).toEqual([expect.objectContaining({kind: 'fix-cancelled'})]);
	});

	test('--read-only: no fix key in the table, and the fix action does nothing', () => {
		const readOnly = worldOf(snapshot, {features: {...world.features, readOnly: true}});
		const onCheck = typeKeys(['tab', ']', ']'], readOnly).state;
		expect(keysOf(onCheck, readOnly).map(e => e.action)).not.toContain('fix');
		expect(reduceUi(onCheck, {type: 'fix'}, readOnly)).toEqual({state: onCheck, effects: []});
	});

	test('a lab fault that needs a follower runs on the selected node when it is one, else on the first follower; quit and pause are effects', () => {
		const lab = worldOf(snapshot, {features: {...world.features, labActions}});
		const pause = labActions.find(a => a.target === 'follower')!;
		expect(typeKeys([pause.key], lab).effects).toEqual([{kind: 'lab', id: pause.id, target: follower1}]);
		expect(typeKeys(['j', 'j', pause.key], lab).effects).toEqual([{kind: 'lab', id: pause.id, target: follower2}]);
		expect(typeKeys(['p', 'q'], lab).effects).toEqual([{kind: 'pause', paused: true}, {kind: 'quit'}]);
	});

	test('] and [ wrap around the failing and warning checks; with none the status line says so', () => {
		const lagging = worldOf(buildSnapshot({lagging: true}));
		const ids = (names: string[]) => {
			const {state} = typeKeys(names, lagging);
			return lagging.checks[state.checkIndex]?.id;
		};
		expect([ids([']']), ids([']', ']']), ids([']', ']', ']']), ids(['['])]).toEqual(['1.2.4', '2.2.2', '1.2.4', '2.2.2']);
		const calm = worldOf(snapshot, {checks: world.checks.filter(c => c.status === 'pass')});
		expect(typeKeys([']'], calm).state.message).toBe('no failing or warning check');
	});

	test('every action of every table has a step (the reducer\'s switch is exhaustive by type; this walks the tables)', () => {
		const screens: Screen[] = ['main', 'node-detail', 'check-detail', 'walkthrough', 'help', 'filter', 'note', 'monitor-confirm', 'alerts', 'lag-chart', 'links'];
		const panels: Panel[] = ['topology', 'checks', 'timeline'];
		const features = {...world.features, recording: true, labActions};
		for (const screen of screens) {
			for (const panel of panels) {
				for (const replay of [false, true]) {
					const state: UiState = {...initialUiState(false), screen, panel};
					for (const entry of keymapFor({screen, panel, readOnly: false, replay, recording: true, monitorSample: true, filtered: true, labActions})) {
						expect(() => reduceUi(state, actionOf(entry.action), worldOf(snapshot, {features: {...features, replay}}))).not.toThrow();
					}
				}
			}
		}
	});

	test('the timeline scrolls within the bound of the window last drawn: a scroll beyond it (the filter since hid events) moves from the bound', () => {
		const drawn = worldOf(snapshot, {timelineMaxScroll: 3});
		const state: UiState = {...initialUiState(false), panel: 'timeline'};
		expect(typeKeys(['up', 'up', 'up', 'up', 'up'], drawn, state).state.timelineScroll).toBe(3);
		expect(typeKeys(['down'], drawn, {...state, timelineScroll: 29}).state.timelineScroll).toBe(2);
		expect(typeKeys(['down'], drawn, {...state, timelineScroll: 1}).state.timelineScroll).toBe(0);
		expect(typeKeys(['up'], worldOf(snapshot), state).state.timelineScroll).toBe(0);
	});

	test('Lab and MONITOR messages keep their first line only, without control characters', () => {
		expect(reduceUi(initialUiState(false), {type: 'message', text: '\u001b[31mfailed\u001b[0m: boom\nstack'}, world).state.message).toBe('failed: boom');
	});
});
