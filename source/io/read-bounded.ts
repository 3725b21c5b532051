import {closeSync, openSync, readSync} from 'node:fs';
import {quoteInput} from '../model/secrets.js';

/** Largest `--config` file read (a thresholds JSON is a few hundred bytes). */
export const maxConfigFileBytes = 64 * 1024;
/** Largest `--cacert`/`--cert`/`--key` file read (a system CA bundle is ~220 KB). */
export const maxCertFileBytes = 1024 * 1024;

/**
 * Reads at most `maxBytes` of a file a flag names; a longer one (or an endless one such as
 * /dev/zero or a FIFO) is refused with one line instead of being read into memory.
 */
export function readBounded(path: string, flag: string, maxBytes: number): Buffer {
	let fd: number;
	try {
		fd = openSync(path, 'r');
	} catch (error) {
		throw new Error(`cannot read ${flag} file ${quoteInput(path)}${describe(error)}`);
	}
	try {
		const buffer = Buffer.alloc(maxBytes + 1);
		let length = 0;
		while (length <= maxBytes) {
			const n = readSync(fd, buffer, length, buffer.length - length, null);
			if (n === 0) break;
			length += n;
		}
		if (length > maxBytes) throw new Error(`${flag} file ${quoteInput(path)} is larger than ${Math.round(maxBytes / 1024)} KB: not read`);
		return buffer.subarray(0, length);
	} catch (error) {
		if (error instanceof Error && error.message.startsWith(flag)) throw error;
		throw new Error(`cannot read ${flag} file ${quoteInput(path)}${describe(error)}`);
	} finally {
		closeSync(fd);
	}
}

function describe(error: unknown): string {
	const code = (error as {code?: string}).code;
	return code === 'ENOENT' ? ': no such file' : code === 'EISDIR' ? ': a directory' : code ? ` (${code})` : '';
}
