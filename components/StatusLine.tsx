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
	/** Columns the line may use: the audit log path is shortened to fit what is left. */
	readonly width?: number;
}

/** One part of the line: text and, for a count that needs attention, its colour. */
interface Part {
	readonly text: string;
	readonly color?: string;
	readonly bold?: boolean;
	/** Joined to the previous part by a space instead of the separator. */
	readonly glued?: boolean;
}

/** Columns the audit path may take when it does not fit whole (it used to take ~28 at 80 columns). */
const auditRoom = 18;

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
	];
	// The lab's feedback (a message) is the news: the audit path then waits; otherwise it takes at most
	// `auditRoom` columns unless the whole `audit log PATH` fits (it is also on the fix prompt and in help).
	if (props.auditLog && props.message === undefined) {
		const used = parts.reduce((n, p, i) => n + p.text.length + (i === 0 ? 0 : p.glued ? 1 : sep.length), 0);
		const room = (props.width ?? Number.POSITIVE_INFINITY) - used - sep.length;
		const full = `audit log ${sanitize(props.auditLog)}`;
		parts.push({text: full.length <= room ? full : auditText(sanitize(props.auditLog), Math.min(room, auditRoom)), color: 'gray'});
	}
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

/**
 * The audit log's path in at most `room` columns: its directory elided in the middle ('/tmp/repl…JK/audit.log'),
 * then the label dropped; the file name is kept whole (the line's own truncation cuts what is still too long).
 */
export function auditText(path: string, room: number): string {
	const full = `audit log ${path}`;
	if (full.length <= room) return full;
	const slash = path.lastIndexOf('/');
	const dir = path.slice(0, Math.max(0, slash));
	const file = path.slice(slash + 1);
	if (`audit ${path}`.length <= room) return `audit ${path}`;
	for (const label of ['audit ', '']) {
		const keep = room - label.length - file.length - 2;
		if (keep >= 0) {
			const head = Math.ceil(keep / 2);
			return `${label}${dir.slice(0, head)}…${keep - head > 0 ? dir.slice(-(keep - head)) : ''}/${file}`;
		}
	}
	return `…/${file}`;
}
