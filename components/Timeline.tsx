import React from 'react';
import {Box, Text} from 'ink';
import type {TimelineEvent} from '../source/model/types.js';
import {timelineWindow} from '../views/timeline.js';

export interface TimelineProps {
	readonly events: readonly TimelineEvent[];
	/** Title included. */
	readonly lines: number;
	/** The `/` filter the events were chosen by, named in the title. */
	readonly filter?: string;
	/** Events hidden below the window (0: the newest is the last line). */
	readonly scroll?: number;
	/** Tab focused it: ↑/↓ scroll it. */
	readonly focused?: boolean;
	readonly ascii?: boolean;
}

/** The events, newest last and always in view unless scrolled back. */
export function Timeline({events, lines, filter, scroll = 0, focused = false, ascii = false}: TimelineProps) {
	if (lines <= 0) return null;
	const view = timelineWindow(events, lines - 1, scroll, filter);
	return (
		<Box flexDirection="column" height={lines} overflow="hidden">
			<Text bold wrap="truncate-end" inverse={focused}>
				{focused ? (ascii ? '> ' : '▸ ') : ''}
				{view.title}
			</Text>
			{view.lines.map((line, i) => (
				<Text key={i} wrap="truncate-end" dimColor={line.text === 'no events yet'} {...(line.color ? {color: line.color} : {})}>
					{line.text}
				</Text>
			))}
		</Box>
	);
}
