import React, {type ReactNode} from 'react';
import {Box, Text} from 'ink';

export interface PanelProps {
	readonly title: string;
	readonly focused: boolean;
	readonly width: number;
	readonly height: number;
	readonly borders: boolean;
	readonly ascii: boolean;
	readonly children?: ReactNode;
}

/** A fixed-size box with a one-line title: its height is part of the frame's line budget. */
export function Panel({title, focused, width, height, borders, ascii, children}: PanelProps) {
	if (height <= 0) return null;
	return (
		<Box
			flexDirection="column"
			width={width}
			height={height}
			overflow="hidden"
			{...(borders ? {borderStyle: ascii ? 'classic' : focused ? 'bold' : 'single'} : {})}
		>
			<Text bold={focused} wrap="truncate-end">
				{focused ? (ascii ? '> ' : '▸ ') : '  '}
				{title}
			</Text>
			{children}
		</Box>
	);
}
