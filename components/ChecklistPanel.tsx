import React from 'react';
import {Box, Text} from 'ink';
import type {ChecklistRow} from '../hooks/use-checklist-rows.js';
import {scrollStart} from '../hooks/use-selection.js';
import {sanitize} from '../source/model/sanitize.js';
import type {CheckStatus} from '../source/model/types.js';
import {statusColor, statusGlyph} from './format.js';
import {RowLine} from './RowLine.js';

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

export const ChecklistPanel = React.memo(function ChecklistPanel({rows, selectedId, focused, lines, ascii, filtered = false}: ChecklistPanelProps) {
	if (lines <= 0) return null;
	if (rows.length === 0) return <Text dimColor>{filtered ? 'no check matches (Esc clears)' : 'no checks yet'}</Text>;
	const selectedIndex = rows.findIndex(r => r.kind === 'check' && r.check.id === selectedId);
	// Keep the section header of the selected check in view when it fits.
	const start = scrollStart(Math.max(0, selectedIndex), rows.length, lines);
	const visible = rows.slice(start, start + lines);
	return (
		<Box flexDirection="column">
			{visible.map(row => {
				if (row.kind === 'section') return <RowLine key={`s${row.section}`} marker="" text={`${row.section} ${row.title} ${countsText(row.counts, ascii)}`} bold />;
				const {check} = row;
				const isSelected = check.id === selectedId;
				return (
					<RowLine
						key={check.id}
						marker={isSelected ? (ascii ? '>' : '▸') : ' '}
						glyph={statusGlyph(check.status, ascii)}
						glyphColor={statusColor[check.status]}
						text={`${check.id} ${sanitize(check.title)}${check.status === 'pass' ? '' : ` - ${sanitize(check.summary)}`}`}
						inverse={isSelected && focused}
					/>
				);
			})}
		</Box>
	);
});
