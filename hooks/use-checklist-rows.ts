import {useMemo} from 'react';
import type {CheckResult, CheckStatus} from '../source/model/types.js';
import {sanitize} from '../source/model/sanitize.js';
import {sections} from '../source/checks/registry.js';
import {documentOrder} from './walkthrough.js';

/** Section titles as the checklist document names them, without the number (from the checks registry). */
export const sectionTitles: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(sections).map(([id, title]) => [id, title.replace(/^\S+\s+/, '')]));

export interface SectionRow {
	readonly kind: 'section';
	readonly section: string;
	readonly title: string;
	readonly counts: Readonly<Record<CheckStatus, number>>;
}

export interface CheckRow {
	readonly kind: 'check';
	readonly check: CheckResult;
}

export type ChecklistRow = SectionRow | CheckRow;

const emptyCounts = (): Record<CheckStatus, number> => ({pass: 0, warn: 0, fail: 0, info: 0, unknown: 0});

/** Checks in document order under their section headers, with per-section counts. */
export function checklistRows(checks: readonly CheckResult[], filter = ''): ChecklistRow[] {
	const needle = filter.trim().toLowerCase();
	const shown = documentOrder(checks).filter(c => !needle || c.id.includes(needle) || c.status === needle || sanitize(c.title).toLowerCase().includes(needle) || c.evidence.some(e => e.node.includes(needle)));
	const rows: ChecklistRow[] = [];
	let current: {row: SectionRow; counts: Record<CheckStatus, number>} | undefined;
	for (const check of shown) {
		if (!current || current.row.section !== check.section) {
			const counts = emptyCounts();
			current = {row: {kind: 'section', section: check.section, title: sectionTitles[check.section] ?? '', counts}, counts};
			rows.push(current.row);
		}
		current.counts[check.status] = (current.counts[check.status] ?? 0) + 1;
		rows.push({kind: 'check', check});
	}
	return rows;
}

export function overallCounts(checks: readonly CheckResult[]): Record<CheckStatus, number> {
	const counts = emptyCounts();
	for (const c of checks) counts[c.status] = (counts[c.status] ?? 0) + 1;
	return counts;
}

export function useChecklistRows(checks: readonly CheckResult[], filter: string): ChecklistRow[] {
	return useMemo(() => checklistRows(checks, filter), [checks, filter]);
}
