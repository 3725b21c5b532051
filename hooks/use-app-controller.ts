import {useCallback, useEffect, useMemo, useRef, useState} from 'react';
import {keymapFor, type InkKey, type KeyEntry, type LabActionKey, type Panel, type Screen} from '../source/keymap/keymap.js';
import type {MonitorHandle, Snapshot} from '../source/model/snapshot.js';
import type {Address, CheckResult, Remediation} from '../source/model/types.js';
import {sanitize} from '../source/model/sanitize.js';
import type {UiOptions} from '../source/model/ui-contracts.js';
import {useChecklistRows, type CheckRow, type ChecklistRow} from './use-checklist-rows.js';
import {useSelection, type Selection} from './use-selection.js';
import {useTopologyRows, useTopologyView} from './use-topology-rows.js';
import {groupIdsOf} from '../views/topology-rows.js';
import type {NodeRow, TopologyRow, TopologySort} from '../views/row-types.js';
import {useWalkthrough, type Walkthrough} from './use-walkthrough.js';
import type {ChartUnit} from '../views/lag-chart.js';
import {linkSorts, type LinkSort} from '../views/links-table.js';

export interface FixRequest {
	readonly check: CheckResult;
	readonly remediations: readonly Remediation[];
}

/** Hands keys to a dialog that reads them itself (the fix prompt) through the one input listener. */
export interface KeyFeed {
	/** Keys typed before the dialog was on screen are delivered first; returns the detach function. */
	attach(handler: (input: string, key: InkKey) => void): () => void;
}

export interface AppController {
	readonly screen: Screen;
	readonly panel: Panel;
	readonly entries: readonly KeyEntry[];
	/** The keys of the screen the help was opened from. */
	readonly helpEntries: readonly KeyEntry[];
	readonly topologyRows: readonly TopologyRow[];
	readonly topologySort: TopologySort;
	readonly checklistRows: readonly ChecklistRow[];
	readonly selectedNode?: Address;
	readonly selectedCheckId?: string;
	readonly detailNode?: Address;
	readonly detailCheck?: CheckResult;
	readonly detailScroll: number;
	readonly filter: string;
	readonly filterDraft: string;
	readonly noteDraft: string;
	readonly fix?: FixRequest;
	readonly message?: string;
	/** The node a MONITOR sample waits to be confirmed for. */
	readonly monitorTarget?: Address;
	readonly walkthrough: Walkthrough;
	/** What the lag chart draws: bytes or seconds behind. */
	readonly chartUnit: ChartUnit;
	/** Which checks the checklist shows by status. */
	readonly statusFilter: StatusFilter;
	/** Timeline events hidden below its window (0: the newest is in view). */
	readonly timelineScroll: number;
	readonly linksSort: LinkSort;
	/** The follower the lag chart screen draws. */
	readonly chartNode?: Address;
	readonly onAction: (entry: KeyEntry) => void;
	readonly onText: (input: string, name: string) => void;
	/** The key table of the screen as the previous key left it (it may not be rendered yet). */
	readonly entriesNow: () => readonly KeyEntry[];
	/** Takes a key for an open dialog; false when the key table handles it. */
	readonly divertKey: (input: string, key: InkKey) => boolean;
	readonly fixKeys: KeyFeed;
	readonly endFix: () => void;
}

const sortNames: Readonly<Record<TopologySort, string>> = {discovery: 'discovery', lag: 'lag, most behind first', status: 'status, worst first'};

const isNode = (r: TopologyRow): r is NodeRow => r.kind === 'node';
const isCheck = (r: ChecklistRow): r is CheckRow => r.kind === 'check';

/** All screen state and what each key does; components only render what this returns. */
export function useAppController(snapshot: Snapshot, monitor: MonitorHandle, options: UiOptions, exit: () => void): AppController {
	const [screen, setScreenState] = useState<Screen>(options.walkthrough ? 'walkthrough' : 'main');
	const [helpReturn, setHelpReturnState] = useState<Screen>('main');
	const [panel, setPanelState] = useState<Panel>('topology');
	const [filter, setFilterState] = useState('');
	const [filterDraft, setFilterDraftState] = useState('');
	const [noteDraft, setNoteDraftState] = useState('');
	const [detailNode, setDetailNode] = useState<Address>();
	const [detailCheckId, setDetailCheckId] = useState<string>();
	const [detailScroll, setDetailScroll] = useState(0);
	const [fix, setFixState] = useState<FixRequest>();
	const [message, setMessageState] = useState<string>();
	// Lab results, MONITOR lines and errors come from servers and faults: only their first line, printable.
	const setMessage = useCallback((text: string | undefined) => setMessageState(text === undefined ? undefined : sanitize(text.split('\n')[0])), []);
	const [monitorTarget, setMonitorTargetState] = useState<Address>();
	const [chartUnit, setChartUnit] = useState<ChartUnit>('bytes');
	const [statusFilter, setStatusFilterState] = useState<StatusFilter>('all');
	const [timelineScroll, setTimelineScroll] = useState(0);
	const [linksSort, setLinksSort] = useState<LinkSort>('behind');
	const [chartNode, setChartNode] = useState<Address>();

	// Keys typed together (one stdin chunk, or faster than a render) must each meet the state the previous
	// key left: the setters write this ref at once, a render only confirms it.
	const state = useRef<LiveState>(undefined as unknown as LiveState);
	const live = <K extends keyof LiveState>(key: K, set: (v: LiveState[K]) => void) => (value: LiveState[K]) => {
		state.current[key] = value;
		set(value);
	};
	const setScreen = useCallback(live('screen', setScreenState), []); // eslint-disable-line react-hooks/exhaustive-deps
	const setHelpReturn = useCallback(live('helpReturn', setHelpReturnState), []); // eslint-disable-line react-hooks/exhaustive-deps
	const setPanel = useCallback(live('panel', setPanelState), []); // eslint-disable-line react-hooks/exhaustive-deps
	const setFilter = useCallback(live('filter', setFilterState), []); // eslint-disable-line react-hooks/exhaustive-deps
	const setFilterDraft = useCallback(live('filterDraft', setFilterDraftState), []); // eslint-disable-line react-hooks/exhaustive-deps
	const setNoteDraft = useCallback(live('noteDraft', setNoteDraftState), []); // eslint-disable-line react-hooks/exhaustive-deps
	const setFix = useCallback(live('fix', setFixState), []); // eslint-disable-line react-hooks/exhaustive-deps
	const setMonitorTarget = useCallback(live('monitorTarget', setMonitorTargetState), []); // eslint-disable-line react-hooks/exhaustive-deps
	const setStatusFilter = useCallback(live('statusFilter', setStatusFilterState), []); // eslint-disable-line react-hooks/exhaustive-deps
	// Keys that arrive between opening the fix prompt and its first render wait here for it.
	const fixInput = useRef<{handler?: (input: string, key: InkKey) => void; queue: Array<[string, InkKey]>}>({queue: []});

	// While typing, the panels follow the draft so the operator sees what the filter keeps.
	const activeFilter = screen === 'filter' ? filterDraft : filter;
	const topologyView = useTopologyView();
	const topologyRows = useTopologyRows(snapshot.topology, snapshot.history, snapshot.tick, activeFilter, topologyView.view);
	const statusChecks = useMemo(() => withStatus(snapshot.checks, statusFilter), [snapshot.checks, statusFilter]);
	const checklistRows = useChecklistRows(statusChecks, activeFilter);
	const nodes = useMemo(() => topologyRows.filter(isNode).map(r => r.address), [topologyRows]);
	const checks = useMemo(() => checklistRows.filter(isCheck).map(r => r.check), [checklistRows]);
	const nodeSelection: Selection = useSelection(nodes.length);
	const checkSelection: Selection = useSelection(checks.length);
	const walkthrough = useWalkthrough(snapshot, options.reportDir);

	const selectedCheck = checks[checkSelection.index];
	const detailCheck = detailCheckId === undefined ? undefined : snapshot.checks.find(c => c.id === detailCheckId);
	const fixable = fixableOf({screen: screen === 'help' ? helpReturn : screen, panel, selectedCheck, detailCheck, walkthrough});
	const filtered = filter !== '' || statusFilter !== 'all';
	const entries = useMemo(() => keymapFor(keymapContext(screen, panel, options, fixable, filtered)), [screen, panel, options, fixable, filtered]);
	const helpEntries = useMemo(() => keymapFor(keymapContext(helpReturn, panel, options, fixable, filtered)), [helpReturn, panel, options, fixable, filtered]);

	const selectedNode = nodes[nodeSelection.index];
	// The selection follows its node when the order changes (sort by lag re-orders every tick).
	const followed = useRef<Address | undefined>(undefined);
	useEffect(() => {
		const wanted = followed.current;
		const index = wanted === undefined ? -1 : nodes.indexOf(wanted);
		if (index >= 0 && index !== nodeSelection.index) nodeSelection.set(index);
		else followed.current = selectedNode;
	}, [nodes, selectedNode, nodeSelection]);

	// A render includes every update queued before it, so it may refresh the whole ref.
	state.current = {screen, helpReturn, panel, filter, filterDraft, noteDraft, fix, monitorTarget, statusFilter, nodes, nodeIndex: nodeSelection.index, selectedNode, checks, checkIndex: checkSelection.index, selectedCheck, detailCheck, walkthrough, snapshot};

	const moveSelection = useCallback((step: 1 | -1) => {
		const s = state.current;
		if (s.panel === 'timeline') {
			// ↑ is older: the window moves back from the newest event.
			setTimelineScroll(v => Math.max(0, Math.min(v - step, s.snapshot.events.length - 1)));
			return;
		}
		const [list, index, selection] = s.panel === 'topology' ? [s.nodes, s.nodeIndex, nodeSelection] : [s.checks, s.checkIndex, checkSelection];
		if (list.length === 0) return;
		const next = Math.max(0, Math.min(index + step, list.length - 1));
		selection.set(next);
		if (s.panel === 'topology') Object.assign(s, {nodeIndex: next, selectedNode: s.nodes[next]});
		else Object.assign(s, {checkIndex: next, selectedCheck: s.checks[next]});
	}, [nodeSelection, checkSelection]);

	const quit = useCallback(() => {
		void monitor.stop().finally(exit);
	}, [monitor, exit]);

	const offerFix = useCallback((check: CheckResult | undefined) => {
		if (!check) return;
		if (options.readOnly) return;
		if (check.remediations.length === 0) {
			setMessage(`${check.id}: no fix on offer`);
			return;
		}
		setFix({check, remediations: check.remediations});
	}, [options.readOnly]);

	const runLab = useCallback((id: string) => {
		const lab = options.lab;
		const action = lab?.actions.find(a => a.id === id);
		if (!lab || !action) return;
		const {selectedNode: node, snapshot: snap} = state.current;
		let target: Address | undefined;
		if (action.target !== 'none') {
			const role = node ? snap.topology.nodes[node]?.role : undefined;
			const wanted = action.target === 'follower' ? 'replica' : 'master';
			target = role === wanted ? node : Object.values(snap.topology.nodes).find(n => n.role === wanted)?.address;
			if (!target) {
				setMessage(`${action.id}: select a ${action.target} first`);
				return;
			}
		}
		setMessage(`${action.id}: running…`);
		lab.run(id, target).then(
			line => setMessage(line),
			(error: unknown) => setMessage(`${action.id} failed: ${error instanceof Error ? error.message : String(error)}`),
		);
	}, [options.lab]);

	/** The next (step 1) or previous failing or warning check of the checklist as shown, wrapping around. */
	const jumpToProblem = useCallback((step: 1 | -1) => {
		const s = state.current;
		const n = s.checks.length;
		setPanel('checks');
		for (let k = 1; k <= n; k++) {
			const i = (((s.checkIndex + step * k) % n) + n) % n;
			const status = s.checks[i]!.status;
			if (status === 'fail' || status === 'warn') {
				checkSelection.set(i);
				Object.assign(s, {checkIndex: i, selectedCheck: s.checks[i]});
				return;
			}
		}
		setMessage(n === 0 ? 'no check matches the filter' : 'no failing or warning check');
	}, [checkSelection]); // eslint-disable-line react-hooks/exhaustive-deps

	const onAction = useCallback((entry: KeyEntry) => {
		const s = state.current;
		const action = entry.action;
		switch (action) {
			case 'quit':
				quit();
				break;
			case 'help':
				setDetailScroll(0);
				setHelpReturn(s.screen);
				setScreen('help');
				break;
			case 'alerts':
				setDetailScroll(0);
				setScreen('alerts');
				break;
			case 'pause':
				monitor.setPaused(!s.snapshot.paused);
				break;
			case 'walkthrough':
				setScreen('walkthrough');
				break;
			case 'filter':
				setFilterDraft(s.filter);
				setScreen('filter');
				break;
			case 'filter-apply':
				setFilter(s.filterDraft);
				setScreen('main');
				break;
			case 'filter-clear':
				setFilter('');
				setFilterDraft('');
				setScreen('main');
				break;
			case 'select-prev':
				if (s.screen === 'main') moveSelection(-1);
				followed.current = undefined;
				break;
			case 'select-next':
				if (s.screen === 'main') moveSelection(1);
				followed.current = undefined;
				break;
			case 'collapse-group': {
				const groupId = s.selectedNode ? s.snapshot.topology.nodes[s.selectedNode]?.groupId : undefined;
				const group = s.snapshot.topology.groups.find(g => g.id === groupId || g.members.includes(s.selectedNode ?? ''));
				if (group) {
					// The leader stays on screen: keep the selection on something visible.
					if (group.leader) followed.current = group.leader;
					topologyView.toggleGroup(group.id);
				}
				break;
			}
			case 'collapse-all': {
				const node = s.selectedNode ? s.snapshot.topology.nodes[s.selectedNode] : undefined;
				const group = s.snapshot.topology.groups.find(g => g.members.includes(s.selectedNode ?? ''));
				followed.current = group?.leader ?? node?.address;
				topologyView.toggleAll(groupIdsOf(s.snapshot.topology));
				break;
			}
			case 'cycle-sort':
				setMessage(`order: ${sortNames[topologyView.cycleSort()]}`);
				break;
			case 'scroll-up':
				setDetailScroll(v => Math.max(0, v - 1));
				break;
			case 'scroll-down':
				setDetailScroll(v => v + 1);
				break;
			case 'switch-panel':
				setPanel(s.panel === 'topology' ? 'checks' : s.panel === 'checks' ? 'timeline' : 'topology');
				break;
			case 'next-problem':
				jumpToProblem(1);
				break;
			case 'prev-problem':
				jumpToProblem(-1);
				break;
			case 'status-filter': {
				const next = statusFilters[(statusFilters.indexOf(s.statusFilter) + 1) % statusFilters.length]!;
				setStatusFilter(next);
				setMessage(`checklist: ${statusFilterNames[next]}`);
				break;
			}
			case 'clear-filters':
				setFilter('');
				setFilterDraft('');
				setStatusFilter('all');
				setMessage('filters cleared');
				break;
			case 'lag-chart': {
				const link = s.selectedNode ? s.snapshot.topology.links.find(l => l.follower === s.selectedNode) : undefined;
				if (!link) {
					setMessage('lag chart: select a follower first');
					break;
				}
				setChartNode(link.follower);
				setScreen('lag-chart');
				break;
			}
			case 'chart-unit':
				setChartUnit(u => (u === 'bytes' ? 'seconds' : 'bytes'));
				break;
			case 'links-table':
				setDetailScroll(0);
				setScreen('links');
				break;
			case 'links-sort': {
				setLinksSort(v => linkSorts[(linkSorts.indexOf(v) + 1) % linkSorts.length]!);
				break;
			}
			case 'open-detail':
				setDetailScroll(0);
				if (s.panel === 'topology' && s.selectedNode) {
					setDetailNode(s.selectedNode);
					setScreen('node-detail');
				} else if (s.panel === 'checks' && s.selectedCheck) {
					setDetailCheckId(s.selectedCheck.id);
					s.detailCheck = s.selectedCheck;
					setScreen('check-detail');
				}
				break;
			case 'back':
				setMessage(undefined);
				setScreen(s.screen === 'help' ? (s.helpReturn === 'help' ? 'main' : s.helpReturn) : 'main');
				break;
			case 'fix':
				offerFix(s.screen === 'walkthrough' ? s.walkthrough.check : s.screen === 'check-detail' ? s.detailCheck : s.selectedCheck);
				break;
			case 'walk-next':
				s.walkthrough.next();
				break;
			case 'walk-prev':
				s.walkthrough.prev();
				break;
			case 'walk-note':
				if (s.walkthrough.check) {
					setNoteDraft(s.walkthrough.notes[s.walkthrough.check.id] ?? '');
					setScreen('note');
				}
				break;
			case 'note-save':
				if (s.walkthrough.check) s.walkthrough.setNote(s.walkthrough.check.id, s.noteDraft);
				setScreen('walkthrough');
				break;
			case 'note-cancel':
				setScreen('walkthrough');
				break;
			case 'walk-report':
				s.walkthrough.writeReport();
				break;
			case 'monitor-sample': {
				const node = s.selectedNode ? s.snapshot.topology.nodes[s.selectedNode] : undefined;
				if (!node || node.role === 'sentinel' || !node.sample.reachable) {
					setMessage('MONITOR: select a reachable data node first');
					break;
				}
				setMonitorTarget(node.address);
				setScreen('monitor-confirm');
				break;
			}
			case 'monitor-confirm': {
				const monitorTarget = s.monitorTarget;
				setScreen('main');
				if (monitorTarget && options.monitorSample) {
					setMessage(`MONITOR ${monitorTarget}: starting…`);
					options.monitorSample.run(monitorTarget, setMessage).then(setMessage, (error: unknown) => setMessage(`MONITOR failed: ${error instanceof Error ? error.message : String(error)}`));
				}
				setMonitorTarget(undefined);
				break;
			}
			case 'record-toggle':
				if (options.recording) {
					setMessage('recording: …');
					options.recording.toggle().then(setMessage, (error: unknown) => setMessage(`recording failed: ${error instanceof Error ? error.message : String(error)}`));
				}
				break;
			case 'replay-step':
				options.replay?.step();
				break;
			case 'replay-faster':
				options.replay?.faster();
				break;
			case 'replay-slower':
				options.replay?.slower();
				break;
			case 'replay-next-event':
				if (options.replay) setMessage(options.replay.nextEvent());
				break;
			case 'replay-next-fail':
				if (options.replay) setMessage(options.replay.nextFail());
				break;
			case 'monitor-cancel':
				setMonitorTarget(undefined);
				setScreen('main');
				break;
			default:
				// Only lab keys are left: an action of the table without its case above does not compile here.
				runLab(labId(action));
		}
	}, [jumpToProblem, runLab, quit, monitor, moveSelection, offerFix, topologyView, options.monitorSample, options.recording, options.replay]); // eslint-disable-line react-hooks/exhaustive-deps

	const onText = useCallback((input: string, name: string) => {
		const {screen: screenNow, filterDraft: filterNow, noteDraft: noteNow} = state.current;
		if (screenNow !== 'filter' && screenNow !== 'note') return;
		const [draft, setDraft] = screenNow === 'filter' ? [filterNow, setFilterDraft] : [noteNow, setNoteDraft];
		if (name === 'backspace') setDraft(draft.slice(0, -1));
		else if (input && [...input].every(ch => ch >= ' ' && ch !== '\u007F')) setDraft(draft + input);
	}, [setFilterDraft, setNoteDraft]);

	const entriesNow = useCallback(() => keymapFor(keymapContext(state.current.screen, state.current.panel, options, fixableOf(state.current), state.current.filter !== '' || state.current.statusFilter !== 'all')), [options]);

	const divertKey = useCallback((input: string, key: InkKey) => {
		if (state.current.fix === undefined) return false;
		const feed = fixInput.current;
		if (feed.handler) feed.handler(input, key);
		else feed.queue.push([input, key]);
		return true;
	}, []);

	const fixKeys = useMemo<KeyFeed>(() => ({
		attach(handler) {
			const feed = fixInput.current;
			feed.handler = handler;
			for (const [input, key] of feed.queue.splice(0)) handler(input, key);
			return () => {
				if (feed.handler === handler) feed.handler = undefined;
			};
		},
	}), []);

	const endFix = useCallback(() => {
		fixInput.current = {queue: []};
		setFix(undefined);
	}, [setFix]);

	return {
		screen,
		panel,
		entries,
		helpEntries,
		topologyRows,
		topologySort: topologyView.view.sort,
		checklistRows,
		...(selectedNode ? {selectedNode} : {}),
		...(selectedCheck ? {selectedCheckId: selectedCheck.id} : {}),
		...(detailNode ? {detailNode} : {}),
		...(detailCheck ? {detailCheck} : {}),
		detailScroll,
		filter: activeFilter,
		filterDraft,
		noteDraft,
		...(fix ? {fix} : {}),
		...(message ? {message} : {}),
		...(monitorTarget ? {monitorTarget} : {}),
		walkthrough,
		chartUnit,
		statusFilter,
		timelineScroll,
		linksSort,
		...(chartNode ? {chartNode} : {}),
		onAction,
		onText,
		entriesNow,
		divertKey,
		fixKeys,
		endFix,
	};
}

interface LiveState {
	screen: Screen;
	helpReturn: Screen;
	panel: Panel;
	filter: string;
	filterDraft: string;
	noteDraft: string;
	fix: FixRequest | undefined;
	monitorTarget: Address | undefined;
	statusFilter: StatusFilter;
	nodes: readonly Address[];
	nodeIndex: number;
	selectedNode: Address | undefined;
	checks: readonly CheckResult[];
	checkIndex: number;
	selectedCheck: CheckResult | undefined;
	detailCheck: CheckResult | undefined;
	walkthrough: Walkthrough;
	snapshot: Snapshot;
}

function keymapContext(screen: Screen, panel: Panel, options: UiOptions, fixable: boolean, filtered: boolean) {
	return {screen, panel, readOnly: options.readOnly, fixable, filtered, monitorSample: options.monitorSample !== undefined, recording: options.recording !== undefined, replay: options.replay !== undefined, ...(options.lab ? {labActions: options.lab.actions} : {})};
}

/** Whether the check the fix key would act on on this screen has fixes on offer. */
function fixableOf(s: Pick<LiveState, 'screen' | 'panel' | 'selectedCheck' | 'detailCheck' | 'walkthrough'>): boolean {
	const check = s.screen === 'walkthrough' ? s.walkthrough.check : s.screen === 'check-detail' ? s.detailCheck : s.panel === 'checks' ? s.selectedCheck : undefined;
	return (check?.remediations.length ?? 0) > 0;
}

export type StatusFilter = 'all' | 'problems' | 'fail';
const statusFilters: readonly StatusFilter[] = ['all', 'problems', 'fail'];
const statusFilterNames: Readonly<Record<StatusFilter, string>> = {all: 'every check', problems: 'failing and warning checks only (v: fail only)', fail: 'failing checks only (v: all)'};

function withStatus(checks: readonly CheckResult[], filter: StatusFilter): readonly CheckResult[] {
	if (filter === 'all') return checks;
	return checks.filter(c => c.status === 'fail' || (filter === 'problems' && c.status === 'warn'));
}

const labId = (action: LabActionKey) => action.slice(4);
