import React from 'react';
import {Box, Text} from 'ink';
import type {NodeRow, TopologyRow} from '../hooks/use-topology-rows.js';
import {scrollStart} from '../hooks/use-selection.js';
import type {Address} from '../source/model/types.js';
import {humanBytes, humanRate, humanSeconds} from './format.js';
import {sparkline} from './Sparkline.js';
import {headerLine, sentinelLine, sentinelSummaryLine, type Line} from './topology-lines.js';

export interface TopologyPanelProps {
	readonly rows: readonly TopologyRow[];
	readonly selected?: Address;
	readonly focused: boolean;
	readonly lines: number;
	readonly narrow: boolean;
	readonly ascii: boolean;
}

function nodeText(row: NodeRow, narrow: boolean, ascii: boolean): Line {
	const indent = '  '.repeat(Math.max(0, row.depth - 1));
	const branch = row.depth === 0 ? '' : `${indent}${ascii ? '`-' : '└'} `;
	if (!row.reachable) {
		// The leader's view of the link still says how far behind the silent follower is.
		const dot = ascii ? '-' : '·';
		const seen = row.link ? ` ${dot} leader sees ${row.link.state} lag ${humanBytes(row.link.lagBytes)} ack ${humanSeconds(row.link.ackAgeSeconds)}` : '';
		return {text: `${branch}${ascii ? 'XX' : '✖'} ${row.address} unreachable: ${row.reason ?? 'no reply'}${narrow ? '' : seen}${row.reasonDetail ? ` ${dot} ${row.reasonDetail}` : ''}`, color: 'red'};
	}
	if (row.role === 'master' || row.depth === 0) {
		const rate = row.writeRate === undefined ? '' : ` write ${humanRate(row.writeRate)}`;
		const version = narrow || !row.version ? '' : ` v${row.version}`;
		return {text: `${branch}${row.role === 'master' ? 'M' : 'R'} ${row.address} ${row.role}${version}${rate}`};
	}
	const link = row.link;
	if (!link) return {text: `${branch}${row.address} ${row.role} (no link data)`};
	const down = link.linkStatus === 'down';
	const state = down ? `DOWN${link.linkDownSinceSeconds === undefined ? '' : ` ${humanSeconds(link.linkDownSinceSeconds)}`}` : link.state;
	const sync = link.syncInProgress ? ` sync ${link.syncPercent === undefined ? '' : `${Math.round(link.syncPercent)}%`}` : '';
	if (narrow) return {text: `${branch}${row.address} ${state}${sync} ${humanBytes(link.lagBytes)} ${humanSeconds(link.lagSeconds)}`, ...(down ? {color: 'red'} : {})};
	const spark = row.lagSeries.length > 0 ? ` ${sparkline(row.lagSeries, 20, ascii)}` : '';
	return {
		text: `${branch}${row.address} ${state}${sync} lag ${humanBytes(link.lagBytes)} ${humanSeconds(link.lagSeconds)} ack ${humanSeconds(link.ackAgeSeconds)}${spark}`,
		...(down ? {color: 'red'} : {}),
	};
}

/** First visible row: the selection in view, with the group and Sentinel lines just above it when they fit. */
export function topologyWindowStart(rows: readonly TopologyRow[], selectedIndex: number, lines: number): number {
	if (rows.length <= lines) return 0;
	const index = Math.max(0, selectedIndex);
	let start = scrollStart(index, rows.length, lines);
	while (start > 0 && rows[start - 1]!.kind !== 'node' && index <= start - 1 + lines - 1) start--;
	// The rest of the selected node's group too (its followers after a leader), when it fits.
	const groupId = rows[index]?.kind === 'node' ? (rows[index] as NodeRow).groupId : undefined;
	let end = index;
	while (groupId !== undefined && end + 1 < rows.length && rows[end + 1]!.kind === 'node' && (rows[end + 1] as NodeRow).groupId === groupId) end++;
	if (end >= start + lines) start = Math.min(index, end - lines + 1);
	// The last node selected: show what follows it too (a Sentinel block of no group).
	if (selectedIndex >= 0 && !rows.slice(index + 1).some(r => r.kind === 'node')) start = Math.max(start, Math.min(index, rows.length - lines));
	return start;
}

function rowLine(row: TopologyRow, narrow: boolean, ascii: boolean): Line {
	switch (row.kind) {
		case 'header':
			return headerLine(row, narrow, ascii);
		case 'sentinel-summary':
			return sentinelSummaryLine(row, narrow, ascii);
		case 'sentinel':
			return sentinelLine(row, narrow, ascii);
		case 'node':
			return nodeText(row, narrow, ascii);
	}
}

export function TopologyPanel({rows, selected, focused, lines, narrow, ascii}: TopologyPanelProps) {
	if (lines <= 0) return null;
	if (rows.length === 0) return <Text dimColor>no nodes yet</Text>;
	const selectedIndex = rows.findIndex(r => r.kind === 'node' && r.address === selected);
	const start = topologyWindowStart(rows, selectedIndex, lines);
	const visible = rows.slice(start, start + lines);
	return (
		<Box flexDirection="column">
			{visible.map((row, i) => {
				const {text, color} = rowLine(row, narrow, ascii);
				if (row.kind !== 'node') {
					return (
						<Text key={`${row.kind}${start + i}`} bold={row.kind === 'header'} wrap="truncate-end" {...(color ? {color} : {})}>
							{' '}
							{text}
						</Text>
					);
				}
				const isSelected = row.address === selected;
				return (
					<Text key={row.address} wrap="truncate-end" inverse={isSelected && focused} {...(color ? {color} : {})}>
						{isSelected ? (ascii ? '>' : '▸') : ' '}
						{text}
					</Text>
				);
			})}
		</Box>
	);
}
