import {createReadStream} from 'node:fs';
import {constants, createGunzip} from 'node:zlib';
import {formatBytes} from '../report/format.js';
import {headerSettings, isFrame, parseHeader, parseLine, type RecordingHeader, type RecordLine} from './format.js';

export interface Recording {
	readonly header: RecordingHeader;
	readonly records: readonly RecordLine[];
	/** One line when the file is damaged or incomplete: what was read is still replayed. */
	readonly warning?: string;
}

/** A recording that cannot be replayed at all: one line, exit code 3. */
export class RecordingError extends Error {}

/**
 * The bounds of a read. A line holds one frame: 64 MiB is far above a 1000-node frame (~2 MB). The
 * total bounds the time of a streamed replay (memory stays that of one frame): 16 GiB of
 * decompressed NDJSON covers what `--record-max` (256M of gzip by default, ~2 GB decompressed) writes.
 */
export const maxLineBytes = 64 * 1024 ** 2;
export const maxStreamBytes = 16 * 1024 ** 3;
/** Records kept in memory (the TUI's replay steps back and forth over them): 1 GiB of NDJSON. */
export const maxInMemoryBytes = 1024 ** 3;

export interface ReadLimits {
	/** Decompressed bytes read at most. */
	readonly maxBytes?: number;
	/** The longest line accepted; a longer one is skipped and counted. */
	readonly maxLineBytes?: number;
}

/** What one pass over a recording saw, for its warning line and the replay's frame count and clock. */
export interface RecordingSummary {
	readonly header: RecordingHeader;
	readonly frames: number;
	readonly firstAt?: number;
	readonly lastAt?: number;
	readonly warning?: string;
}

/**
 * Reads a recording once, in bounded memory and linear time: each record is handed to `onRecord`
 * as it is decoded and not kept. A record of the wrong shape, or a line over the limit, is skipped
 * and counted; damaged compressed data ends the read (what came before is replayed).
 */
export async function streamRecording(path: string, onRecord: (record: RecordLine, header: RecordingHeader) => void, limits: ReadLimits = {}): Promise<RecordingSummary> {
	const maxBytes = limits.maxBytes ?? maxStreamBytes;
	const maxLine = limits.maxLineBytes ?? maxLineBytes;
	let header: RecordingHeader | undefined;
	let problem: string | undefined;
	let skipped = 0;
	let tooLong = 0;
	let droppedSettings: readonly string[] = [];
	let frames = 0;
	let firstAt: number | undefined;
	let lastAt: number | undefined;
	let ended = false;
	let total = 0;
	// The line being assembled, as the chunks it spans (joined once, when its newline arrives).
	let parts: Buffer[] = [];
	let partBytes = 0;
	let skipping = false;
	let sawData = false;

	const take = (line: string): void => {
		if (line === '') return;
		if (!header) {
			const h = parseHeader(line);
			if (typeof h === 'string') throw new RecordingError(h);
			const {settings, dropped} = headerSettings(h.settings as unknown as Record<string, unknown>);
			droppedSettings = dropped;
			header = {...h, settings: settings as unknown as RecordingHeader['settings']};
			return;
		}
		const record = parseLine(line);
		if (!record) {
			skipped++;
			return;
		}
		if ('end' in record) ended = true;
		if (isFrame(record)) {
			frames++;
			firstAt ??= record.at;
			lastAt = record.at;
		}
		onRecord(record, header);
	};

	const endLine = (tail: Buffer) => {
		if (skipping) {
			skipping = false;
			return;
		}
		const line = parts.length === 0 ? tail : Buffer.concat([...parts, tail], partBytes + tail.length);
		parts = [];
		partBytes = 0;
		take(line.toString('utf8'));
	};

	const feed = (chunk: Buffer) => {
		let start = 0;
		for (let nl = chunk.indexOf(10, start); nl !== -1; nl = chunk.indexOf(10, start)) {
			if (!skipping && partBytes + (nl - start) > maxLine) {
				tooLong++;
				parts = [];
				partBytes = 0;
				start = nl + 1;
				continue;
			}
			endLine(chunk.subarray(start, nl));
			start = nl + 1;
		}
		if (start < chunk.length && !skipping) {
			const rest = chunk.subarray(start);
			if (partBytes + rest.length > maxLine) {
				// Over the limit before its newline: drop what is held and skip to the next line.
				tooLong++;
				skipping = true;
				parts = [];
				partBytes = 0;
			} else {
				// A copy: the chunk's memory is reused by the stream.
				parts.push(Buffer.from(rest));
				partBytes += rest.length;
			}
		}
	};

	await new Promise<void>((resolve, reject) => {
		// Small reads: a damaged stretch loses little of the good data before it (a read costs ~1 µs).
		const file = createReadStream(path, {highWaterMark: 4096});
		// A file cut short (kill -9, full disk) has no gzip trailer: decode what is there.
		const gunzip = createGunzip({finishFlush: constants.Z_SYNC_FLUSH, chunkSize: 256 * 1024});
		let finished = false;
		const finish = (error?: unknown) => {
			if (finished) return;
			finished = true;
			file.destroy();
			gunzip.destroy();
			if (error) reject(error);
			else resolve();
		};
		file.on('error', error => finish(new RecordingError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`)));
		gunzip.on('error', () => {
			if (!sawData) finish(new RecordingError(`${path} is not a replwatch recording (not gzip)`));
			else {
				problem ??= 'damaged compressed data';
				finish();
			}
		});
		gunzip.on('data', (chunk: Buffer) => {
			if (finished) return;
			sawData = true;
			total += chunk.length;
			try {
				feed(chunk);
			} catch (error) {
				finish(error);
				return;
			}
			if (total > maxBytes) {
				problem = `more than ${formatBytes(maxBytes)} of data (replayed that much)`;
				finish();
			}
		});
		gunzip.on('end', () => {
			if (partBytes > 0 && !skipping) {
				try {
					// A last line without its newline is a cut: keep it only if it is whole.
					const line = Buffer.concat(parts).toString('utf8');
					if (!header) take(line);
					else {
						const record = parseLine(line);
						if (record) take(line);
						else problem ??= 'a line cut in the middle';
					}
				} catch (error) {
					finish(error);
					return;
				}
			}
			finish();
		});
		file.pipe(gunzip);
	});
	if (!header) throw new RecordingError(`${path} is empty or not a replwatch recording`);
	const notes = [
		...(problem ? [problem] : []),
		...(skipped > 0 ? [`${skipped} record${skipped === 1 ? '' : 's'} of the wrong shape skipped`] : []),
		...(tooLong > 0 ? [`${tooLong} line${tooLong === 1 ? '' : 's'} over ${formatBytes(maxLine)} skipped`] : []),
		...(droppedSettings.length > 0 ? [`unknown header setting${droppedSettings.length === 1 ? '' : 's'} ${droppedSettings.slice(0, 3).map(s => `"${s.slice(0, 40)}"`).join(', ')} ignored (defaults used)`] : []),
	];
	const upTo = lastAt !== undefined ? ` up to ${new Date(lastAt).toISOString()} (${frames} frames)` : ' (no frames)';
	const warning = notes.length > 0
		? `recording ${path} is damaged (${notes.join('; ')}): replaying${upTo}`
		: !ended
			? `recording ${path} ends without its closing line (the recorder stopped abruptly): replaying${upTo}`
			: undefined;
	return {header, frames, ...(firstAt === undefined ? {} : {firstAt}), ...(lastAt === undefined ? {} : {lastAt}), ...(warning ? {warning} : {})};
}

/** Reads a recording into memory (the TUI steps over it), up to maxInMemoryBytes of data. */
export async function readRecording(path: string, limits: ReadLimits = {}): Promise<Recording> {
	const records: RecordLine[] = [];
	const summary = await streamRecording(path, record => records.push(record), {maxBytes: maxInMemoryBytes, ...limits});
	return {header: summary.header, records, ...(summary.warning ? {warning: summary.warning} : {})};
}
