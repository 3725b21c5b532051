import {useMemo} from 'react';
import type {TerminalSize} from './use-terminal-size.js';

export interface PanelBox {
	readonly width: number;
	/** Outer height including border and title. */
	readonly height: number;
	/** Rows left for list content. */
	readonly contentLines: number;
}

export interface Layout {
	readonly columns: number;
	readonly frameHeight: number; // never more than rows − 1 (Ink clears the screen otherwise)
	readonly arrangement: 'side-by-side' | 'stacked';
	readonly narrow: boolean; // below 60 columns: compact rows
	readonly borders: boolean; // none below 40 columns or when rows are scarce
	readonly statusLines: number;
	readonly footerLines: number;
	readonly timelineLines: number; // title included; 0 = hidden
	readonly topology: PanelBox;
	readonly checks: PanelBox;
	/** Lines for a full-screen body (detail, help, walkthrough). */
	readonly bodyLines: number;
}

export interface LayoutNeeds {
	readonly topologyRows: number;
	readonly checkRows: number;
	readonly footerChars: number;
}

/** The line budget of every panel for one terminal size. Pure, so the arithmetic is testable. */
export function computeLayout(size: TerminalSize, needs: LayoutNeeds): Layout {
	const columns = Math.max(1, size.columns);
	const frameHeight = Math.max(1, size.rows - 1);
	const narrow = columns < 60;
	let borders = columns >= 40;
	const statusLines = 1;
	const footerLines = frameHeight < 16 ? 1 : Math.min(2, Math.max(1, Math.ceil(needs.footerChars / columns)));
	const timelineLines = frameHeight >= 20 ? 4 : 0;
	const fixed = statusLines + footerLines + timelineLines;
	const rest = Math.max(0, frameHeight - fixed);
	const bodyLines = Math.max(0, frameHeight - statusLines - footerLines);
	const sideBySide = columns >= 110;
	const chrome = () => (borders ? 2 : 0) + 1;
	if (!sideBySide && rest < 2 * (chrome() + 1)) borders = false;
	if (sideBySide && rest < chrome() + 1) borders = false;
	const c = chrome();
	const panel = (width: number, height: number): PanelBox => ({width, height, contentLines: Math.max(0, height - c)});
	if (sideBySide) {
		const left = Math.floor(columns * 0.55);
		return {columns, frameHeight, arrangement: 'side-by-side', narrow, borders, statusLines, footerLines, timelineLines, topology: panel(left, rest), checks: panel(columns - left, rest), bodyLines};
	}
	const minPanel = Math.min(c + 1, Math.floor(rest / 2));
	const wantTopology = needs.topologyRows + c;
	const topologyHeight = Math.max(minPanel, Math.min(wantTopology, rest - Math.max(minPanel, Math.min(needs.checkRows + c, Math.ceil(rest / 2)))));
	return {
		columns,
		frameHeight,
		arrangement: 'stacked',
		narrow,
		borders,
		statusLines,
		footerLines,
		timelineLines,
		topology: panel(columns, topologyHeight),
		checks: panel(columns, Math.max(0, rest - topologyHeight)),
		bodyLines,
	};
}

export function useLayout(size: TerminalSize, needs: LayoutNeeds): Layout {
	return useMemo(() => computeLayout(size, needs), [size, needs.topologyRows, needs.checkRows, needs.footerChars]); // eslint-disable-line react-hooks/exhaustive-deps
}
