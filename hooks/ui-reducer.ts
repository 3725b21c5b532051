// The UI as a pure reducer over typed actions. A key of the table names one action (keymap.ts); the
// reducer never touches a server or a file: it returns effects (stop, pause, a lab fault, MONITOR, a fix,
// a report) that the hook runs and answers with actions (message, fix-applied, report-written).
import type {Action, ActionId} from '../source/keymap/keymap.js';
import {sanitize} from '../source/model/sanitize.js';
import type {Address} from '../source/model/types.js';
import {linkSorts} from '../views/links-table.js';
import {groupIdsOf} from '../views/topology-rows.js';
import {topologySorts, type TopologySort} from '../views/row-types.js';
import {openFix, reduceFix, type FixAction, type FixEffect} from './fix-state.js';
import {checkIndexOf, clampIndex, detailCheckOf, fixTarget, nodeIndexOf, selectedCheckOf, selectedNodeOf, type StatusFilter, type UiState, type UiWorld} from './ui-state.js';
import {walkPosition, withNote} from './walkthrough.js';

const statusFilters: readonly StatusFilter[] = ['all', 'problems', 'fail'];
const statusFilterNames: Readonly<Record<StatusFilter, string>> = {all: 'every check', problems: 'failing and warning checks only (v: fail only)', fail: 'failing checks only (v: all)'};
const sortNames: Readonly<Record<TopologySort, string>> = {discovery: 'discovery', lag: 'lag, most behind first', status: 'status, worst first'};

export type UiAction =
	| {readonly type: Exclude<ActionId, FixAction['type']>}
	| {readonly type: 'lab'; readonly id: string}
	/** A key the table does not name: text for the filter, the note or the fix prompt. */
	| {readonly type: 'text'; readonly input: string; readonly name: string}
	| {readonly type: 'message'; readonly text: string | undefined}
	/** A message's time is up: it goes unless a newer one replaced it. */
	| {readonly type: 'message-expired'; readonly text: string}
	/** The rows changed: the selection follows its node. */
	| {readonly type: 'rows'}
	| {readonly type: 'report-written'; readonly path: string}
	| {readonly type: 'report-failed'; readonly error: string}
	| FixAction;

export type UiEffect =
	| {readonly kind: 'quit'}
	| {readonly kind: 'pause'; readonly paused: boolean}
	| {readonly kind: 'lab'; readonly id: string; readonly target?: Address}
	| {readonly kind: 'monitor-sample'; readonly node: Address}
	| {readonly kind: 'record-toggle'}
	| {readonly kind: 'replay-step' | 'replay-faster' | 'replay-slower' | 'replay-next-event' | 'replay-next-fail'}
	| {readonly kind: 'walk-report'; readonly notes: Readonly<Record<string, string>>}
	| FixEffect;

export interface UiStep {
	readonly state: UiState;
	readonly effects: readonly UiEffect[];
}

/** The action a key of the table names. */
export function actionOf(action: Action): UiAction {
	return action.startsWith('lab:') ? {type: 'lab', id: action.slice(4)} : ({type: action} as UiAction);
}

/** Lab results, MONITOR lines and errors come from servers and faults: only their first line, printable. */
export const messageText = (text: string) => sanitize(text.split('\n')[0] ?? '');

const changes = (state: UiState, patch: Partial<UiState>): boolean =>
	Object.keys(patch).some(key => !Object.is(state[key as keyof UiState], patch[key as keyof UiState]));

/** One step of the UI: the next state and what to do outside it. */
export function reduceUi(state: UiState, action: UiAction, world: UiWorld): UiStep {
	// A patch that changes nothing keeps the same state object: the controller re-renders only on a
	// new object, and the 'rows' action runs after every tick.
	const to = (patch: Partial<UiState>, ...effects: UiEffect[]): UiStep => ({state: changes(state, patch) ? {...state, ...patch} : state, effects});
	const say = (text: string | undefined, patch: Partial<UiState> = {}, ...effects: UiEffect[]) => to({...patch, message: text === undefined ? undefined : messageText(text)}, ...effects);
	const {snapshot, nodes, checks} = world;
	const selectedNode = selectedNodeOf(state, world);

	switch (action.type) {
		case 'fix-apply':
		case 'fix-edit':
		case 'fix-cancel':
		case 'fix-submit':
		case 'fix-persist':
		case 'fix-text':
		case 'fix-applied':
		case 'fix-apply-failed':
		case 'fix-persisted':
		case 'fix-persist-done': {
			if (!state.fix) return to({});
			const step = reduceFix(state.fix, action, world.fix);
			return {state: {...state, fix: step.fix}, effects: step.effects};
		}
		case 'text':
			if (state.fix) return reduceUi(state, {type: 'fix-text', input: action.input, name: action.name}, world);
			if (state.screen !== 'filter' && state.screen !== 'note') return to({});
			{
				const key = state.screen === 'filter' ? 'filterDraft' : 'noteDraft';
				const draft = state[key];
				if (action.name === 'backspace') return to({[key]: draft.slice(0, -1)});
				if (action.input && [...action.input].every(ch => ch >= ' ' && ch !== '\u007F')) return to({[key]: draft + action.input});
				return to({});
			}
		case 'message':
			return say(action.text);
		case 'message-expired':
			return state.message === action.text ? to({message: undefined}) : to({});
		case 'rows': {
			// The selection follows its node; when that node is gone it takes the node now on its row.
			const found = state.selectedNode === undefined ? -1 : nodes.indexOf(state.selectedNode);
			if (found >= 0) return found === state.nodeIndex ? to({}) : to({nodeIndex: found});
			return selectedNode === state.selectedNode ? to({}) : to({selectedNode});
		}
		case 'report-written':
			return to({walk: {...state.walk, reportPath: action.path, reportError: undefined}});
		case 'report-failed':
			return to({walk: {...state.walk, reportError: messageText(action.error)}});
		case 'lab': {
			const lab = world.features.labActions?.find(a => a.id === action.id);
			if (!lab) return to({});
			if (lab.target === 'none') return say(`${lab.id}: running…`, {}, {kind: 'lab', id: lab.id});
			const role = selectedNode ? snapshot.topology.nodes[selectedNode]?.role : undefined;
			const wanted = lab.target === 'follower' ? 'replica' : 'master';
			const target = role === wanted ? selectedNode : Object.values(snapshot.topology.nodes).find(n => n.role === wanted)?.address;
			if (!target) return say(`${lab.id}: select a ${lab.target} first`);
			return say(`${lab.id}: running…`, {}, {kind: 'lab', id: lab.id, target});
		}
		case 'quit':
			return to({}, {kind: 'quit'});
		case 'help':
			return to({detailScroll: 0, helpReturn: state.screen, screen: 'help'});
		case 'alerts':
			return to({detailScroll: 0, screen: 'alerts'});
		case 'pause':
			return to({}, {kind: 'pause', paused: !snapshot.paused});
		case 'walkthrough':
			return to({screen: 'walkthrough'});
		case 'filter':
			return to({filterDraft: state.filter, screen: 'filter'});
		case 'filter-apply':
			return to({filter: state.filterDraft, screen: 'main'});
		case 'filter-clear':
			return to({filter: '', filterDraft: '', screen: 'main'});
		case 'select-prev':
		case 'select-next': {
			if (state.screen !== 'main') return to({});
			const step = action.type === 'select-next' ? 1 : -1;
			// ↑ is older: the timeline's window moves back from the newest event, as far as the drawn window can.
			if (state.panel === 'timeline') {
				const bound = world.timelineMaxScroll ?? 0;
				return to({timelineScroll: Math.max(0, Math.min(Math.min(state.timelineScroll, bound) - step, bound))});
			}
			if (state.panel === 'topology') {
				if (nodes.length === 0) return to({});
				const next = clampIndex(nodeIndexOf(state, nodes) + step, nodes.length);
				return to({nodeIndex: next, selectedNode: nodes[next]});
			}
			if (checks.length === 0) return to({});
			return to({checkIndex: clampIndex(checkIndexOf(state, checks) + step, checks.length)});
		}
		case 'collapse-group': {
			const groupId = selectedNode ? snapshot.topology.nodes[selectedNode]?.groupId : undefined;
			const group = snapshot.topology.groups.find(g => g.id === groupId || g.members.includes(selectedNode ?? ''));
			if (!group) return to({});
			const collapsed = new Set(state.topologyView.collapsed);
			if (collapsed.has(group.id)) collapsed.delete(group.id);
			else collapsed.add(group.id);
			// The leader stays on screen: the selection moves to it.
			return to({topologyView: {...state.topologyView, collapsed}, ...(group.leader ? {selectedNode: group.leader} : {})});
		}
		case 'collapse-all': {
			const group = snapshot.topology.groups.find(g => g.members.includes(selectedNode ?? ''));
			const ids = groupIdsOf(snapshot.topology);
			const collapsed = ids.every(id => state.topologyView.collapsed.has(id)) ? new Set<string>() : new Set(ids);
			const follow = group?.leader ?? (selectedNode ? snapshot.topology.nodes[selectedNode]?.address : undefined);
			return to({topologyView: {...state.topologyView, collapsed}, selectedNode: follow});
		}
		case 'cycle-sort': {
			const sort = topologySorts[(topologySorts.indexOf(state.topologyView.sort) + 1) % topologySorts.length]!;
			return say(`order: ${sortNames[sort]}`, {topologyView: {...state.topologyView, sort}});
		}
		case 'scroll-up':
			return to({detailScroll: Math.max(0, state.detailScroll - 1)});
		case 'scroll-down':
			return to({detailScroll: state.detailScroll + 1});
		case 'switch-panel':
			return to({panel: state.panel === 'topology' ? 'checks' : state.panel === 'checks' ? 'timeline' : 'topology'});
		case 'next-problem':
		case 'prev-problem': {
			// The next (or previous) failing or warning check of the checklist as shown, wrapping around;
			// in the walkthrough, the next step that is a problem (the same key, the same meaning).
			const step = action.type === 'next-problem' ? 1 : -1;
			if (state.screen === 'walkthrough') {
				const list = world.ordered;
				const at = walkPosition(list, state.walk);
				for (let k = 1; k <= list.length; k++) {
					const c = list[(((at + step * k) % list.length) + list.length) % list.length]!;
					if (c.status === 'fail' || c.status === 'warn') return to({walk: {...state.walk, currentId: c.id}});
				}
				return say('no failing or warning check');
			}
			const n = checks.length;
			const from = checkIndexOf(state, checks);
			for (let k = 1; k <= n; k++) {
				const i = (((from + step * k) % n) + n) % n;
				const status = checks[i]!.status;
				if (status === 'fail' || status === 'warn') return to({panel: 'checks', checkIndex: i});
			}
			return say(n === 0 ? 'no check matches the filter' : 'no failing or warning check', {panel: 'checks'});
		}
		case 'status-filter': {
			const next = statusFilters[(statusFilters.indexOf(state.statusFilter) + 1) % statusFilters.length]!;
			return say(`checklist: ${statusFilterNames[next]}`, {statusFilter: next});
		}
		case 'clear-filters':
			return say('filters cleared', {filter: '', filterDraft: '', statusFilter: 'all'});
		case 'lag-chart': {
			const link = selectedNode ? snapshot.topology.links.find(l => l.follower === selectedNode) : undefined;
			if (!link) return say('lag chart: select a follower first');
			return to({chartNode: link.follower, screen: 'lag-chart'});
		}
		case 'chart-unit':
			return to({chartUnit: state.chartUnit === 'bytes' ? 'seconds' : 'bytes'});
		case 'links-table':
			return to({detailScroll: 0, screen: 'links'});
		case 'links-sort':
			return to({linksSort: linkSorts[(linkSorts.indexOf(state.linksSort) + 1) % linkSorts.length]!});
		case 'open-detail': {
			const selectedCheck = selectedCheckOf(state, world);
			if (state.panel === 'topology' && selectedNode) return to({detailScroll: 0, detailNode: selectedNode, screen: 'node-detail'});
			if (state.panel === 'checks' && selectedCheck) return to({detailScroll: 0, detailCheckId: selectedCheck.id, screen: 'check-detail'});
			return to({detailScroll: 0});
		}
		case 'back':
			return to({message: undefined, screen: state.screen === 'help' ? (state.helpReturn === 'help' ? 'main' : state.helpReturn) : 'main'});
		case 'fix': {
			const check = fixTarget(state, world);
			if (!check || world.features.readOnly) return to({});
			if (check.remediations.length === 0) return say(`${check.id}: no fix on offer`);
			const id = state.fixCount + 1;
			return to({fix: openFix({check, remediations: check.remediations}, id, world.fix), fixCount: id});
		}
		case 'walk-next':
		case 'walk-prev': {
			const list = world.ordered;
			const at = walkPosition(list, state.walk);
			const target = list[action.type === 'walk-next' ? Math.min(at + 1, list.length - 1) : Math.max(at - 1, 0)];
			return target ? to({walk: {...state.walk, currentId: target.id}}) : to({});
		}
		case 'walk-note': {
			const check = fixTarget(state, world, 'walkthrough');
			return check ? to({noteDraft: state.walk.notes[check.id] ?? '', screen: 'note'}) : to({});
		}
		case 'note-save': {
			const check = fixTarget(state, world, 'walkthrough');
			return to({screen: 'walkthrough', ...(check ? {walk: {...state.walk, notes: withNote(state.walk.notes, check.id, state.noteDraft)}} : {})});
		}
		case 'note-cancel':
			return to({screen: 'walkthrough'});
		case 'walk-report':
			return to({}, {kind: 'walk-report', notes: state.walk.notes});
		case 'monitor-sample': {
			const node = selectedNode ? snapshot.topology.nodes[selectedNode] : undefined;
			if (!node || node.role === 'sentinel' || !node.sample.reachable) return say('MONITOR: select a reachable data node first');
			return to({monitorTarget: node.address, screen: 'monitor-confirm'});
		}
		case 'monitor-confirm': {
			const target = state.monitorTarget;
			if (!target || !world.features.monitorSample) return to({screen: 'main', monitorTarget: undefined});
			return say(`MONITOR ${target}: starting…`, {screen: 'main', monitorTarget: undefined}, {kind: 'monitor-sample', node: target});
		}
		case 'monitor-cancel':
			return to({monitorTarget: undefined, screen: 'main'});
		case 'record-toggle':
			return world.features.recording ? say('recording: …', {}, {kind: 'record-toggle'}) : to({});
		case 'replay-step':
		case 'replay-faster':
		case 'replay-slower':
		case 'replay-next-event':
		case 'replay-next-fail':
			return to({}, {kind: action.type});
		default: {
			const unhandled: never = action;
			return unhandled;
		}
	}
}
