import React from 'react';
import {Text} from 'ink';
import type {CheckStatus} from '../source/model/types.js';
import {sanitize} from '../source/model/sanitize.js';
import {humanSeconds, statusGlyph} from './format.js';

export interface StatusLineProps {
	readonly tick: number;
	readonly intervalMs: number;
	readonly lastTickMs: number | null;
	/** Whole seconds since the last tick, only when ticks are overdue. */
	readonly overdueSeconds: number | null;
	readonly paused: boolean;
	readonly up: number;
	readonly down: number;
	readonly counts: Readonly<Record<CheckStatus, number>>;
	readonly readOnly: boolean;
	readonly lab: boolean;
	readonly filter: string;
	readonly message?: string;
	/** Standing engine notices (discovery capped, addresses refused). */
	readonly notices?: readonly string[];
	readonly ascii: boolean;
	/** Playing a recording: the recorded clock, speed and position instead of the poll interval. */
	readonly replay?: string;
	/** Recording to this file. */
	readonly recording?: string;
}

export function StatusLine(props: StatusLineProps) {
	const {tick, intervalMs, overdueSeconds, paused, up, down, counts, ascii} = props;
	const sep = ascii ? ' | ' : ' · ';
	const parts = [
		`replwatch${props.lab ? ' [lab]' : ''}${props.readOnly ? ' [read-only]' : ''}`,
		props.replay ?? (paused ? 'PAUSED' : tick === 0 ? 'waiting for first tick' : `every ${humanSeconds(intervalMs / 1000)}`),
		props.recording ? 'REC' : '',
		overdueSeconds === null ? '' : `no update for ${humanSeconds(overdueSeconds)}`,
		`${up} up ${down} down`,
		(['fail', 'warn', 'pass'] as const).map(s => `${statusGlyph(s, ascii)}${counts[s]}`).join(' '),
		...(props.notices ?? []).map(n => sanitize(n)),
		props.filter ? `filter "${props.filter}"` : '',
		props.message === undefined ? '' : sanitize(props.message),
	].filter(Boolean);
	return (
		<Text wrap="truncate-end" bold={paused || down > 0}>
			{parts.join(sep)}
		</Text>
	);
}
