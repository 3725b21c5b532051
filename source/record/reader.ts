import {createReadStream} from 'node:fs';
import {constants, createGunzip} from 'node:zlib';
import {formatBytes} from '../report/format.js';
import {isFrame, parseHeader, parseLine, type RecordingHeader, type RecordLine} from './format.js';

export interface Recording {
	readonly header: RecordingHeader;
	readonly records: readonly RecordLine[];
	/** One line when the file is damaged or incomplete: what was read is still replayed. */
	readonly warning?: string;
}

/** A recording that cannot be replayed at all: one line, exit code 3. */
export class RecordingError extends Error {}

export interface ReadLimits {
	/** Decompressed bytes read at most (default 1 GiB): a replay holds the records in memory. */
	readonly maxBytes?: number;
	/** The longest line accepted (default 16 MiB). */
	readonly maxLineBytes?: number;
}

/** Reads a recording up to its end or its first damage. */
export async function readRecording(path: string, limits: ReadLimits = {}): Promise<Recording> {
	const maxBytes = limits.maxBytes ?? 1024 ** 3;
	const maxLine = limits.maxLineBytes ?? 16 * 1024 ** 2;
	let header: RecordingHeader | undefined;
	const records: RecordLine[] = [];
	let problem: string | undefined;
	let rest = '';
	let total = 0;
	let stop = false;
	let ended = false;

	const take = (line: string): void => {
		if (line === '') return;
		if (!header) {
			const h = parseHeader(line);
			if (typeof h === 'string') throw new RecordingError(h);
			header = h;
			return;
		}
		const record = parseLine(line);
		if (!record) {
			problem = 'a damaged line';
			stop = true;
			return;
		}
		if ('end' in record) ended = true;
		records.push(record);
	};

	await new Promise<void>((resolve, reject) => {
		// Small reads: a damaged stretch loses little of the good data before it.
		const file = createReadStream(path, {highWaterMark: 1024});
		// A file cut short (kill -9, full disk) has no gzip trailer: decode what is there.
		const gunzip = createGunzip({finishFlush: constants.Z_SYNC_FLUSH});
		const finish = (error?: unknown) => {
			file.destroy();
			gunzip.destroy();
			if (error) reject(error);
			else resolve();
		};
		file.on('error', error => finish(new RecordingError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`)));
		gunzip.on('error', () => {
			if (!header && records.length === 0 && rest === '') finish(new RecordingError(`${path} is not a replwatch recording (not gzip)`));
			else {
				problem ??= 'damaged compressed data';
				finish();
			}
		});
		gunzip.on('data', (chunk: Buffer) => {
			if (stop) return;
			total += chunk.length;
			rest += chunk.toString('utf8');
			const lines = rest.split('\n');
			rest = lines.pop() ?? '';
			try {
				for (const line of lines) {
					take(line);
					if (stop) break;
				}
			} catch (error) {
				finish(error);
				return;
			}
			if (!stop && rest.length > maxLine) {
				problem = 'a line longer than the limit';
				stop = true;
			}
			if (!stop && total > maxBytes) {
				problem = `more than ${formatBytes(maxBytes)} of data (replayed that much)`;
				stop = true;
			}
			if (stop) finish();
		});
		gunzip.on('end', () => {
			if (rest !== '' && !stop) {
				try {
					// A last line without its newline is a cut: keep it only if it is whole.
					const record = header ? parseLine(rest) : undefined;
					if (record) records.push(record);
					else if (header) problem ??= 'a line cut in the middle';
					else take(rest);
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
	const frames = records.filter(isFrame);
	const last = frames.at(-1);
	const upTo = last ? ` up to ${new Date(last.at).toISOString()} (${frames.length} frames)` : ' (no frames)';
	const warning = problem
		? `recording ${path} is damaged (${problem}): replaying${upTo}`
		: !ended
			? `recording ${path} ends without its closing line (the recorder stopped abruptly): replaying${upTo}`
			: undefined;
	return {header, records, ...(warning ? {warning} : {})};
}
