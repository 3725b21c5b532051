// The lag chart of one follower: a labelled y axis, bars over the whole history window, a time axis.
import type {Point} from '../source/model/history.js';
import {noReading, spanLabel} from './sparkline.js';

export type ChartUnit = 'bytes' | 'seconds';

export interface ChartOptions {
	readonly width: number;
	/** Rows of bars (axis lines excluded). */
	readonly height: number;
	/** The window drawn, ms, ending at `now`: the history window. */
	readonly windowMs: number;
	readonly now: number;
	readonly format: (value: number) => string;
	/** The y axis never goes below this (noise stays low instead of filling the chart). */
	readonly floor: number;
	readonly ascii?: boolean;
}

const eighths = [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
const asciiFill = '#';

/**
 * Lines of a bar chart: each column is the largest value of its slice of the window (a peak is never
 * averaged away), the y labels are the top, the middle and 0, the x labels the window's age and "now".
 * Columns before the first point stay blank (not watched yet); a column with no point after it (a freeze, a
 * follower the leader dropped) is marked as no reading on the bottom row, never drawn as no lag.
 */
export function lagChart(points: readonly Point[], options: ChartOptions): string[] {
	const {height, windowMs, now, format, floor, ascii = false} = options;
	const rows = Math.max(1, Math.floor(height));
	const max = Math.max(0, ...points.filter(p => p.t > now - windowMs && p.t <= now).map(p => p.v));
	const top = Math.max(floor, max);
	const labels = [format(top), format(top / 2), format(0)];
	const axisWidth = Math.max(...labels.map(l => l.length)) + 1;
	const columns = Math.max(1, options.width - axisWidth - 1);
	const bucketMs = windowMs / columns;
	const peaks: (number | undefined)[] = new Array(columns).fill(undefined);
	for (const p of points) {
		const age = now - p.t;
		if (age < 0 || age >= windowMs) continue;
		const column = columns - 1 - Math.floor(age / bucketMs);
		peaks[column] = Math.max(peaks[column] ?? 0, p.v);
	}
	const first = peaks.findIndex(v => v !== undefined);
	const last = peaks.findLastIndex(v => v !== undefined);
	const lines: string[] = [];
	for (let r = 0; r < rows; r++) {
		// Row r covers (rows-1-r)/rows … (rows-r)/rows of the top value.
		const base = (rows - 1 - r) / rows;
		let bar = '';
		for (let c = 0; c < peaks.length; c++) {
			const v = peaks[c];
			if (v === undefined) {
				bar += r === rows - 1 && first >= 0 && c > first && c < last ? noReading(ascii) : ' ';
				continue;
			}
			const fill = (v / (top || 1) - base) * rows; // 0…1 of this row
			const level = Math.max(0, Math.min(8, Math.round(fill * 8)));
			bar += ascii ? (level >= 4 ? asciiFill : level > 0 || (r === rows - 1 && v > 0) ? '.' : ' ') : eighths[level === 0 && r === rows - 1 && v > 0 ? 1 : level];
		}
		const label = r === 0 ? labels[0]! : r === Math.floor((rows - 1) / 2) && rows > 2 ? labels[1]! : r === rows - 1 ? labels[2]! : '';
		lines.push(`${label.padStart(axisWidth - 1)} ${ascii ? '|' : '┤'}${bar}`);
	}
	const rule = `${' '.repeat(axisWidth)}${ascii ? '+' : '└'}${(ascii ? '-' : '─').repeat(columns)}`;
	const left = `-${spanLabel(windowMs / 1000)}`;
	const middle = `-${spanLabel(windowMs / 2000)}`;
	const right = 'now';
	const axis = [...' '.repeat(axisWidth + 1 + columns)];
	const put = (text: string, at: number) => [...text].forEach((ch, i) => {
		if (at + i >= 0 && at + i < axis.length) axis[at + i] = ch;
	});
	put(left, axisWidth + 1);
	if (columns > left.length + middle.length + right.length + 4) put(middle, axisWidth + 1 + Math.floor(columns / 2) - Math.floor(middle.length / 2));
	put(right, axisWidth + 1 + columns - right.length);
	lines.push(rule, axis.join('').trimEnd());
	return lines;
}
