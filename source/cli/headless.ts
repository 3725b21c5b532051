import {writeFileSync} from 'node:fs';
import type {Options} from './options.js';
import {createMonitor, type Monitor} from '../engine/monitor.js';
import type {Snapshot} from '../model/snapshot.js';
import {buildJsonReport, exitCodeOf} from '../report/json.js';
import {renderMarkdown} from '../report/markdown.js';
import {renderText} from '../report/text.js';
import {sanitize} from '../model/sanitize.js';

/** Samples for the window (several ticks, so rates and deltas exist), then the final snapshot. */
export async function sampleWindow(monitor: Monitor, windowMs: number, intervalMs: number): Promise<Snapshot> {
	const started = Date.now();
	let snapshot = await monitor.tickOnce();
	const step = Math.max(100, Math.min(intervalMs, 500));
	while (Date.now() - started < windowMs) {
		await new Promise(resolve => setTimeout(resolve, Math.min(step, Math.max(0, windowMs - (Date.now() - started)))));
		snapshot = await monitor.tickOnce();
	}
	return snapshot;
}

export interface RunOnceIo {
	readonly stdout?: (text: string) => void;
	readonly stderr?: (line: string) => void;
	/** Set by the signal handler so that a Ctrl+C stops the sampling. */
	readonly onMonitor?: (monitor: Monitor) => void;
}

/** `--once` (and any non-TTY run): sample, print the report, resolve to the exit code. */
export async function runOnce(options: Options, io: RunOnceIo = {}): Promise<number> {
	const out = io.stdout ?? ((text: string) => process.stdout.write(text));
	const err = io.stderr ?? ((line: string) => process.stderr.write(`${line}\n`));
	// The last tick of the window reads every section again, so counter deltas (sync_full, errorstats) span the window.
	const monitor = createMonitor(options, options.windowMs > 0 ? {heavyEveryMs: Math.max(100, options.windowMs - 300)} : {});
	io.onMonitor?.(monitor);
	let snapshot: Snapshot;
	try {
		snapshot = await sampleWindow(monitor, options.windowMs, options.intervalMs);
	} finally {
		await monitor.stop();
	}
	const windowSeconds = Math.round(options.windowMs / 100) / 10;
	const body = options.json
		? `${JSON.stringify(buildJsonReport(snapshot, windowSeconds), null, 2)}\n`
		: options.report === 'md'
			? renderMarkdown(snapshot, windowSeconds)
			: renderText(snapshot, windowSeconds);
	if (options.report === 'md' && options.reportFile) {
		writeFileSync(options.reportFile, options.json ? renderMarkdown(snapshot, windowSeconds) : body, {mode: 0o644});
		if (options.json) out(body);
		else err(`replwatch: report written to ${options.reportFile}`);
	} else {
		out(body);
	}
	const code = exitCodeOf(snapshot);
	if (code === 3) {
		const first = Object.values(snapshot.topology.nodes)[0];
		err(`replwatch: no node reachable${first ? ` (${sanitize(first.address)}: ${sanitize(first.sample.error?.message ?? 'no reply')})` : ''}`);
	}
	return code;
}
