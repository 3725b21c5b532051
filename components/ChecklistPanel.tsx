import React from 'react';
import {Box, Text} from 'ink';
import type {ChecklistRow} from '../hooks/use-checklist-rows.js';
import {scrollStart} from '../views/scroll.js';
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

/** `✖ 1.2.3 1.2.4 · ! 2.2.2 3.1 · ] next problem`, or undefined when nothing fails or warns. */
function problemsLine(rows: readonly ChecklistRow[], ascii: boolean): {text: string; color?: string} | undefined {
	const ids = (status: CheckStatus) => rows.flatMap(r => (r.kind === 'check' && r.check.status === status ? [r.check.id] : []));
	const fail = ids('fail');
	const warn = ids('warn');
	if (fail.length + warn.length === 0) return undefined;
	const dot = ascii ? '|' : '·';
	const parts = [fail.length ? `${statusGlyph('fail', ascii)} ${fail.join(' ')}` : '', warn.length ? `${statusGlyph('warn', ascii)} ${warn.join(' ')}` : '', '] next problem'];
	return {text: parts.filter(Boolean).join(` ${dot} `), ...(fail.length ? {color: 'red'} : {color: 'yellow'})};
}

export const ChecklistPanel = React.memo(function ChecklistPanel({rows, selectedId, focused, lines, ascii, filtered = false}: ChecklistPanelProps) {
	if (lines <= 0) return null;
	if (rows.length === 0) return <Text dimColor>{filtered ? 'no check matches (Esc clears)' : 'no checks yet'}</Text>;
	const selectedIndex = rows.findIndex(r => r.kind === 'check' && r.check.id === selectedId);
	// When the list does not fit, the first line names every fail and warn: at 80x24 the fails are below the fold.
	const problems = rows.length > lines && lines >= 3 ? problemsLine(rows, ascii) : undefined;
	const room = problems ? lines - 1 : lines;
	// Keep the section header of the selected check in view when it fits.
	const start = scrollStart(Math.max(0, selectedIndex), rows.length, room);
	const visible = rows.slice(start, start + room);
	return (
		<Box flexDirection="column">
			{problems ? <RowLine key="problems" marker="" text={problems.text} {...(problems.color ? {color: problems.color} : {})} bold /> : null}
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
