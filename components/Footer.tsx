import React from 'react';
import {Box, Text} from 'ink';
import {keyLabel, type KeyEntry} from '../source/keymap/keymap.js';

/** The footer text for a key table: `q quit  ? help  ↑/k up …`. */
export function footerText(entries: readonly KeyEntry[], ascii: boolean): string {
	return entries.map(e => `${keyLabel(e.keys, ascii)} ${e.label}`).join('  ');
}

export interface FooterProps {
	readonly entries: readonly KeyEntry[];
	readonly lines: number;
	readonly ascii: boolean;
}

export function Footer({entries, lines, ascii}: FooterProps) {
	if (lines <= 0) return null;
	return (
		<Box height={lines} overflow="hidden">
			<Text dimColor wrap={lines === 1 ? 'truncate-end' : 'wrap'}>
				{footerText(entries, ascii)}
			</Text>
		</Box>
	);
}
