import React from 'react';
import {Box, Text} from 'ink';
import type {NodeRow, TopologyRow} from '../hooks/use-topology-rows.js';
import {scrollStart} from '../hooks/use-selection.js';
import type {Address} from '../source/model/types.js';
import {humanBytes, humanRate, humanSeconds} from './format.js';
import {sparkline} from './Sparkline.js';

export interface TopologyPanelProps {
	readonly rows: readonly TopologyRow[];
	readonly selected?: Address;
	readonly focused: boolean;
	readonly lines: number;
	readonly narrow: boolean;
	readonly ascii: boolean;
}

function nodeText(row: NodeRow, narrow: boolean, ascii: boolean): {text: string; color?: string} {
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

export function TopologyPanel({rows, selected, focused, lines, narrow, ascii}: TopologyPanelProps) {
	if (lines <= 0) return null;
	const selectedIndex = rows.findIndex(r => r.kind === 'node' && r.address === selected);
	const start = scrollStart(Math.max(0, selectedIndex), rows.length, lines);
	const visible = rows.slice(start, start + lines);
	if (rows.length === 0) return <Text dimColor>no nodes yet</Text>;
	return (
		<Box flexDirection="column">
			{visible.map((row, i) => {
				if (row.kind === 'header') {
					return (
						<Text key={`h${start + i}`} bold {...(row.splitBrain ? {color: 'red'} : {})} wrap="truncate-end">
							{row.splitBrain ? (ascii ? '!! ' : '⚠ ') : ''}
							{row.text}
						</Text>
					);
				}
				const isSelected = row.address === selected;
				const {text, color} = nodeText(row, narrow, ascii);
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
