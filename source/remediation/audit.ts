// Append-only JSON lines: one "attempt" line written to disk before each node's command is sent,
// one outcome line after the read-back. Secret values never reach the file.
import {chmodSync, closeSync, fsyncSync, mkdirSync, openSync, writeSync} from 'node:fs';
import {homedir, userInfo} from 'node:os';
import {dirname, join} from 'node:path';
import type {Address} from '../model/types.js';
import type {StepOutcome} from '../model/ui-contracts.js';
import {isSecretParameter} from './validate.js';
import {stateDir} from '../report/state-dir.js';
import {fsErrorReason} from '../io/fs-error.js';

export type AuditResult = 'attempt' | StepOutcome | 'cancelled' | 'refused' | 'persisted' | 'persist-failed';

export interface AuditEntry {
	readonly time: string; // ISO-8601
	readonly user: string; // OS user
	readonly node: Address;
	readonly check?: string;
	readonly command: readonly string[];
	readonly before?: string;
	readonly after?: string;
	/** After an unknown outcome: the value read on a new connection. */
	readonly readBack?: string;
	readonly result: AuditResult;
	readonly error?: string;
}

export function defaultAuditPath(env: NodeJS.ProcessEnv = process.env, home = homedir()): string {
	return join(stateDir(env, home), 'audit.log');
}

export function osUser(): string {
	try {
		return userInfo().username;
	} catch {
		return process.env['USER'] ?? 'unknown';
	}
}

/** Replaces the value after any secret parameter name (CONFIG SET masterauth X, SENTINEL SET m auth-pass X). */
export function maskCommand(command: readonly string[]): string[] {
	return command.map((part, i) => (i > 0 && isSecretParameter(command[i - 1]!) ? '***' : part));
}

export interface AuditLog {
	readonly path: string;
	/** Appends one line and waits for it to reach the disk (fsync); an error line when it could not. */
	append(entry: Omit<AuditEntry, 'time' | 'user'>): string | undefined;
	/** An error line when the log cannot be written now (nothing is appended). */
	writable(): string | undefined;
}

function errorLine(path: string, error: unknown): string {
	return `audit log ${path} cannot be written: ${fsErrorReason(error)}`;
}

export function createAuditLog(path: string, user = osUser()): AuditLog {
	let prepared = false;
	const write = (text: string) => {
		if (!prepared) {
			mkdirSync(dirname(path), {recursive: true, mode: 0o700});
			closeSync(openSync(path, 'a', 0o600));
			chmodSync(path, 0o600);
			prepared = true;
		}
		const fd = openSync(path, 'a', 0o600);
		try {
			if (text !== '') {
				const bytes = Buffer.from(text);
				// A short write (full disk) is an error too: a torn line is not a record.
				if (writeSync(fd, bytes) !== bytes.length) throw Object.assign(new Error('short write'), {code: 'ENOSPC'});
				fsyncSync(fd);
			}
		} finally {
			closeSync(fd);
		}
	};
	return {
		path,
		append(entry) {
			const line = JSON.stringify({time: new Date().toISOString(), user, ...entry, command: maskCommand(entry.command)});
			try {
				write(`${line}\n`);
				return undefined;
			} catch (error) {
				return errorLine(path, error);
			}
		},
		writable() {
			try {
				write('');
				return undefined;
			} catch (error) {
				return errorLine(path, error);
			}
		},
	};
}
