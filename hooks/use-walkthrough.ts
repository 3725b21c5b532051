import {useCallback, useRef, useState} from 'react';
import type {Snapshot} from '../source/model/snapshot.js';
import {sanitize} from '../source/model/sanitize.js';
import type {CheckResult} from '../source/model/types.js';
import {join} from 'node:path';
import {renderMarkdown} from '../source/report/markdown.js';
import {fileStamp, writeReportFile} from '../source/report/state-dir.js';

/** The team report of what is on screen, with the notes: under `dir`, else the state directory's reports/. */
function writeTeamReport(snapshot: Snapshot, notes: Readonly<Record<string, string>>, dir: string | undefined): string {
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

export interface Walkthrough {
	/** The current check, re-read from every snapshot so its evidence stays live. */
	readonly check: CheckResult | undefined;
	readonly position: number; // 0-based
	readonly total: number;
	readonly atEnd: boolean;
	readonly next: () => void;
	readonly prev: () => void;
	readonly writeReport: () => void;
	readonly reportPath?: string;
	readonly reportError?: string;
	/** Operator notes by check id, written into the report. */
	readonly notes: Readonly<Record<string, string>>;
	readonly setNote: (id: string, text: string) => void;
}

/** Steps through the checks in document order; follows a check by id when the list changes. */
export function useWalkthrough(snapshot: Snapshot, reportDir?: string): Walkthrough {
	const [notes, setNotes] = useState<Readonly<Record<string, string>>>({});
	const ordered = documentOrder(snapshot.checks);
	const [currentId, setCurrentId] = useState<string | undefined>(undefined);
	const [reportPath, setReportPath] = useState<string>();
	const [reportError, setReportError] = useState<string>();
	const found = currentId === undefined ? -1 : ordered.findIndex(c => c.id === currentId);
	const position = found === -1 ? 0 : found;
	const total = ordered.length;
	// Handlers read the latest values through a ref so their identities stay stable.
	const latest = useRef({ordered, position, snapshot, notes, reportDir});
	latest.current = {ordered, position, snapshot, notes, reportDir};

	const next = useCallback(() => {
		const {ordered: list, position: at} = latest.current;
		const target = list[Math.min(at + 1, list.length - 1)];
		if (target) setCurrentId(target.id);
	}, []);
	const prev = useCallback(() => {
		const {ordered: list, position: at} = latest.current;
		const target = list[Math.max(at - 1, 0)];
		if (target) setCurrentId(target.id);
	}, []);
	const writeReport = useCallback(() => {
		const {snapshot: snap, notes: n, reportDir: dir} = latest.current;
		const fail = (error: unknown) => setReportError(sanitize((error instanceof Error ? error.message : String(error)).split('\n')[0]));
		const done = (path: string) => {
			setReportPath(path);
			setReportError(undefined);
		};
		try {
			done(writeTeamReport(snap, n, dir));
		} catch (error) {
			fail(error);
		}
	}, []);

	const setNote = useCallback((id: string, text: string) => {
		setNotes(previous => {
			const {[id]: _old, ...rest} = previous;
			return text.trim() === '' ? rest : {...rest, [id]: text.trim()};
		});
	}, []);

	return {check: ordered[position], position, total, atEnd: total > 0 && position === total - 1, next, prev, writeReport, ...(reportPath ? {reportPath} : {}), ...(reportError ? {reportError} : {}), notes, setNote};
}
