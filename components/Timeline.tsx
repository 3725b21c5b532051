import React from 'react';
import {Box, Text} from 'ink';
import type {TimelineWindow} from '../views/timeline.js';

export interface TimelineProps {
	/** Its title and lines-1 event lines (views/timeline.ts). */
	readonly view: TimelineWindow;
	/** Title included. */
	readonly lines: number;
	/** Tab focused it: ↑/↓ scroll it. */
	readonly focused?: boolean;
	readonly ascii?: boolean;
}

/** The events, newest last and always in view unless scrolled back. */
export function Timeline({view, lines, focused = false, ascii = false}: TimelineProps) {
	if (lines <= 0) return null;
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
