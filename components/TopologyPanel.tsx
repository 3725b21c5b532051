import React from 'react';
import {Box, Text} from 'ink';
import {scrollStart} from '../views/scroll.js';
import type {Address} from '../source/model/types.js';
import {nodeLine} from '../views/node-line.js';
import {headerLine, sentinelLine, sentinelSummaryLine, type Line} from '../views/topology-lines.js';
import type {NodeRow, TopologyRow} from '../views/row-types.js';
import {RowLine} from './RowLine.js';

export interface TopologyPanelProps {
	readonly rows: readonly TopologyRow[];
	readonly selected?: Address;
	readonly focused: boolean;
	readonly lines: number;
	readonly narrow: boolean;
	/** Cells a row may take (the selection marker excluded). */
	readonly width: number;
	readonly ascii: boolean;
	/** The filter in force: an empty list then says nothing matched. */
	readonly filter?: string;
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

/**
 * The rows on screen: when the window starts below the summary line of the group it shows, that line
 * stays pinned on top (on a short terminal the group's health must not scroll away).
 */
export function pinnedWindow(rows: readonly TopologyRow[], selectedIndex: number, lines: number): {start: number; visible: TopologyRow[]} {
	const start = topologyWindowStart(rows, selectedIndex, lines);
	const headerAbove = (from: number) => {
		for (let i = from; i >= 0; i--) if (rows[i]!.kind === 'header') return i;
		return -1;
	};
	const h = headerAbove(Math.max(start, selectedIndex));
	if (start === 0 || lines < 3 || h < 0 || h >= start) return {start, visible: rows.slice(start, start + lines)};
	// The group's Sentinel summary (quorum, the master they agree on) stays with its header when there is room.
	if (lines >= 5 && rows[h + 1]?.kind === 'sentinel-summary') {
		const below = topologyWindowStart(rows, selectedIndex, lines - 2);
		if (below > h + 1) return {start: below, visible: [rows[h]!, rows[h + 1]!, ...rows.slice(below, below + lines - 2)]};
	}
	const inner = topologyWindowStart(rows, selectedIndex, lines - 1);
	if (inner <= h) return {start, visible: rows.slice(start, start + lines)};
	return {start: inner, visible: [rows[h]!, ...rows.slice(inner, inner + lines - 1)]};
}

function rowLine(row: TopologyRow, narrow: boolean, width: number, ascii: boolean): Line {
	switch (row.kind) {
		case 'header':
			return headerLine(row, narrow, ascii, width);
		case 'sentinel-summary':
			return sentinelSummaryLine(row, narrow, ascii);
		case 'sentinel':
			return sentinelLine(row, narrow, ascii);
		case 'node':
			return nodeLine(row, width, ascii);
	}
}

/** Bars of sparkline a node row is given when its width is measured (more when the panel is wider). */
const measuredBars = 20;

/**
 * Cells the widest row needs (selection marker included): group and Sentinel lines in full, node rows with a
 * short sparkline and without what they drop first (an unreachable node's error text, the version).
 */
export function topologyWidthNeeded(rows: readonly TopologyRow[], ascii: boolean): number {
	let widest = 0;
	for (const row of rows) {
		const measured = row.kind === 'node' ? {...row, lagSeries: row.lagSeries.slice(-measuredBars), reason: '', reasonDetail: '', version: ''} : row;
		widest = Math.max(widest, (row.kind === 'node' ? 0 : 1) + rowLine(measured, false, Number.POSITIVE_INFINITY, ascii).text.length);
	}
	return widest + 1;
}

export function TopologyPanel({rows, selected, focused, lines, narrow, width, ascii, filter}: TopologyPanelProps) {
	if (lines <= 0) return null;
	if (rows.length === 0) return <Text dimColor>{filter ? `no node matches "${filter}" (Esc clears the filter)` : 'no nodes yet'}</Text>;
	const selectedIndex = rows.findIndex(r => r.kind === 'node' && r.address === selected);
	const {start, visible} = pinnedWindow(rows, selectedIndex, lines);
	return (
		<Box flexDirection="column">
			{visible.map((row, i) => {
				const {text, color} = rowLine(row, narrow, width, ascii);
				if (row.kind !== 'node') return <RowLine key={`${row.kind}${start + i}`} marker=" " text={text} color={color} bold={row.kind === 'header'} />;
				const isSelected = row.address === selected;
				return <RowLine key={row.address} marker={isSelected ? (ascii ? '>' : '▸') : ' '} text={text} color={color} inverse={isSelected && focused} />;
			})}
		</Box>
	);
}
