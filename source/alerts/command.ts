import {spawn} from 'node:child_process';
import {accessSync, constants} from 'node:fs';
import {delimiter, isAbsolute, join} from 'node:path';
import type {Alert} from '../model/alerts.js';
import {sanitize} from '../model/sanitize.js';
import {alertJson} from './changes.js';

export interface AlertCommandOptions {
	readonly command: string;
	readonly timeoutMs: number;
	/** One line per failure (not found, non-zero exit, killed after the timeout). */
	readonly onFailure: (line: string) => void;
	readonly env?: NodeJS.ProcessEnv;
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
 * Runs `--alert-command` through /bin/sh with the alert JSON on stdin, at most one run per alert at
 * a time (changes arriving meanwhile wait in order, the last 8 kept), killed after the timeout.
 */
export function createAlertCommandRunner(options: AlertCommandOptions): AlertCommandRunner {
	const running = new Map<string, Promise<void>>();
	const waiting = new Map<string, Alert[]>();

	const runOne = (alert: Alert): Promise<void> =>
		new Promise<void>(resolve => {
			const label = `${alert.rule} ${alert.subject} ${alert.state}`;
			let timedOut = false;
			let stderr = '';
			const child = spawn('/bin/sh', ['-c', options.command], {stdio: ['pipe', 'ignore', 'pipe'], detached: true, env: {...(options.env ?? process.env)}});
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
			child.on('close', (code, signal) => {
				clearTimeout(timer);
				if (done) return;
				done = true;
				const why = sanitize(stderr.trim().split('\n').pop() ?? '').slice(0, 200);
				if (timedOut) options.onFailure(`alert command killed after ${Math.round(options.timeoutMs / 100) / 10} s for ${label}`);
				else if (code === 127) options.onFailure(`alert command not found for ${label}${why ? `: ${why}` : ''}`);
				else if (code !== 0) options.onFailure(`alert command exited ${code ?? signal} for ${label}${why ? `: ${why}` : ''}`);
				resolve();
			});
		});

	const start = (alert: Alert) => {
		const run = runOne(alert).then(() => {
			running.delete(alert.key);
			const queue = waiting.get(alert.key);
			const next = queue?.shift();
			if (queue?.length === 0) waiting.delete(alert.key);
			if (next) start(next);
		});
		running.set(alert.key, run);
	};

	return {
		notify(alert) {
			if (!running.has(alert.key)) return start(alert);
			const queue = waiting.get(alert.key) ?? [];
			queue.push(alert);
			waiting.set(alert.key, queue.slice(-8));
		},
		async idle() {
			while (running.size > 0) await Promise.all([...running.values()]);
		},
	};
}
