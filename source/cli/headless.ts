import type {Options} from './options.js';
import {createMonitor, type Monitor} from '../engine/monitor.js';
import type {Snapshot} from '../model/snapshot.js';
import {buildJsonReport, exitCodeOf} from '../report/json.js';
import {renderMarkdown} from '../report/markdown.js';
import {renderText} from '../report/text.js';
import {reportPath, writeReportFile} from '../report/state-dir.js';
import {fsErrorReason} from '../io/fs-error.js';
import {sanitize} from '../model/sanitize.js';
import {startRecording, stopRecording} from './recording-wiring.js';
import type {Recorder} from '../record/writer.js';
import {captureLibraryOutput} from '../engine/library-output.js';

/** Extra time `--once` gives Sentinels that have not found each other yet when the window ends. */
export const sentinelGraceMs = 5000;

/**
 * Whether the Sentinels seen agree: every Sentinel of a master is reached, knows all the others
 * and names the same master address (a lone Sentinel counts as still discovering). A fresh Sentinel lab takes a few seconds (hello messages)
 * to get there; judging 3.x before that flips verdicts from run to run.
 */
export function sentinelsAgree(snapshot: Snapshot): boolean {
	const byMaster = new Map<string, typeof snapshot.topology.sentinels[number][]>();
	for (const v of snapshot.topology.sentinels) {
		if (!v.reachable) continue;
		byMaster.set(v.masterName, [...(byMaster.get(v.masterName) ?? []), v]);
	}
	for (const views of byMaster.values()) {
		// Every Sentinel any of them names: a lone one (nobody else known yet) is still discovering.
		const known = new Set(views.map(v => v.address));
		for (const v of views) for (const other of v.sentinels ?? []) known.add(`${other.ip}:${other.port}`);
		if (known.size < 2) return false;
		if (views.length < known.size) return false;
		if (views.some(v => (v.sentinels?.length ?? 0) !== known.size - 1)) return false;
		if (new Set(views.map(v => v.masterAddr)).size > 1) return false;
	}
	return true;
}

/**
 * Samples for the window (several ticks, so rates and deltas exist), then the final snapshot; when
 * Sentinels are watched and do not agree yet, a few seconds more (sentinelGraceMs) until they do.
 */
export async function sampleWindow(monitor: Monitor, windowMs: number, intervalMs: number, graceMs = sentinelGraceMs): Promise<Snapshot> {
	const started = Date.now();
	let snapshot = await monitor.tickOnce();
	const step = Math.max(100, Math.min(intervalMs, 500));
	while (Date.now() - started < windowMs) {
		await new Promise(resolve => setTimeout(resolve, Math.min(step, Math.max(0, windowMs - (Date.now() - started)))));
		snapshot = await monitor.tickOnce();
	}
	const deadline = Date.now() + graceMs;
	while (snapshot.topology.sentinels.length > 0 && !sentinelsAgree(snapshot) && Date.now() < deadline) {
		await new Promise(resolve => setTimeout(resolve, step));
		snapshot = await monitor.tickOnce();
	}
	if (!sentinelsAgree(snapshot)) monitor.note({node: '', kind: 'sentinels-disagree', text: `the Sentinels did not agree within ${Math.round((windowMs + graceMs) / 1000)} s: section 3 judged on what they said then`});
	return monitor.settle();
}

export interface RunOnceIo {
	readonly stdout?: (text: string) => void;
	readonly stderr?: (line: string) => void;
	/** Set by the signal handler so that a Ctrl+C stops the sampling. */
	readonly onMonitor?: (monitor: Monitor) => void;
}

export interface ReportRequest {
	readonly json: boolean;
	readonly report?: 'md';
	readonly reportFile?: string;
	/** What the report covers (`--once`, `replay of FILE`). */
	readonly source: string;
}

/**
 * Prints the report of a snapshot: JSON, text, or Markdown (written to --report-file or under the
 * state directory, never the current directory, with the path on stderr).
 */
export function emitReport(snapshot: Snapshot, windowSeconds: number, request: ReportRequest, out: (text: string) => void, err: (line: string) => void): void {
	if (request.report === 'md') {
		const markdown = renderMarkdown(snapshot, windowSeconds, {source: request.source});
		let saved: string | undefined;
		try {
			saved = writeReportFile(markdown, snapshot.lastTickAt ?? Date.now(), request.reportFile);
		} catch (error) {
			// A read-only home or a full disk: the report still reaches stdout, and the verdict's exit code stands.
			err(`replwatch: report not saved to ${reportPath(snapshot.lastTickAt ?? Date.now(), request.reportFile)}: ${fsErrorReason(error)}`);
		}
		if (request.json) out(`${JSON.stringify(buildJsonReport(snapshot, windowSeconds), null, 2)}\n`);
		else if (!request.reportFile || saved === undefined) out(markdown);
		if (saved !== undefined) err(`replwatch: report written to ${saved}`);
		return;
	}
	out(request.json ? `${JSON.stringify(buildJsonReport(snapshot, windowSeconds), null, 2)}\n` : renderText(snapshot, windowSeconds));
}

/** `--once` (and any non-TTY run): sample, print the report, resolve to the exit code. */
export async function runOnce(options: Options, io: RunOnceIo = {}): Promise<number> {
	const out = io.stdout ?? ((text: string) => process.stdout.write(text));
	const err = io.stderr ?? ((line: string) => process.stderr.write(`${line}\n`));
	// The last tick of the window reads every section again, so counter deltas (sync_full, errorstats) span the window.
	const monitor = createMonitor(options, options.windowMs > 0 ? {heavyEveryMs: Math.max(100, options.windowMs - 300)} : {});
	io.onMonitor?.(monitor);
	let recorder: Recorder | undefined;
	// A library's console output goes to the report's events, never as stray stderr lines.
	const restoreConsole = captureLibraryOutput(line => monitor.note({node: '', kind: 'library', text: line}));
	let snapshot: Snapshot;
	try {
		if (options.record) recorder = startRecording(monitor, options, options.record);
		snapshot = await sampleWindow(monitor, options.windowMs, options.intervalMs);
	} finally {
		if (recorder) err(`replwatch: ${await stopRecording(monitor, recorder)}`);
		await monitor.stop();
		restoreConsole();
	}
	const windowSeconds = Math.round(options.windowMs / 100) / 10;
	emitReport(snapshot, windowSeconds, {json: options.json, ...(options.report ? {report: options.report} : {}), ...(options.reportFile ? {reportFile: options.reportFile} : {}), source: `--once over ${windowSeconds} s`}, out, err);
	const code = exitCodeOf(snapshot);
	if (code === 3) {
		err(`replwatch: no node reachable${unreachableReason(snapshot)}`);
	}
	return code;
}

/** Why nothing could be evaluated: the first data node's error, else the first Sentinel's (a wrong --sentinel-pass, a data node given as --sentinel). */
function unreachableReason(snapshot: Snapshot): string {
	const first = Object.values(snapshot.topology.nodes)[0];
	if (first) return ` (${sanitize(first.address)}: ${sanitize(first.sample.error?.message ?? 'no reply')})`;
	const sentinel = snapshot.topology.sentinels.find(v => v.error) ?? snapshot.topology.sentinels[0];
	if (sentinel) return ` (Sentinel ${sanitize(sentinel.address)}: ${sanitize(sentinel.error?.message ?? 'names no reachable data node')})`;
	return '';
}
