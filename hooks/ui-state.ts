// The screen state as data (what the reducer in ui-reducer.ts steps), and what follows from it and
// the latest snapshot: the selected rows, the check the fix key acts on, the key table in force.
import {fixKeymapFor} from '../source/keymap/fix-keymap.js';
import {keymapFor, type KeyEntry, type Panel, type Screen} from '../source/keymap/keymap.js';
import type {Snapshot} from '../source/model/snapshot.js';
import type {Address, CheckResult} from '../source/model/types.js';
import type {LabAction} from '../source/model/ui-contracts.js';
import type {ChartUnit} from '../views/lag-chart.js';
import type {LinkSort} from '../views/links-table.js';
import {defaultTopologyView, type TopologyView} from '../views/row-types.js';
import {fixView, type FixContext, type FixState} from './fix-state.js';
import {walkPosition, type WalkState} from './walkthrough.js';

export type StatusFilter = 'all' | 'problems' | 'fail';
export interface UiState {
	readonly screen: Screen;
	/** The screen the help was opened from (its keys are the ones the help lists). */
	readonly helpReturn: Screen;
	readonly panel: Panel;
	readonly filter: string;
	readonly filterDraft: string;
	readonly noteDraft: string;
	/** The selected node: the selection follows it when the rows re-order (sort by lag, every tick). */
	readonly selectedNode?: Address;
	/** Its row, or where the selection stays when that node is no longer shown. */
	readonly nodeIndex: number;
	readonly checkIndex: number;
	readonly detailNode?: Address;
	readonly detailCheckId?: string;
	readonly detailScroll: number;
	readonly fix?: FixState;
	/** Prompts opened so far: each gets its own id. */
	readonly fixCount: number;
	readonly message?: string;
	/** The node a MONITOR sample waits to be confirmed for. */
	readonly monitorTarget?: Address;
	readonly chartUnit: ChartUnit;
	readonly statusFilter: StatusFilter;
	/** Timeline events hidden below its window (0: the newest is in view). */
	readonly timelineScroll: number;
	readonly linksSort: LinkSort;
	/** The follower the lag chart screen draws. */
	readonly chartNode?: Address;
	readonly topologyView: TopologyView;
	readonly walk: WalkState;
}

/** What the keys of this run may reach (from UiOptions). */
export interface UiFeatures {
	readonly readOnly: boolean;
	readonly labActions?: readonly LabAction[];
	readonly monitorSample: boolean;
	readonly recording: boolean;
	readonly replay: boolean;
}

/** What the reducer reads but does not own: the snapshot and the rows as the last render showed them. */
export interface UiWorld {
	readonly snapshot: Snapshot;
	/** Node rows of the topology panel, in order. */
	readonly nodes: readonly Address[];
	/** Check rows of the checklist, in order (filters applied). */
	readonly checks: readonly CheckResult[];
	/** Every check in document order (the walkthrough). */
	readonly ordered: readonly CheckResult[];
	readonly features: UiFeatures;
	readonly fix: FixContext;
	/** How far back the timeline can scroll as last drawn (views/timeline.ts, its rows and the filtered events); undefined before it is drawn. */
	readonly timelineMaxScroll?: number;
}

export function initialUiState(walkthrough: boolean): UiState {
	return {
		screen: walkthrough ? 'walkthrough' : 'main', helpReturn: 'main', panel: 'topology', filter: '', filterDraft: '', noteDraft: '',
		nodeIndex: 0, checkIndex: 0, detailScroll: 0, fixCount: 0, chartUnit: 'bytes', statusFilter: 'all', timelineScroll: 0,
		linksSort: 'behind', topologyView: defaultTopologyView, walk: {notes: {}},
	};
}

export const clampIndex = (index: number, count: number) => (count === 0 ? -1 : Math.max(0, Math.min(index, count - 1)));

/** The row of the selected node (−1: no node shown). */
export function nodeIndexOf(state: UiState, nodes: readonly Address[]): number {
	const found = state.selectedNode === undefined ? -1 : nodes.indexOf(state.selectedNode);
	return found >= 0 ? found : clampIndex(state.nodeIndex, nodes.length);
}

export const checkIndexOf = (state: UiState, checks: readonly CheckResult[]) => clampIndex(state.checkIndex, checks.length);

export const selectedNodeOf = (state: UiState, world: Pick<UiWorld, 'nodes'>): Address | undefined => world.nodes[nodeIndexOf(state, world.nodes)];
export const selectedCheckOf = (state: UiState, world: Pick<UiWorld, 'checks'>): CheckResult | undefined => world.checks[checkIndexOf(state, world.checks)];
export const detailCheckOf = (state: UiState, snapshot: Snapshot): CheckResult | undefined => (state.detailCheckId === undefined ? undefined : snapshot.checks.find(c => c.id === state.detailCheckId));

/** The check the fix key acts on here: the walkthrough's, the detail's, or the selected one of the checklist. */
export function fixTarget(state: UiState, world: UiWorld, screen = state.screen): CheckResult | undefined {
	if (screen === 'walkthrough') return world.ordered[walkPosition(world.ordered, state.walk)];
	if (screen === 'check-detail') return detailCheckOf(state, world.snapshot);
	return state.panel === 'checks' ? selectedCheckOf(state, world) : undefined;
}

/** The key table in force: the fix prompt's while it is open, else the screen's (for help: the screen it was opened from). */
export function keysOf(state: UiState, world: UiWorld, screen: Screen = state.screen): readonly KeyEntry[] {
	if (state.fix && screen === state.screen) {
		const view = fixView(state.fix, world.fix);
		return fixKeymapFor({phase: state.fix.phase, secret: view.secret, typedConfirmation: view.confirmation.kind !== 'key', readOnly: world.features.readOnly});
	}
	const {features} = world;
	const check = fixTarget(state, world, screen === 'help' ? state.helpReturn : screen);
	return keymapFor({
		screen, panel: state.panel, readOnly: features.readOnly, fixable: (check?.remediations.length ?? 0) > 0,
		filtered: state.filter !== '' || state.statusFilter !== 'all', monitorSample: features.monitorSample, recording: features.recording, replay: features.replay,
		...(features.labActions ? {labActions: features.labActions} : {}),
	});
}

