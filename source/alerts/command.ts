import {spawn} from 'node:child_process';
import {accessSync, constants} from 'node:fs';
import {delimiter, isAbsolute, join} from 'node:path';
import type {Alert} from '../model/alerts.js';
import {sanitize} from '../model/sanitize.js';
import {alertJson} from './changes.js';

export interface AlertCommandOptions {
	readonly command: string;
	readonly timeoutMs: number;
	/** One line per failure (not found, non-zero exit, killed after the timeout) and per burst of drops. */
	readonly onFailure: (line: string) => void;
	/** One line per run that succeeded (the timeline shows every run). */
	readonly onRun?: (line: string) => void;
	/** The environment the hook's own is made from (only hookEnvNames are passed on). */
	readonly env?: NodeJS.ProcessEnv;
	/** Hooks running at once (default 8); more wait in one queue of at most maxQueued (default 256), the rest are dropped and counted. */
	readonly maxRunning?: number;
	readonly maxQueued?: number;
}

/**
 * What a hook's environment holds: the locale, the time zone, where programs and the home are. No
 * credential (REDISCLI_AUTH, REDISCLI_SENTINEL_AUTH, anything else of replwatch's own) reaches a
 * notifier script.
 */
export const hookEnvNames = ['PATH', 'HOME', 'USER', 'LOGNAME', 'LANG', 'LC_ALL', 'LC_CTYPE', 'LC_MESSAGES', 'TZ', 'TMPDIR'] as const;

export function hookEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
	const out: NodeJS.ProcessEnv = {};
	for (const name of hookEnvNames) if (env[name] !== undefined) out[name] = env[name];
	out.PATH ??= '/usr/local/bin:/usr/bin:/bin';
	return out;
}

export interface AlertCommandRunner {
	/** Queues a run for this alert change; never waits for it. */
	notify(alert: Alert): void;
	/** Runs still going (for a clean stop). */
	idle(): Promise<void>;
}

/** The program the shell line starts, when it can be told (`/path/prog args`, `prog args`); undefined for shell syntax. */
function programOf(command: string): string | undefined {
	const first = /^\s*([^\s;&|<>()$`'"]+)/.exec(command)?.[1];
	return first && !first.includes('=') ? first : undefined;
}

/** A line saying why the command cannot run, or undefined when it can (or cannot be told: shell syntax). */
export function alertCommandProblem(command: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
	const program = programOf(command);
	if (!program) return undefined;
	const candidates = program.includes('/') ? [isAbsolute(program) ? program : join(process.cwd(), program)] : (env.PATH ?? '').split(delimiter).filter(Boolean).map(dir => join(dir, program));
	const shellWords = new Set(['exec', 'env', 'sh', 'bash', 'echo', 'printf', 'cat', 'test', '[', 'true', 'false', 'command']);
	if (shellWords.has(program)) return undefined;
	for (const path of candidates) {
		try {
			accessSync(path, constants.X_OK);
			return undefined;
		} catch {
			// next candidate
		}
	}
	return `--alert-command: ${sanitize(program)} not found or not executable; alerts are still shown but nothing is run`;
}

/**
 * Runs `--alert-command` through /bin/sh with the alert JSON on stdin: a bounded job runner. At most
 * one run per alert at a time (later changes wait in order), at most maxRunning runs at once, one
 * queue of at most maxQueued changes (beyond it changes are dropped and the drops counted). A run
 * ends when the shell exits: a child it left in the background is neither waited for nor killed. On
 * the timeout the hook's own process group is killed.
 */
export function createAlertCommandRunner(options: AlertCommandOptions): AlertCommandRunner {
	const maxRunning = Math.max(1, options.maxRunning ?? 8);
	const maxQueued = Math.max(1, options.maxQueued ?? 256);
	const env = hookEnv(options.env ?? process.env);
	const running = new Map<string, Promise<void>>();
	const pending: Alert[] = [];
	let dropped = 0;
	let dropReport: NodeJS.Timeout | undefined;

	const runOne = (alert: Alert): Promise<void> =>
		new Promise<void>(resolve => {
			const label = `${alert.rule} ${alert.subject} ${alert.state}`;
			const started = Date.now();
			let timedOut = false;
			let stderr = '';
			// Its own process group (detached), so the timeout kills the hook and its children, never replwatch.
			const child = spawn('/bin/sh', ['-c', options.command], {stdio: ['pipe', 'ignore', 'pipe'], detached: true, env});
			const timer = setTimeout(() => {
				timedOut = true;
				try {
					if (child.pid) process.kill(-child.pid, 'SIGKILL');
				} catch {
					// already gone
				}
			}, Math.max(100, options.timeoutMs));
			child.stderr?.on('data', chunk => {
				if (stderr.length < 1000) stderr += String(chunk);
			});
			child.stderr?.on('error', () => {});
			child.stdin?.on('error', () => {}); // the command may not read its stdin
			child.stdin?.end(`${JSON.stringify(alertJson(alert))}\n`);
			let done = false;
			child.on('error', error => {
				clearTimeout(timer);
				if (done) return;
				done = true;
				options.onFailure(`alert command failed for ${label}: ${sanitize(error.message)}`);
				resolve();
			});
			// 'exit', not 'close': a background child (`sleep 20 &`, a setsid daemon) may hold the stderr pipe for long.
			child.on('exit', (code, signal) => {
				clearTimeout(timer);
				if (done) return;
				done = true;
				setImmediate(() => child.stderr?.destroy());
				const why = sanitize(stderr.trim().split('\n').pop() ?? '').slice(0, 200);
				const ms = Date.now() - started;
				if (timedOut) options.onFailure(`alert command killed after ${Math.round(options.timeoutMs / 100) / 10} s for ${label}`);
				else if (code === 127) options.onFailure(`alert command not found for ${label}${why ? `: ${why}` : ''}`);
				else if (code !== 0) options.onFailure(`alert command exited ${code ?? signal} for ${label}${why ? `: ${why}` : ''}`);
				else options.onRun?.(`alert command ran for ${label}: exit 0 in ${ms} ms`);
				resolve();
			});
		});

	const pump = () => {
		for (let i = 0; i < pending.length && running.size < maxRunning;) {
			const alert = pending[i]!;
			if (running.has(alert.key)) {
				i++;
				continue;
			}
			pending.splice(i, 1);
			running.set(alert.key, runOne(alert).then(() => {
				running.delete(alert.key);
				pump();
			}));
		}
	};

	const drop = () => {
		dropped++;
		// One timeline line per burst, with the count, not one per dropped change.
		dropReport ??= setTimeout(() => {
			options.onFailure(`alert command: ${dropped} alert change${dropped === 1 ? '' : 's'} dropped (${maxRunning} hooks running, ${maxQueued} waiting at most)`);
			dropped = 0;
			dropReport = undefined;
		}, 1000);
		dropReport.unref();
	};

	return {
		notify(alert) {
			if (pending.length >= maxQueued) return drop();
			pending.push(alert);
			pump();
		},
		async idle() {
			while (running.size > 0) await Promise.all([...running.values()]);
		},
	};
}
