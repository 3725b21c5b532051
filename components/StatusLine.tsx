import React from 'react';
import {Text} from 'ink';
import type {CheckStatus} from '../source/model/types.js';
import {sanitize} from '../source/model/sanitize.js';
import {humanSeconds, statusColor, statusGlyph} from './format.js';

export interface StatusLineProps {
	readonly tick: number;
	readonly intervalMs: number;
	readonly lastTickMs: number | null;
	/** Whole seconds since the last tick, only when ticks are overdue. */
	readonly overdueSeconds: number | null;
	readonly paused: boolean;
	readonly up: number;
	readonly unreachable: number;
	readonly linksDown: number;
	readonly counts: Readonly<Record<CheckStatus, number>>;
	readonly readOnly: boolean;
	readonly lab: boolean;
	readonly filter: string;
	readonly message?: string;
	/** Lab: where its fixes are audited (the lab's own dir). */
	readonly auditLog?: string;
	/** Standing engine notices (discovery capped, addresses refused). */
	readonly notices?: readonly string[];
	readonly ascii: boolean;
	/** Playing a recording: the recorded clock, speed and position instead of the poll interval. */
	readonly replay?: string;
	/** Recording to this file. */
	readonly recording?: string;
}

/** One part of the line: text and, for a count that needs attention, its colour. */
interface Part {
	readonly text: string;
	readonly color?: string;
	readonly bold?: boolean;
	/** Joined to the previous part by a space instead of the separator. */
	readonly glued?: boolean;
}

export function StatusLine(props: StatusLineProps) {
	const {tick, intervalMs, overdueSeconds, paused, up, unreachable, linksDown, counts, ascii} = props;
	const sep = ascii ? ' | ' : ' · ';
	// Nodes that do not answer and links that do not replicate are two different words, each coloured when non-zero.
	const parts: Part[] = [
		{text: `replwatch${props.lab ? ' [lab]' : ''}${props.readOnly ? ' [read-only]' : ''}`},
		{text: props.replay ?? (paused ? 'PAUSED' : tick === 0 ? 'waiting for first tick' : `every ${humanSeconds(intervalMs / 1000)}`), ...(paused ? {bold: true, color: 'yellow'} : {})},
		...(props.recording ? [{text: 'REC', color: 'red'}] : []),
		...(overdueSeconds === null ? [] : [{text: `no update for ${humanSeconds(overdueSeconds)}`, color: 'yellow'}]),
		{text: `nodes ${up} up`},
		...(unreachable > 0 ? [{text: `${unreachable} unreachable`, glued: true, color: 'red', bold: true}] : []),
		...(linksDown > 0 ? [{text: `${linksDown} link${linksDown === 1 ? '' : 's'} down`, color: 'red', bold: true}] : []),
		// Next to the node count they qualify ("capped at 256 nodes"): visible at 80 columns.
		...(props.notices ?? []).map(n => ({text: sanitize(n), color: 'yellow'})),
		...(['fail', 'warn', 'pass'] as const).map((s, i) => ({text: `${statusGlyph(s, ascii)}${counts[s]}`, glued: i > 0, ...(counts[s] > 0 && statusColor[s] ? {color: statusColor[s]} : {})})),
		...(props.filter ? [{text: `filter "${props.filter}"`, color: 'cyan'}] : []),
		...(props.message === undefined ? [] : [{text: sanitize(props.message)}]),
		...(props.auditLog ? [{text: `audit log ${sanitize(props.auditLog)}`, color: 'gray'}] : []),
	];
	return (
		<Text wrap="truncate-end">
			{parts.map((p, i) => (
				<Text key={i} {...(p.color ? {color: p.color} : {})} bold={p.bold === true}>
					{i === 0 ? '' : p.glued ? ' ' : sep}
					{p.text}
				</Text>
			))}
		</Text>
	);
}
