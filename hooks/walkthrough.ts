import type {Snapshot} from '../source/model/snapshot.js';
import type {CheckResult} from '../source/model/types.js';
import {join} from 'node:path';
import {renderMarkdown} from '../source/report/markdown.js';
import {fileStamp, writeReportFile} from '../source/report/state-dir.js';

/** The team report of what is on screen, with the notes: under `dir`, else the state directory's reports/. */
export function writeTeamReport(snapshot: Snapshot, notes: Readonly<Record<string, string>>, dir: string | undefined): string {
	const at = snapshot.lastTickAt ?? Date.now();
	const seconds = Math.max(0, (at - snapshot.startedAt) / 1000);
	const text = renderMarkdown(snapshot, seconds, {notes, source: 'a live run (walkthrough)'});
	return writeReportFile(text, at, dir === undefined ? undefined : join(dir, `replwatch-report-${fileStamp(at)}.md`));
}

/** Compares checklist ids as the document numbers them: 1.2.10 after 1.2.9, 3.10 after 3.9. */
export function compareCheckIds(a: string, b: string): number {
	const pa = a.split('.').map(Number);
	const pb = b.split('.').map(Number);
	for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
		const x = pa[i] ?? -1;
		const y = pb[i] ?? -1;
		if (x !== y) return (Number.isNaN(x) ? Infinity : x) - (Number.isNaN(y) ? Infinity : y);
	}
	return a.localeCompare(b);
}

export function documentOrder(checks: readonly CheckResult[]): CheckResult[] {
	return [...checks].sort((a, b) => compareCheckIds(a.id, b.id));
}

/** Where the walkthrough is and what the operator wrote: part of the UI state. */
export interface WalkState {
	/** The check on screen, followed by id when the list changes (default: the first). */
	readonly currentId?: string;
	/** Operator notes by check id, written into the report. */
	readonly notes: Readonly<Record<string, string>>;
	readonly reportPath?: string;
	readonly reportError?: string;
}

/** What the walkthrough screen shows. */
export interface Walkthrough {
	/** The current check, re-read from every snapshot so its evidence stays live. */
	readonly check: CheckResult | undefined;
	readonly position: number; // 0-based
	readonly total: number;
	readonly atEnd: boolean;
	readonly reportPath?: string;
	readonly reportError?: string;
	readonly notes: Readonly<Record<string, string>>;
}

/** The position of the current check among the checks in document order (0 when it is gone). */
export function walkPosition(ordered: readonly CheckResult[], walk: WalkState): number {
	const found = walk.currentId === undefined ? -1 : ordered.findIndex(c => c.id === walk.currentId);
	return found === -1 ? 0 : found;
}

export function walkthroughOf(ordered: readonly CheckResult[], walk: WalkState): Walkthrough {
	const position = walkPosition(ordered, walk);
	const total = ordered.length;
	return {check: ordered[position], position, total, atEnd: total > 0 && position === total - 1, ...(walk.reportPath ? {reportPath: walk.reportPath} : {}), ...(walk.reportError ? {reportError: walk.reportError} : {}), notes: walk.notes};
}

/** A note kept for the report: trimmed, and an empty one removes it. */
export function withNote(notes: Readonly<Record<string, string>>, id: string, text: string): Readonly<Record<string, string>> {
	const {[id]: _old, ...rest} = notes;
	return text.trim() === '' ? rest : {...rest, [id]: text.trim()};
}
