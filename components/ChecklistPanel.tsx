import React from 'react';
import {Box, Text} from 'ink';
import type {ChecklistRow} from '../hooks/use-checklist-rows.js';
import {scrollStart} from '../hooks/use-selection.js';
import {sanitize} from '../source/model/sanitize.js';
import type {CheckStatus} from '../source/model/types.js';
import {statusColor, statusGlyph} from './format.js';

export interface ChecklistPanelProps {
	readonly rows: readonly ChecklistRow[];
	readonly selectedId?: string;
	readonly focused: boolean;
	readonly lines: number;
	readonly ascii: boolean;
	/** Why the list may be empty: a text filter or a status filter in force. */
	readonly filtered?: boolean;
}

const order: readonly CheckStatus[] = ['fail', 'warn', 'pass', 'info', 'unknown'];

function countsText(counts: Readonly<Record<CheckStatus, number>>, ascii: boolean): string {
	return order.filter(s => counts[s] > 0).map(s => `${statusGlyph(s, ascii)}${counts[s]}`).join(' ');
}

export function ChecklistPanel({rows, selectedId, focused, lines, ascii, filtered = false}: ChecklistPanelProps) {
	if (lines <= 0) return null;
	if (rows.length === 0) return <Text dimColor>{filtered ? 'no check matches (Esc clears)' : 'no checks yet'}</Text>;
	const selectedIndex = rows.findIndex(r => r.kind === 'check' && r.check.id === selectedId);
	// Keep the section header of the selected check in view when it fits.
	const start = scrollStart(Math.max(0, selectedIndex), rows.length, lines);
	const visible = rows.slice(start, start + lines);
	return (
		<Box flexDirection="column">
			{visible.map(row => {
				if (row.kind === 'section') {
					return (
						<Text key={`s${row.section}`} bold wrap="truncate-end">
							{row.section} {row.title} {countsText(row.counts, ascii)}
						</Text>
					);
				}
				const {check} = row;
				const isSelected = check.id === selectedId;
				const color = statusColor[check.status];
				return (
					<Text key={check.id} wrap="truncate-end" inverse={isSelected && focused}>
						{isSelected ? (ascii ? '>' : '▸') : ' '}
						<Text {...(color ? {color} : {})}>{statusGlyph(check.status, ascii)}</Text> {check.id} {sanitize(check.title)}
						{check.status === 'pass' ? '' : ` - ${sanitize(check.summary)}`}
					</Text>
				);
			})}
		</Box>
	);
}
