// Append-only JSON lines, one per remediation attempt. Secret values never reach the file.
import {appendFileSync, chmodSync, mkdirSync} from 'node:fs';
import {homedir, userInfo} from 'node:os';
import {dirname, join} from 'node:path';
import type {Address} from '../model/types.js';
import {isSecretParameter} from './validate.js';
import {stateDir} from '../report/state-dir.js';

export type AuditResult = 'applied' | 'failed' | 'cancelled' | 'refused' | 'persisted' | 'persist-failed';

export interface AuditEntry {
	readonly time: string; // ISO-8601
	readonly user: string; // OS user
	readonly node: Address;
	readonly check?: string;
	readonly command: readonly string[];
	readonly before?: string;
	readonly after?: string;
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
	/** Appends one line; returns an error line when the file cannot be written. */
	append(entry: Omit<AuditEntry, 'time' | 'user'>): string | undefined;
}

export function createAuditLog(path: string, user = osUser()): AuditLog {
	let prepared = false;
	return {
		path,
		append(entry) {
			const line = JSON.stringify({time: new Date().toISOString(), user, ...entry, command: maskCommand(entry.command)});
			try {
				if (!prepared) {
					mkdirSync(dirname(path), {recursive: true, mode: 0o700});
					appendFileSync(path, '', {mode: 0o600});
					chmodSync(path, 0o600);
					prepared = true;
				}
				appendFileSync(path, `${line}\n`, {mode: 0o600});
				return undefined;
			} catch (error) {
				return `audit log ${path}: ${error instanceof Error ? error.message : String(error)}`;
			}
		},
	};
}
