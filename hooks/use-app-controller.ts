import {useCallback, useEffect, useMemo, useRef, useState} from 'react';
import type {KeyEntry, Panel, Screen} from '../source/keymap/keymap.js';
import {filterEvents} from '../source/model/events.js';
import {viewOf} from '../source/model/node-view.js';
import type {MonitorHandle, Snapshot} from '../source/model/snapshot.js';
import type {Address, CheckResult} from '../source/model/types.js';
import type {UiOptions} from '../source/model/ui-contracts.js';
import type {ChartUnit} from '../views/lag-chart.js';
import type {LinkSort} from '../views/links-table.js';
import {timelineWindow, type TimelineWindow} from '../views/timeline.js';
import type {TopologyRow, TopologySort} from '../views/row-types.js';
import {fixView, type FixContext, type FixView} from './fix-state.js';
import {useChecklistRows, type CheckRow, type ChecklistRow} from './use-checklist-rows.js';
import {useTopologyRows} from './use-topology-rows.js';
import {actionOf, reduceUi, type UiAction, type UiEffect} from './ui-reducer.js';
import {checkIndexOf, detailCheckOf, initialUiState, keysOf, nodeIndexOf, type StatusFilter, type UiFeatures, type UiState, type UiWorld} from './ui-state.js';
import {documentOrder, walkthroughOf, writeTeamReport, type Walkthrough} from './walkthrough.js';
import {useMessageExpiry} from './use-message-expiry.js';

export type {StatusFilter} from './ui-state.js';

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
	/** The open fix prompt, as it shows. */
	readonly fix?: FixView;
	readonly message?: string;
	/** The node a MONITOR sample waits to be confirmed for. */
	readonly monitorTarget?: Address;
	readonly walkthrough: Walkthrough;
	/** What the lag chart draws: bytes or seconds behind. */
	readonly chartUnit: ChartUnit;
	/** Which checks the checklist shows by status. */
	readonly statusFilter: StatusFilter;
	/** The timeline's window of `rows` event lines (the filter's events); ↑/↓ then move within what it drew. */
	readonly timeline: (rows: number) => TimelineWindow;
	readonly linksSort: LinkSort;
	/** The follower the lag chart screen draws. */
	readonly chartNode?: Address;
	readonly onAction: (entry: KeyEntry) => void;
	readonly onText: (input: string, name: string) => void;
	/** The key table as the previous key left it (it may not be rendered yet). */
	readonly entriesNow: () => readonly KeyEntry[];
}

const isCheck = (r: ChecklistRow): r is CheckRow => r.kind === 'check';
const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

function featuresOf(options: UiOptions): UiFeatures {
	return {readOnly: options.readOnly, monitorSample: options.monitorSample !== undefined, recording: options.recording !== undefined, replay: options.replay !== undefined, ...(options.lab ? {labActions: options.lab.actions} : {})};
}

function fixContextOf(snapshot: Snapshot, options: UiOptions): FixContext {
	const nodes = Object.values(snapshot.topology.nodes).filter(n => n.role !== 'sentinel');
	const api = options.remediation;
	return {
		...(api ? {validate: (r, v) => api.validate(r, v)} : {}),
		versions: Object.fromEntries(nodes.filter(n => n.version).map(n => [n.address, n.version!])),
		withoutConfigFile: nodes.filter(n => viewOf(n.sample)?.configFile === '').map(n => n.address),
	};
}

function withStatus(checks: readonly CheckResult[], filter: StatusFilter): readonly CheckResult[] {
	if (filter === 'all') return checks;
	return checks.filter(c => c.status === 'fail' || (filter === 'problems' && c.status === 'warn'));
}

interface EffectIo {
	readonly monitor: MonitorHandle;
	readonly options: UiOptions;
	readonly exit: () => void;
}

/** Runs what the reducer asked for; results come back as actions. */
function runEffect(effect: UiEffect, {monitor: m, options: o, exit: leave}: EffectIo, snapshot: Snapshot, dispatch: (action: UiAction) => void): void {
	const say = (text: string) => dispatch({type: 'message', text});
	switch (effect.kind) {
		case 'quit':
			void m.stop().finally(leave);
			return;
		case 'pause':
			m.setPaused(effect.paused);
			return;
		case 'lab': {
			const lab = o.lab;
			lab?.run(effect.id, effect.target).then(say, (error: unknown) => say(`${effect.id} failed: ${errorText(error)}`));
			return;
		}
		case 'monitor-sample':
			o.monitorSample?.run(effect.node, say).then(say, (error: unknown) => say(`MONITOR failed: ${errorText(error)}`));
			return;
		case 'record-toggle':
			o.recording?.toggle().then(say, (error: unknown) => say(`recording failed: ${errorText(error)}`));
			return;
		case 'replay-step':
			o.replay?.step();
			return;
		case 'replay-faster':
			o.replay?.faster();
			return;
		case 'replay-slower':
			o.replay?.slower();
			return;
		case 'replay-next-event':
			if (o.replay) say(o.replay.nextEvent());
			return;
		case 'replay-next-fail':
			if (o.replay) say(o.replay.nextFail());
			return;
		case 'walk-report':
			try {
				dispatch({type: 'report-written', path: writeTeamReport(snapshot, effect.notes, o.reportDir)});
			} catch (error) {
				dispatch({type: 'report-failed', error: errorText(error)});
			}
			return;
		case 'fix-apply':
			o.remediation?.apply(effect.check, effect.remediations, effect.value).then(
				outcome => dispatch({type: 'fix-applied', id: effect.id, outcome}),
				(error: unknown) => dispatch({type: 'fix-apply-failed', id: effect.id, error: errorText(error)}),
			);
			return;
		case 'fix-persist': {
			const api = o.remediation;
			if (!api) return;
			void (async () => {
				for (const node of effect.nodes) dispatch({type: 'fix-persisted', id: effect.id, line: {node, ...(await api.persist(node))}});
				dispatch({type: 'fix-persist-done', id: effect.id});
			})();
			return;
		}
		case 'fix-cancelled':
			o.remediation?.cancelled(effect.check, effect.remediations);
			return;
	}
}

/**
 * The UI state (ui-state.ts) held for React: keys dispatch the action their table entry names, effects
 * run here. Keys typed together (one stdin chunk, or faster than a render) each meet the state the
 * previous key left: the state lives in a ref that every dispatch updates at once, a render only shows it.
 */
export function useAppController(snapshot: Snapshot, monitor: MonitorHandle, options: UiOptions, exit: () => void): AppController {
	const [state, setState] = useState<UiState>(() => initialUiState(options.walkthrough === true));
	const current = useRef(state);

	// While typing, the panels follow the draft so the operator sees what the filter keeps.
	const activeFilter = state.screen === 'filter' ? state.filterDraft : state.filter;
	const topologyRows = useTopologyRows(snapshot.topology, snapshot.history, snapshot.tick, activeFilter, state.topologyView);
	const statusChecks = useMemo(() => withStatus(snapshot.checks, state.statusFilter), [snapshot.checks, state.statusFilter]);
	const checklistRows = useChecklistRows(statusChecks, activeFilter);
	const nodes = useMemo(() => topologyRows.flatMap(r => (r.kind === 'node' ? [r.address] : [])), [topologyRows]);
	const checks = useMemo(() => checklistRows.filter(isCheck).map(r => r.check), [checklistRows]);
	const ordered = useMemo(() => documentOrder(snapshot.checks), [snapshot.checks]);
	const features = useMemo(() => featuresOf(options), [options]);
	const fixContext = useMemo(() => fixContextOf(snapshot, options), [snapshot, options]);
	const world = useMemo<UiWorld>(() => ({snapshot, nodes, checks, ordered, features, fix: fixContext}), [snapshot, nodes, checks, ordered, features, fixContext]);
	const latestWorld = useRef(world);
	latestWorld.current = world;
	// The timeline's rows come from the layout App computes from this hook's rows: it draws the window
	// through timeline(), and a key meets the bound of the window on screen.
	const timelineEvents = useMemo(() => filterEvents(snapshot.events, activeFilter), [snapshot.events, activeFilter]);
	const timelineDrawn = useRef<number | undefined>(undefined);
	const worldNow = useCallback((): UiWorld => (timelineDrawn.current === undefined ? latestWorld.current : {...latestWorld.current, timelineMaxScroll: timelineDrawn.current}), []);
	const timelineScroll = state.timelineScroll;
	const timeline = useCallback((rows: number) => {
		const drawn = timelineWindow(timelineEvents, rows, timelineScroll, activeFilter);
		timelineDrawn.current = drawn.maxScroll;
		return drawn;
	}, [timelineEvents, timelineScroll, activeFilter]);
	const io = useRef({monitor, options, exit});
	io.current = {monitor, options, exit};

	const dispatch = useCallback(function dispatch(action: UiAction) {
		const step = reduceUi(current.current, action, worldNow());
		if (step.state !== current.current) {
			current.current = step.state;
			setState(step.state);
		}
		for (const effect of step.effects) runEffect(effect, io.current, latestWorld.current.snapshot, dispatch);
	}, [worldNow]);

	const expireMessage = useCallback((text: string) => dispatch({type: 'message-expired', text}), [dispatch]);
	useMessageExpiry(state.message, expireMessage);

	// The selection follows its node when the rows change (sort by lag re-orders every tick).
	useEffect(() => dispatch({type: 'rows'}), [nodes, dispatch]);

	const onAction = useCallback((entry: KeyEntry) => dispatch(actionOf(entry.action)), [dispatch]);
	const onText = useCallback((input: string, name: string) => dispatch({type: 'text', input, name}), [dispatch]);
	const entriesNow = useCallback(() => keysOf(current.current, latestWorld.current), []);

	const entries = useMemo(() => keysOf(state, world), [state, world]);
	const helpEntries = useMemo(() => keysOf(state, world, state.helpReturn), [state, world]);
	const selectedNode = nodes[nodeIndexOf(state, nodes)];
	const selectedCheck = checks[checkIndexOf(state, checks)];
	const detailCheck = detailCheckOf(state, snapshot);
	const walkthrough = useMemo(() => walkthroughOf(ordered, state.walk), [ordered, state.walk]);

	return {
		screen: state.screen,
		panel: state.panel,
		entries,
		helpEntries,
		topologyRows,
		topologySort: state.topologyView.sort,
		checklistRows,
		...(selectedNode ? {selectedNode} : {}),
		...(selectedCheck ? {selectedCheckId: selectedCheck.id} : {}),
		...(state.detailNode ? {detailNode: state.detailNode} : {}),
		...(detailCheck ? {detailCheck} : {}),
		detailScroll: state.detailScroll,
		filter: activeFilter,
		filterDraft: state.filterDraft,
		noteDraft: state.noteDraft,
		...(state.fix ? {fix: fixView(state.fix, fixContext)} : {}),
		...(state.message ? {message: state.message} : {}),
		...(state.monitorTarget ? {monitorTarget: state.monitorTarget} : {}),
		walkthrough,
		chartUnit: state.chartUnit,
		statusFilter: state.statusFilter,
		timeline,
		linksSort: state.linksSort,
		...(state.chartNode ? {chartNode: state.chartNode} : {}),
		onAction,
		onText,
		entriesNow,
	};
}
