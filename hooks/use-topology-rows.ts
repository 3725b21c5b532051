import {useCallback, useMemo, useState} from 'react';
import type {History} from '../source/model/history.js';
import type {Topology} from '../source/model/types.js';
import {topologyRows} from '../views/topology-rows.js';
import {defaultTopologyView, topologySorts, type TopologyRow, type TopologySort, type TopologyView} from '../views/row-types.js';

export function useTopologyRows(topology: Topology, history: History, tick: number, filter: string, view: TopologyView = defaultTopologyView): TopologyRow[] {
	// History is mutable and grows per tick: the tick is what says it changed.
	return useMemo(() => topologyRows(topology, history, filter, view), [topology, history, tick, filter, view]); // eslint-disable-line react-hooks/exhaustive-deps
}

export interface TopologyViewState {
	readonly view: TopologyView;
	/** Collapse or expand one group. */
	readonly toggleGroup: (groupId: string) => void;
	/** Collapse every group, or expand them all when every one is collapsed already. */
	readonly toggleAll: (groupIds: readonly string[]) => void;
	/** discovery → lag → status → discovery; returns the new order. */
	readonly cycleSort: () => TopologySort;
}

export function useTopologyView(): TopologyViewState {
	const [view, setView] = useState<TopologyView>(defaultTopologyView);
	const toggleGroup = useCallback((groupId: string) => {
		setView(v => {
			const collapsed = new Set(v.collapsed);
			if (collapsed.has(groupId)) collapsed.delete(groupId);
			else collapsed.add(groupId);
			return {...v, collapsed};
		});
	}, []);
	const toggleAll = useCallback((groupIds: readonly string[]) => {
		setView(v => ({...v, collapsed: groupIds.every(id => v.collapsed.has(id)) ? new Set() : new Set(groupIds)}));
	}, []);
	const cycleSort = useCallback(() => {
		const next = topologySorts[(topologySorts.indexOf(view.sort) + 1) % topologySorts.length]!;
		setView(v => ({...v, sort: next}));
		return next;
	}, [view.sort]);
	return {view, toggleGroup, toggleAll, cycleSort};
}

