// Keys are data: one table drives input handling, the footer hints and the help screen
// (the k9s/lazygit idea). Read-only mode strips the dangerous entries; lab entries exist only in lab mode.
import type {LabAction} from '../model/ui-contracts.js';

export type KeyScope = 'global' | 'topology' | 'checks' | 'detail' | 'walkthrough' | 'lab' | 'replay';

export type Screen = 'main' | 'node-detail' | 'check-detail' | 'walkthrough' | 'help' | 'filter' | 'note' | 'monitor-confirm' | 'alerts' | 'lag-chart' | 'links';

export type Panel = 'topology' | 'checks' | 'timeline';

/** Every action a key can trigger: the controller's switch over it must handle each one (it does not compile otherwise). */
export type ActionId =
	| 'quit' | 'help' | 'pause' | 'walkthrough' | 'filter' | 'filter-apply' | 'filter-clear' | 'clear-filters'
	| 'select-prev' | 'select-next' | 'collapse-group' | 'collapse-all' | 'cycle-sort' | 'scroll-up' | 'scroll-down'
	| 'switch-panel' | 'open-detail' | 'back' | 'fix' | 'walk-next' | 'walk-prev' | 'walk-note' | 'note-save'
	| 'note-cancel' | 'walk-report' | 'monitor-sample' | 'monitor-confirm' | 'monitor-cancel' | 'record-toggle'
	| 'replay-step' | 'replay-faster' | 'replay-slower' | 'replay-next-event' | 'replay-next-fail'
	| 'next-problem' | 'prev-problem' | 'status-filter' | 'lag-chart' | 'chart-unit' | 'links-table' | 'links-sort' | 'alerts'
	| FixActionId;

/** The fix prompt's keys; any other key is text (Edit, Confirm) or, where the prompt says so, closes it. */
export type FixActionId = 'fix-apply' | 'fix-edit' | 'fix-cancel' | 'fix-submit' | 'fix-persist';


/** A lab fault key: `lab:<action id>`. */
export type LabActionKey = `lab:${string}`;

export type Action = ActionId | LabActionKey;

/** Key names: a printable character as typed, or one of up, down, left, right, return, escape, tab, backspace, pageup, pagedown, ctrl+<c>. */
export interface KeyEntry {
	readonly keys: readonly string[];
	/** Short word for the footer. */
	readonly label: string;
	/** One line for the help screen. */
	readonly description: string;
	readonly scope: KeyScope;
	readonly dangerous?: boolean;
	readonly action: Action;
	/** A crowded footer shows only its key (`more: ] [ v g l`); the help keeps the name. */
	readonly keyOnly?: boolean;
}

export interface KeymapContext {
	readonly screen: Screen;
	readonly panel?: Panel;
	readonly readOnly: boolean;
	readonly labActions?: readonly LabAction[];
	/** A MONITOR sample can be taken (the UI was given the controls). */
	readonly monitorSample?: boolean;
	/** Whether the check the fix key would act on has fixes on offer; false drops the key (unknown keeps it). */
	readonly fixable?: boolean;
	/** A live run that can be recorded (the record key). */
	readonly recording?: boolean;
	/** Playing a recording: playback keys instead of polling ones. */
	readonly replay?: boolean;
	/** A text or status filter is in force: Esc clears it. */
	readonly filtered?: boolean;
}

const recordEntry: KeyEntry = {keys: ['R'], label: 'record', description: 'Start or stop recording this run (a file under the state directory)', scope: 'global', action: 'record-toggle'};

// Playback of a recording; p (pause) plays and pauses it.
const replayEntries: readonly KeyEntry[] = [
	{keys: ['s'], label: 'step', description: 'Step one recorded tick (pauses playback)', scope: 'replay', action: 'replay-step'},
	{keys: ['+', '='], label: 'faster', description: 'Play faster (1×, 2×, 5×, 10×, 30×, 60×)', scope: 'replay', action: 'replay-faster'},
	{keys: ['-'], label: 'slower', description: 'Play slower', scope: 'replay', action: 'replay-slower'},
	{keys: ['n'], label: 'next event', description: 'Jump to the next timeline event (failover, link down, restart, full sync, fix)', scope: 'replay', action: 'replay-next-event'},
	{keys: ['N'], label: 'next fail', description: 'Jump to the next check that starts failing or node that goes down', scope: 'replay', action: 'replay-next-fail'},
];

// It does not write, but costs the node throughput: it always asks first (screen monitor-confirm).
const monitorEntry: KeyEntry = {keys: ['m'], label: 'monitor', description: 'Sample the selected node\'s commands with MONITOR for 5 s (reads/writes by name; asks first)', scope: 'topology', action: 'monitor-sample'};

const globalEntries: readonly KeyEntry[] = [
	{keys: ['q', 'ctrl+c'], label: 'quit', description: 'Quit replwatch', scope: 'global', action: 'quit'},
	{keys: ['?'], label: 'help', description: 'Show every key', scope: 'global', action: 'help'},
	{keys: ['p'], label: 'pause', description: 'Pause or resume polling', scope: 'global', action: 'pause'},
	{keys: ['w'], label: 'walkthrough', description: 'Guided walkthrough of the checklist', scope: 'global', action: 'walkthrough'},
	{keys: ['/'], label: 'filter', description: 'Filter nodes, checks and the timeline by text', scope: 'global', action: 'filter'},
	{keys: ['a'], label: 'alerts', description: 'Alerts: firing, pending and recently resolved', scope: 'global', action: 'alerts'},
];

// The incident keys of the main screen: the next problem, only the problems, the lag chart, every link.
const incidentEntries: readonly KeyEntry[] = [
	{keys: [']'], label: 'next problem', description: 'Select the next failing or warning check (wraps around)', scope: 'checks', action: 'next-problem', keyOnly: true},
	{keys: ['['], label: 'prev problem', description: 'Select the previous failing or warning check', scope: 'checks', action: 'prev-problem', keyOnly: true},
	{keys: ['v'], label: 'status', description: 'Checklist status filter: all, then fail and warn, then fail only', scope: 'checks', action: 'status-filter', keyOnly: true},
	{keys: ['g'], label: 'lag chart', description: 'Lag chart of the selected follower over the whole history window', scope: 'topology', action: 'lag-chart', keyOnly: true},
	{keys: ['l'], label: 'links', description: 'Table of every replication link (state, behind, backlog, ack, up since)', scope: 'topology', action: 'links-table', keyOnly: true},
];

const clearFiltersEntry: KeyEntry = {keys: ['escape'], label: 'clear filter', description: 'Clear the text and status filters', scope: 'global', action: 'clear-filters'};
const unitEntry: KeyEntry = {keys: ['u'], label: 'bytes/seconds', description: 'Lag chart in bytes or in seconds behind', scope: 'detail', action: 'chart-unit'};

// Many nodes: fold groups to their summary line, order by what needs attention.
const topologyEntries: readonly KeyEntry[] = [
	{keys: ['c'], label: 'collapse', description: 'Collapse or expand the group of the selected node (its summary line stays)', scope: 'topology', action: 'collapse-group'},
	{keys: ['C'], label: 'collapse all', description: 'Collapse every group, or expand them all', scope: 'topology', action: 'collapse-all'},
	{keys: ['o'], label: 'order', description: 'Order followers by discovery, by lag (most behind first) or by status (worst first)', scope: 'topology', action: 'cycle-sort'},
];

const listEntries = (panel: Panel): readonly KeyEntry[] => {
	const scope = panel === 'checks' ? 'checks' : 'topology';
	const tab: KeyEntry = {keys: ['tab'], label: 'panel', description: 'Next panel: topology, checklist, timeline', scope, action: 'switch-panel'};
	if (panel === 'timeline') {
		return [
			{keys: ['up', 'k'], label: 'older', description: 'Timeline: scroll to older events', scope, action: 'select-prev'},
			{keys: ['down', 'j'], label: 'newer', description: 'Timeline: scroll to newer events (the newest stay in view at the bottom)', scope, action: 'select-next'},
			tab,
		];
	}
	return [
		{keys: ['up', 'k'], label: 'up', description: scope === 'topology' ? 'Select the previous node' : 'Select the previous check', scope, action: 'select-prev'},
		{keys: ['down', 'j'], label: 'down', description: scope === 'topology' ? 'Select the next node' : 'Select the next check', scope, action: 'select-next'},
		{keys: ['return'], label: 'detail', description: scope === 'topology' ? 'Every replication field of the selected node, and its lag chart' : 'What the selected check verifies, its evidence and fixes', scope, action: 'open-detail'},
		tab,
		...(scope === 'topology' ? topologyEntries : []),
	];
};

const fixEntry = (scope: KeyScope): KeyEntry => ({
	keys: ['f'],
	label: 'fix',
	description: 'Offer the fixes of this check (asks before changing anything)',
	scope,
	dangerous: true,
	action: 'fix',
});

const backEntry = (scope: KeyScope, label = 'back'): KeyEntry => ({keys: ['escape'], label, description: 'Back to the main screen', scope, action: 'back'});

const scrollEntries: readonly KeyEntry[] = [
	{keys: ['up', 'k'], label: 'scroll', description: 'Scroll up', scope: 'detail', action: 'scroll-up'},
	{keys: ['down', 'j'], label: 'scroll', description: 'Scroll down', scope: 'detail', action: 'scroll-down'},
];

const walkthroughEntries: readonly KeyEntry[] = [
	{keys: ['n', 'right'], label: 'next', description: 'Next check in document order', scope: 'walkthrough', action: 'walk-next'},
	{keys: ['left'], label: 'prev', description: 'Previous check in document order', scope: 'walkthrough', action: 'walk-prev'},
	{keys: [']'], label: 'next problem', description: 'Next failing or warning check (wraps around), as ] on the main screen', scope: 'walkthrough', action: 'next-problem', keyOnly: true},
	{keys: ['['], label: 'prev problem', description: 'Previous failing or warning check', scope: 'walkthrough', action: 'prev-problem', keyOnly: true},
	{keys: ['r'], label: 'report', description: 'Write the Markdown walkthrough report', scope: 'walkthrough', action: 'walk-report'},
	{keys: ['e'], label: 'note', description: 'Write an operator note for this check (goes into the report)', scope: 'walkthrough', action: 'walk-note'},
	fixEntry('walkthrough'),
	backEntry('walkthrough', 'leave'),
	{keys: ['q', 'ctrl+c'], label: 'quit', description: 'Quit replwatch', scope: 'global', action: 'quit'},
];

function labEntries(actions: readonly LabAction[] | undefined): KeyEntry[] {
	return (actions ?? []).map(a => ({
		keys: [a.key],
		label: a.id,
		description: a.target === 'none' ? a.description : `${a.description} (on the selected ${a.target === 'follower' ? 'follower' : 'leader'})`,
		scope: 'lab' as const,
		action: `lab:${a.id}` as const,
	}));
}

// The App asks for its key table on every render (each tick); the table changes only when the context does.
const tables = new WeakMap<readonly LabAction[], Map<string, readonly KeyEntry[]>>();
const noLab: readonly LabAction[] = [];

/** The key entries that apply in one context, in priority order: earlier entries win a key. The same context gives the same (frozen) table. */
export function keymapFor(context: KeymapContext): readonly KeyEntry[] {
	const lab = context.labActions ?? noLab;
	let byContext = tables.get(lab);
	if (!byContext) tables.set(lab, (byContext = new Map()));
	const key = [context.screen, context.panel, context.readOnly, context.monitorSample, context.fixable, context.recording, context.replay, context.filtered].join('|');
	let table = byContext.get(key);
	if (!table) byContext.set(key, (table = Object.freeze(buildKeymap(context))));
	return table;
}

function buildKeymap(context: KeymapContext): KeyEntry[] {
	let entries: KeyEntry[];
	switch (context.screen) {
		case 'main':
			entries = [
				...(context.filtered ? [clearFiltersEntry] : []),
				...listEntries(context.panel ?? 'topology'),
				...(context.panel === 'checks' ? [fixEntry('checks')] : []),
				...incidentEntries,
				...(context.panel !== 'checks' && context.monitorSample ? [monitorEntry] : []),
				...(context.replay ? replayEntries : []),
				...(context.replay ? globalEntries.map(e => (e.action === 'pause' ? {...e, label: 'play/pause', description: 'Play or pause the recording'} : e)) : globalEntries),
				...(context.recording && !context.replay ? [recordEntry] : []),
				...labEntries(context.labActions),
			];
			break;
		case 'monitor-confirm':
			entries = [
				{keys: ['y'], label: 'start', description: 'Start the 5 s MONITOR sample', scope: 'topology', action: 'monitor-confirm'},
				{keys: ['n', 'escape'], label: 'cancel', description: 'Do not sample', scope: 'topology', action: 'monitor-cancel'},
				{keys: ['ctrl+c'], label: 'quit', description: 'Quit replwatch', scope: 'global', action: 'quit'},
			];
			break;
		case 'node-detail':
			entries = [backEntry('detail'), ...scrollEntries, unitEntry, ...globalEntries, ...labEntries(context.labActions)];
			break;
		case 'lag-chart':
			entries = [backEntry('detail'), unitEntry, ...globalEntries, ...labEntries(context.labActions)];
			break;
		case 'links':
			entries = [
				backEntry('detail'),
				{keys: ['o'], label: 'order', description: 'Order the links by another column (behind, seconds, ack, state, follower)', scope: 'detail', action: 'links-sort'},
				...scrollEntries,
				...globalEntries,
				...labEntries(context.labActions),
			];
			break;
		case 'check-detail':
			entries = [backEntry('detail'), fixEntry('detail'), ...scrollEntries, ...globalEntries];
			break;
		case 'alerts':
			entries = [backEntry('detail'), {keys: ['a'], label: 'close', description: 'Close the alert list', scope: 'detail', action: 'back'}, ...scrollEntries, ...globalEntries];
			break;
		case 'walkthrough':
			entries = [...walkthroughEntries];
			break;
		case 'help':
			entries = [
				backEntry('global', 'close'),
				{keys: ['?'], label: 'close', description: 'Close the help', scope: 'global', action: 'back'},
				...scrollEntries,
				{keys: ['q', 'ctrl+c'], label: 'quit', description: 'Quit replwatch', scope: 'global', action: 'quit'},
			];
			break;
		case 'note':
			entries = [
				{keys: ['return'], label: 'save', description: 'Keep this note for the report', scope: 'walkthrough', action: 'note-save'},
				{keys: ['escape'], label: 'cancel', description: 'Leave the note as it was', scope: 'walkthrough', action: 'note-cancel'},
				{keys: ['ctrl+c'], label: 'quit', description: 'Quit replwatch', scope: 'global', action: 'quit'},
			];
			break;
		case 'filter':
			entries = [
				{keys: ['return'], label: 'apply', description: 'Keep this filter', scope: 'global', action: 'filter-apply'},
				{keys: ['escape'], label: 'clear', description: 'Clear the filter', scope: 'global', action: 'filter-clear'},
				{keys: ['ctrl+c'], label: 'quit', description: 'Quit replwatch', scope: 'global', action: 'quit'},
			];
			break;
	}
	if (context.readOnly) entries = entries.filter(e => !e.dangerous);
	if (context.fixable === false) entries = entries.filter(e => e.action !== 'fix');
	return dropShadowed(entries);
}

/** The display-error screen's one key: the App is gone, only quitting is left. */
export const errorKeymap: readonly KeyEntry[] = [{keys: ['q', 'ctrl+c'], label: 'quit', description: 'Quit replwatch', scope: 'global', action: 'quit'}];

/** Removes the keys an earlier entry already claims, and entries left with no key. */
function dropShadowed(entries: readonly KeyEntry[]): KeyEntry[] {
	const taken = new Set<string>();
	const result: KeyEntry[] = [];
	for (const entry of entries) {
		const keys = entry.keys.filter(k => !taken.has(k));
		for (const k of keys) taken.add(k);
		if (keys.length === 0) continue;
		result.push(keys.length === entry.keys.length ? entry : {...entry, keys});
	}
	return result;
}

export function findEntry(entries: readonly KeyEntry[], name: string): KeyEntry | undefined {
	return entries.find(e => e.keys.includes(name));
}

const unicodeNames: Readonly<Record<string, string>> = {up: '↑', down: '↓', left: '←', right: '→', return: 'Enter', escape: 'Esc', tab: 'Tab', backspace: 'Bksp'};
const asciiNames: Readonly<Record<string, string>> = {up: 'Up', down: 'Down', left: 'Left', right: 'Right', return: 'Enter', escape: 'Esc', tab: 'Tab', backspace: 'Bksp'};

/** How a key is written on screen: `↑/k`, `Enter`, `^C`. */
export function keyLabel(keys: readonly string[], ascii = false): string {
	const names = ascii ? asciiNames : unicodeNames;
	return keys.map(k => (k.startsWith('ctrl+') ? `^${k.slice(5).toUpperCase()}` : names[k] ?? k)).join('/');
}
