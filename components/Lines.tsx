import React from 'react';
import {Box, Text} from 'ink';

/** One screen line of a scrollable body. */
export interface Line {
	readonly text: string;
	readonly bold?: boolean;
	readonly dim?: boolean;
	readonly color?: string;
}

export interface LinesProps {
	readonly lines: readonly Line[];
	readonly height: number;
	readonly scroll: number;
	readonly ascii: boolean;
}

/** Shows `height` lines from `scroll` (clamped); the last line says when more is hidden below. */
export function Lines({lines, height, scroll, ascii}: LinesProps) {
	if (height <= 0) return null;
	const start = Math.max(0, Math.min(scroll, lines.length - height));
	const more = lines.length - start > height;
	const visible = lines.slice(start, start + (more ? height - 1 : height));
	return (
		<Box flexDirection="column">
			{visible.map((line, i) => (
				<Text key={start + i} wrap="truncate-end" bold={line.bold === true} dimColor={line.dim === true} {...(line.color ? {color: line.color} : {})}>
					{line.text || ' '}
				</Text>
			))}
			{more ? (
				<Text dimColor wrap="truncate-end">
					{ascii ? 'v' : '↓'} {lines.length - start - visible.length} more lines (j/k to scroll)
				</Text>
			) : null}
		</Box>
	);
}
