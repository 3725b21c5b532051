import {basename, dirname, join} from 'node:path';
import type {Monitor} from '../engine/monitor.js';
import type {RecordingControls} from '../model/ui-contracts.js';
import {createRecorder, type Recorder} from '../record/writer.js';
import {formatBytes} from '../report/format.js';
import {fileStamp, stateDir} from '../report/state-dir.js';
import type {Options} from './options.js';

/** The file name first: a status line cut at the terminal's width still shows it. */
const where = (path: string) => `${basename(path)} (in ${dirname(path)})`;

/** Starts recording the monitor into `path`; throws one line (file exists, not writable). */
export function startRecording(monitor: Monitor, options: Options, path: string): Recorder {
	let stopped = false;
	const recorder: Recorder = createRecorder({
		path,
		intervalMs: options.intervalMs,
		settings: monitor.settings,
		seeds: options.nodes.map(n => n.address),
		...(options.recordMaxBytes ? {maxBytes: options.recordMaxBytes} : {}),
		onStop: reason => {
			if (stopped) return;
			stopped = true;
			monitor.setObserver(undefined);
			monitor.note({node: '', kind: 'recording', text: reason});
			void recorder.close();
		},
	});
	monitor.setObserver(recorder, path);
	return recorder;
}

/** Stops a recording: detaches it, flushes, closes; resolves to one line for the screen. */
export async function stopRecording(monitor: Monitor, recorder: Recorder): Promise<string> {
	monitor.setObserver(undefined);
	await recorder.close();
	return `recording saved: ${where(recorder.path)}, ${formatBytes(recorder.bytes())}`;
}

/** The record key: starts a recording under the state directory, or stops the one running (`--record` too). */
export function recordingControls(monitor: Monitor, options: Options, initial?: Recorder): RecordingControls {
	let current = initial;
	return {
		async toggle() {
			if (current && monitor.getSnapshot().recording === current.path) {
				const done = current;
				current = undefined;
				return stopRecording(monitor, done);
			}
			const path = join(stateDir(), 'recordings', `replwatch-${fileStamp(Date.now())}.ndjson.gz`);
			current = startRecording(monitor, options, path);
			return `recording to ${where(path)}`;
		},
		async close() {
			if (current) await stopRecording(monitor, current).catch(() => undefined);
			current = undefined;
		},
	};
}
