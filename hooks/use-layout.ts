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
	/** Lines the footer needs (footerLines() within footerBudget()). */
	readonly footerLines: number;
	/** Lines above the body besides the status line (the alert banner). */
	readonly bannerLines?: number;
	/** Cells the topology's widest line needs (borders excluded): on a wide terminal it gets that, the checklist the rest. */
	readonly topologyWidth?: number;
}

/** The most lines the footer may take at this size: one on a short terminal, else three. */
export function footerBudget(size: TerminalSize): number {
	return Math.max(1, size.rows - 1) < 16 ? 1 : 3;
}

/** The line budget of every panel for one terminal size. Pure, so the arithmetic is testable. */
export function computeLayout(size: TerminalSize, needs: LayoutNeeds): Layout {
	const columns = Math.max(1, size.columns);
	const frameHeight = Math.max(1, size.rows - 1);
	const narrow = columns < 60;
	let borders = columns >= 40;
	const statusLines = 1 + (needs.bannerLines ?? 0);
	const footerLines = Math.min(footerBudget(size), Math.max(1, needs.footerLines));
	const bodyLines = Math.max(0, frameHeight - statusLines - footerLines);
	const sideBySide = columns >= 110;
	const chrome = () => (borders ? 2 : 0) + 1;
	if (sideBySide) {
		// Left column: the topology, then the timeline below it; right column: the checklist.
		if (bodyLines < chrome() + 1) borders = false;
		const c = chrome();
		// The topology carries the numbers of an incident (and the sparklines): it gets the larger share.
		// From 160 columns: what its widest line needs (up to 55 %), and the checklist the rest.
		const wide = columns >= 160 && needs.topologyWidth !== undefined;
		// Below that, 60 %: at 120 columns the checklist gets 48 (its lines whole), the rows keep their numbers and a short sparkline.
		const left = wide ? Math.min(Math.floor(columns * 0.55), Math.max(1, needs.topologyWidth! + (borders ? 2 : 0))) : Math.floor(columns * (columns < 160 ? 0.6 : 0.55));
		const topologyHeight = bodyLines >= 12 ? Math.max(Math.min(c + 1, bodyLines), Math.min(needs.topologyRows + c, bodyLines - 4)) : bodyLines;
		const timelineLines = bodyLines - topologyHeight >= 2 ? bodyLines - topologyHeight : 0;
		return {
			columns, frameHeight, arrangement: 'side-by-side', narrow, borders, statusLines, footerLines, timelineLines,
			topology: {width: left, height: bodyLines - timelineLines, contentLines: Math.max(0, bodyLines - timelineLines - c)},
			checks: {width: columns - left, height: bodyLines, contentLines: Math.max(0, bodyLines - c)},
			bodyLines,
		};
	}
	const timelineLines = frameHeight >= 30 ? 4 : frameHeight >= 20 ? 3 : 0;
	const rest = Math.max(0, bodyLines - timelineLines);
	if (rest < 2 * (chrome() + 1)) borders = false;
	const c = chrome();
	const panel = (width: number, height: number): PanelBox => ({width, height, contentLines: Math.max(0, height - c)});
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
	return useMemo(() => computeLayout(size, needs), [size, needs.topologyRows, needs.checkRows, needs.footerLines, needs.bannerLines, needs.topologyWidth]); // eslint-disable-line react-hooks/exhaustive-deps
}
