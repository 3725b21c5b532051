import React from 'react';
import {Box, Text} from 'ink';
import type {History} from '../source/model/history.js';
import {viewOf} from '../source/model/node-view.js';
import type {Address, Topology} from '../source/model/types.js';
import type {ChartUnit} from '../views/lag-chart.js';
import {nodeDetailRows} from '../views/node-detail.js';
import {DataTable, tableHeight} from './DataTable.js';
import {chartChrome, LagChart} from './LagChart.js';

export interface NodeDetailProps {
	readonly address: Address;
	readonly topology: Topology;
	readonly history: History;
	readonly unit: ChartUnit;
	readonly width: number;
	readonly lines: number;
	readonly scroll: number;
	readonly ascii: boolean;
	readonly now: number;
	readonly intervalMs: number;
}

export function NodeDetail({address, topology, history, unit, width, lines, scroll, ascii, now, intervalMs}: NodeDetailProps) {
	const node = topology.nodes[address];
	if (!node) return <Text>{address} is no longer in the topology (Esc to go back)</Text>;
	const link = topology.links.find(l => l.follower === address);
	const leader = link ? topology.nodes[link.leader] : undefined;
	const rows = nodeDetailRows(node, link, viewOf(leader?.sample)?.masterReplOffset, history, now);
	// A follower's lag chart on top (a third of the screen), the fields below, scrolled by ↑/↓.
	const chartLines = link && lines >= 16 ? Math.min(14, Math.max(chartChrome + 3, Math.floor(lines / 3))) : 0;
	const room = Math.max(1, lines - chartLines - 1 - tableHeight(0));
	const start = Math.max(0, Math.min(scroll, rows.length - room));
	const shown = rows.slice(start, start + room);
	const more = rows.length - start - shown.length;
	return (
		<Box flexDirection="column" height={lines} overflow="hidden">
			{chartLines > 0 ? <LagChart follower={address} history={history} unit={unit} width={width} lines={chartLines} now={now} intervalMs={intervalMs} ascii={ascii} /> : null}
			<Text bold wrap="truncate-end">
				{address}  {node.role}{node.sample.reachable ? '' : ' — NOT ANSWERING'}
				{start > 0 || more > 0 ? `  (fields ${start + 1}-${start + shown.length} of ${rows.length}, ↑/↓ scroll)` : ''}
			</Text>
			<DataTable rows={shown.map(r => ({field: r.field, value: r.value}))} columns={['field', 'value']} width={width} ascii={ascii} />
		</Box>
	);
}
