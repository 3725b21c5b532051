import {execFileSync} from 'node:child_process';
import {chmodSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

export interface ReadOnlyDir {
	readonly path: string;
	/** False when this machine gives no way to make a directory read-only for this user (the test skips). */
	readonly readOnly: boolean;
	remove(): void;
}

/** A directory nobody can create files in: mode 0555, and immutable (chattr +i) when running as root. */
export function readOnlyDir(prefix: string): ReadOnlyDir {
	const path = mkdtempSync(join(tmpdir(), prefix));
	chmodSync(path, 0o555);
	let immutable = false;
	if (process.getuid?.() === 0) {
		try {
			execFileSync('chattr', ['+i', path], {stdio: 'ignore'});
			immutable = true;
		} catch {
			// no chattr or no CAP_LINUX_IMMUTABLE: root writes anyway, readOnly says so below
		}
	}
	let readOnly = false;
	try {
		writeFileSync(join(path, 'probe'), '');
	} catch {
		readOnly = true;
	}
	return {
		path,
		readOnly,
		remove() {
			if (immutable) execFileSync('chattr', ['-i', path], {stdio: 'ignore'});
			chmodSync(path, 0o755);
			rmSync(path, {recursive: true, force: true});
		},
	};
}
