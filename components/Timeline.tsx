import React from 'react';
import {Box, Text} from 'ink';
import {sanitize} from '../source/model/sanitize.js';
import type {TimelineEvent} from '../source/model/types.js';

export interface TimelineProps {
	readonly events: readonly TimelineEvent[];
	/** Title included. */
	readonly lines: number;
	/** The `/` filter the events were chosen by, named in the title. */
	readonly filter?: string;
}

function eventText(e: TimelineEvent): string {
	const kind = sanitize(e.kind);
	const text = sanitize(e.text);
	return text.startsWith(kind) ? text : `${kind}: ${text}`;
}

const clock = (at: number) => new Date(at).toTimeString().slice(0, 8);

/** The last few events, newest last. */
export function Timeline({events, lines, filter}: TimelineProps) {
	if (lines <= 0) return null;
	const shown = events.slice(-(lines - 1));
	return (
		<Box flexDirection="column" height={lines} overflow="hidden">
			<Text bold wrap="truncate-end">
				Timeline{filter ? ` matching "${sanitize(filter)}"` : ''}{events.length > shown.length ? ` (last ${shown.length} of ${events.length})` : ''}
			</Text>
			{shown.length === 0 ? <Text dimColor>{filter ? 'no matching events' : 'no events yet'}</Text> : null}
			{shown.map((e, i) => (
				<Text key={`${e.at}-${i}`} wrap="truncate-end">
					{clock(e.at)} {e.node} {eventText(e)}
				</Text>
			))}
		</Box>
	);
}
