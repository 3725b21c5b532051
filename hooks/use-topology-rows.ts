import {useMemo} from 'react';
import type {History} from '../source/model/history.js';
import type {Topology} from '../source/model/types.js';
import {topologyRows} from '../views/topology-rows.js';
import {defaultTopologyView, type TopologyRow, type TopologyView} from '../views/row-types.js';

export function useTopologyRows(topology: Topology, history: History, tick: number, filter: string, view: TopologyView = defaultTopologyView): TopologyRow[] {
	// History is mutable and grows per tick: the tick is what says it changed.
	return useMemo(() => topologyRows(topology, history, filter, view), [topology, history, tick, filter, view]); // eslint-disable-line react-hooks/exhaustive-deps
}
