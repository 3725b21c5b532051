// @alcalzone/ink-table (the ESM fork of ink-table that loads under Ink 6), configured for a terminal
// that must never overflow. Measured on Ink 6.8: the stock Table draws a separator line before every
// data row (2n+3 lines for n rows) and sizes each column to its longest value with no limit, so one
// long INFO value wraps the whole frame. This wrapper cuts every cell to a width budget first (the
// widest columns give way) and draws one separator under the heading only (n+4 lines).
import React from 'react';
import {Box, Text} from 'ink';
import {Table} from '@alcalzone/ink-table';
import {fit} from './format.js';

export type Cell = string | number;
export type TableRow = Readonly<Record<string, Cell>>;

class CompactTable extends Table<Record<string, Cell>> {
	override render() {
		const columns = this.getColumns();
		const headings = this.getHeadings();
		return (
			<Box flexDirection="column">
				{this.header({key: 'header', columns, data: {}})}
				{this.heading({key: 'heading', columns, data: headings})}
				{this.separator({key: 'separator', columns, data: {}})}
				{this.props.data.map((row, index) => (
					<React.Fragment key={index}>{this.data({key: `row-${index}`, columns, data: row})}</React.Fragment>
				))}
				{this.footer({key: 'footer', columns, data: {}})}
			</Box>
		);
	}
}

/** Lines the table takes for n rows: top border, heading, separator, rows, bottom border. */
export const tableHeight = (rows: number) => rows + 4;

/**
 * Cuts cells so the table fits `width` cells: each column gets at most its share, the narrow ones
 * keep their full width and hand the rest to the wide ones.
 */
export function fitColumns(rows: readonly TableRow[], columns: readonly string[], width: number): Record<string, Cell>[] {
	const padding = 2; // one space each side of a cell
	const budget = Math.max(columns.length, width - (columns.length + 1) - padding * columns.length);
	const natural = columns.map(c => Math.max(c.length, ...rows.map(r => String(r[c] ?? '').length)));
	const limit = [...natural];
	let total = natural.reduce((a, b) => a + b, 0);
	while (total > budget) {
		const widest = limit.indexOf(Math.max(...limit));
		limit[widest]!--;
		total--;
		if (limit[widest]! <= 3) break;
	}
	return rows.map(r => Object.fromEntries(columns.map((c, i) => {
		const v = r[c] ?? '';
		return [c, typeof v === 'number' && String(v).length <= limit[i]! ? v : fit(String(v), Math.max(1, limit[i]!))];
	})));
}

export interface DataTableProps {
	readonly rows: readonly TableRow[];
	readonly columns: readonly string[];
	readonly width: number;
	/** Highlighted row (its index in rows): marked with ▸ in the first column. */
	readonly selected?: number;
	readonly empty?: string;
}

export function DataTable({rows, columns, width, selected, empty}: DataTableProps) {
	if (rows.length === 0) return <Text dimColor>{empty ?? 'nothing to show'}</Text>;
	const first = columns[0]!;
	const marked = selected === undefined ? rows : rows.map((r, i) => ({...r, [first]: `${i === selected ? '▸' : ' '} ${r[first] ?? ''}`}));
	return <CompactTable data={fitColumns(marked, columns, width)} columns={[...columns]} padding={1} />;
}
