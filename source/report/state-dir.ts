import {mkdirSync, writeFileSync} from 'node:fs';
import {homedir} from 'node:os';
import {dirname, join, resolve} from 'node:path';

/** `$XDG_STATE_HOME/replwatch`, else `~/.local/state/replwatch`: where reports, recordings and the audit log go. */
export function stateDir(env: NodeJS.ProcessEnv = process.env, home = homedir()): string {
	const base = env['XDG_STATE_HOME'] ? env['XDG_STATE_HOME'] : join(home, '.local', 'state');
	return join(base, 'replwatch');
}

/** `2026-12-01T01-02-03-456Z`: a file-name-safe stamp. */
export function fileStamp(at: number): string {
	return new Date(at).toISOString().replace(/[:.]/g, '-');
}

/** Where a report made at `at` goes: `file`, else the state directory's `reports/`. */
export function reportPath(at: number, file?: string, env: NodeJS.ProcessEnv = process.env): string {
	return resolve(file ?? join(stateDir(env), 'reports', `replwatch-report-${fileStamp(at)}.md`));
}

/**
 * Writes a report to `file`, or under the state directory's `reports/` (never the current
 * directory); returns the absolute path written.
 */
export function writeReportFile(text: string, at: number, file?: string, env: NodeJS.ProcessEnv = process.env): string {
	const path = reportPath(at, file, env);
	mkdirSync(dirname(path), {recursive: true});
	writeFileSync(path, text, {mode: 0o644});
	return path;
}
