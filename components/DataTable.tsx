// A table drawn as text lines, for a terminal that must never overflow: every line is at most `width`
// cells (cells cut to a budget, the widest columns give way, trailing columns go when even that does not
// fit), one separator under the heading, the border kept, ASCII under --ascii. (@alcalzone/ink-table
// wrapped its rows at 80 columns with a blank line after each and lost the left border.)
import React from 'react';
import {Box, Text} from 'ink';
import {fit} from './format.js';

export type Cell = string | number;
export type TableRow = Readonly<Record<string, Cell>>;

/** Lines the table takes for n rows: top border, heading, separator, rows, bottom border. */
export const tableHeight = (rows: number) => rows + 4;

/**
 * Cuts cells so the table fits `width` cells: each column gets at most its share, the narrow ones
 * keep their full width and hand the rest to the wide ones.
 */
export function fitColumns(rows: readonly TableRow[], allColumns: readonly string[], width: number, ascii = false, keep = 0): {columns: string[]; widths: number[]; rows: Record<string, string>[]} {
	const padding = 2; // one space each side of a cell
	const columns = [...allColumns];
	const natural = () => columns.map(c => Math.max(c.length, ...rows.map(r => String(r[c] ?? '').length)));
	const budget = () => width - (columns.length + 1) - padding * columns.length;
	let limit = natural();
	for (;;) {
		limit = natural();
		let total = limit.reduce((a, b) => a + b, 0);
		// Columns after the first `keep` (what tells rows apart) give way down to 6 cells each; then the last column goes.
		const cuttable = () => limit.map((l, i) => (i < keep ? 0 : l));
		while (total > budget() && Math.max(...cuttable()) > 6) {
			const widest = cuttable().indexOf(Math.max(...cuttable()));
			limit[widest]!--;
			total--;
		}
		if (total <= budget() || columns.length <= Math.max(1, keep)) break;
		columns.pop();
	}
	return {
		columns,
		widths: limit.map(l => Math.max(1, l)),
		rows: rows.map(r => Object.fromEntries(columns.map((c, i) => [c, fit(String(r[c] ?? ''), Math.max(1, limit[i]!), ascii)]))),
	};
}

/** The table's lines: top border, heading, separator, rows, bottom border. */
export function tableLines(rows: readonly TableRow[], columns: readonly string[], width: number, ascii = false, keep = 0): string[] {
	const t = fitColumns(rows, columns, width, ascii, keep);
	const [h, v, tl, tm, tr, ml, mm, mr, bl, bm, br] = ascii ? [...'-|+++++++++'] : [...'─│┌┬┐├┼┤└┴┘'];
	const rule = (l: string, m: string, r: string) => `${l}${t.widths.map(w => h!.repeat(w + 2)).join(m)}${r}`;
	const line = (cells: readonly string[]) => `${v}${cells.map((c, i) => ` ${c.padEnd(t.widths[i]!)} `).join(v)}${v}`;
	return [
		rule(tl!, tm!, tr!),
		line(t.columns.map((c, i) => fit(c, t.widths[i]!, ascii))),
		rule(ml!, mm!, mr!),
		...t.rows.map(r => line(t.columns.map(c => r[c]!))),
		rule(bl!, bm!, br!),
	].map(l => fit(l, width, ascii));
}

export interface DataTableProps {
	readonly rows: readonly TableRow[];
	readonly columns: readonly string[];
	readonly width: number;
	/** Highlighted row (its index in rows): marked with ▸ in the first column. */
	readonly selected?: number;
	readonly empty?: string;
	readonly ascii?: boolean;
	/** The first columns never cut (they tell the rows apart). */
	readonly keep?: number;
}

export function DataTable({rows, columns, width, selected, empty, ascii = false, keep = 0}: DataTableProps) {
	if (rows.length === 0) return <Text dimColor>{empty ?? 'nothing to show'}</Text>;
	const first = columns[0]!;
	const marked = selected === undefined ? rows : rows.map((r, i) => ({...r, [first]: `${i === selected ? (ascii ? '>' : '▸') : ' '} ${r[first] ?? ''}`}));
	return (
		<Box flexDirection="column">
			{tableLines(marked, columns, width, ascii, keep).map((line, i) => (
				<Text key={i} wrap="truncate-end">{line}</Text>
			))}
		</Box>
	);
}
