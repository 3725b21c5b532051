// `--record FILE`: every frame, noted event, fix and pause, appended as gzip'd NDJSON.
import {closeSync, mkdirSync, openSync, writeSync} from 'node:fs';
import {dirname} from 'node:path';
import {constants, createGzip, type Gzip} from 'node:zlib';
import type {FrameRecord, TickObserver} from '../engine/monitor.js';
import type {Settings} from '../checks/index.js';
import type {Address, SentinelView} from '../model/types.js';
import {formatBytes} from '../report/format.js';
import {recordingFormat, recordingVersion, SampleEncoder, scrubSentinel, type FrameLine, type RecordingHeader, type RecordLine} from './format.js';

export interface RecorderOptions {
	readonly path: string;
	readonly intervalMs: number;
	readonly settings: Settings;
	readonly seeds: readonly Address[];
	/** Compressed bytes after which the recording stops (default 256 MiB). */
	readonly maxBytes?: number;
	/** Frames between two flushes to disk: a crash loses at most these (default 5). */
	readonly flushEvery?: number;
	/** Called once when the recording stops by itself (size bound, disk error), with one line saying why. */
	readonly onStop?: (reason: string) => void;
	readonly now?: () => number;
}

export interface Recorder extends TickObserver {
	readonly path: string;
	/** Compressed bytes written so far. */
	bytes(): number;
	/** Flushes and closes the file (idempotent). */
	close(): Promise<void>;
}

export const defaultRecordMaxBytes = 256 * 1024 * 1024;

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Opens FILE (refusing to overwrite one) and writes the header; throws one-line errors. */
export function createRecorder(options: RecorderOptions): Recorder {
	const now = options.now ?? Date.now;
	const maxBytes = options.maxBytes ?? defaultRecordMaxBytes;
	const flushEvery = options.flushEvery ?? 5;
	mkdirSync(dirname(options.path), {recursive: true});
	let fd: number;
	try {
		fd = openSync(options.path, 'wx', 0o600);
	} catch (error) {
		const code = (error as NodeJS.ErrnoException).code;
		throw new Error(code === 'EEXIST' ? `recording ${options.path} already exists (choose another file)` : `cannot record to ${options.path}: ${code ?? 'error'}`);
	}
	const gzip: Gzip = createGzip({level: 6});
	let written = 0;
	let open = true;
	let stopped = false;
	let framesSinceFlush = 0;
	const encoder = new SampleEncoder();
	let order: readonly Address[] = [];
	let via: Record<Address, string> = {};
	let aliases: Record<Address, Address> = {};
	let sentinels: readonly SentinelView[] = [];
	let shards: unknown;
	let heartbeat: Record<Address, number> = {};

	const stop = (reason: string) => {
		if (stopped) return;
		stopped = true;
		options.onStop?.(reason);
	};
	gzip.on('data', (chunk: Buffer) => {
		if (!open) return;
		try {
			writeSync(fd, chunk);
			written += chunk.length;
		} catch (error) {
			stop(`recording stopped: ${options.path}: ${(error as NodeJS.ErrnoException).code ?? 'write error'}`);
		}
		if (written >= maxBytes) stop(`recording stopped at its size limit (${formatBytes(maxBytes)}): ${options.path}`);
	});
	gzip.on('error', () => stop(`recording stopped: ${options.path}: compression error`));

	const write = (line: RecordLine | RecordingHeader) => {
		if (stopped) return;
		gzip.write(`${JSON.stringify(line)}\n`);
	};
	const flush = () => {
		framesSinceFlush = 0;
		gzip.flush(constants.Z_SYNC_FLUSH);
	};
	write({format: recordingFormat, version: recordingVersion, startedAt: now(), intervalMs: options.intervalMs, settings: options.settings, seeds: options.seeds});
	flush();

	return {
		path: options.path,
		bytes: () => written,
		frame(record: FrameRecord) {
			if (stopped) return;
			const {frame} = record;
			const line: {-readonly [K in keyof FrameLine]: FrameLine[K]} = {f: record.tick, at: frame.at, ms: record.lastTickMs, s: record.fresh.map(s => encoder.encode(s))};
			const nextOrder = frame.samples.map(s => s.address);
			if (!same(nextOrder, order)) line.o = order = nextOrder;
			const nextVia = Object.fromEntries(frame.via);
			if (!same(nextVia, via)) line.v = via = nextVia;
			const nextAliases = Object.fromEntries(frame.aliases);
			if (!same(nextAliases, aliases)) line.al = aliases = nextAliases;
			const nextSentinels = frame.sentinels.map(scrubSentinel);
			if (!same(nextSentinels, sentinels)) line.sv = sentinels = nextSentinels;
			if (frame.shards && !same(frame.shards, shards)) line.cs = shards = frame.shards;
			const nextHeartbeat = Object.fromEntries(frame.heartbeat ?? []);
			if (!same(nextHeartbeat, heartbeat)) line.hb = heartbeat = nextHeartbeat;
			write(line);
			if (++framesSinceFlush >= flushEvery) flush();
		},
		event(event) {
			write({e: event});
		},
		fix(fix) {
			write({x: fix});
			flush();
		},
		paused(paused, at) {
			write({p: paused, at});
		},
		async close() {
			if (!open) return;
			write({end: now()});
			await new Promise<void>(resolve => {
				gzip.once('end', resolve);
				gzip.once('error', () => resolve());
				gzip.end();
			});
			open = false;
			closeSync(fd);
		},
	};
}
