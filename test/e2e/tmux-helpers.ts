// The real binary in a real terminal: tmux on a private socket, a person's keys, the screen as text.
import {execFileSync} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {waitFor, which} from '../../source/lab/processes.js';

export const root = join(import.meta.dirname, '..', '..');
export const binary = join(root, 'bin', 'replwatch.js');
export const hasTmux = which('tmux') !== undefined;

/** Builds dist/ once when a file runs on its own (`npm test` builds first). */
export function ensureBuilt(): void {
	if (!existsSync(join(root, 'dist', 'main.js'))) execFileSync('npm', ['run', 'build', '--silent'], {cwd: root, stdio: 'ignore'});
}

export interface Terminal {
	readonly name: string;
	screen(): string;
	keys(...keys: string[]): void;
	/** Typed text, sent literally (no key names). */
	type(text: string): void;
	/** Polls the screen until the predicate holds; the last screen either way. */
	until(predicate: (screen: string) => boolean, timeoutMs?: number): Promise<{ok: boolean; screen: string}>;
	alive(): boolean;
	/** Kills the tmux session (the program gets SIGHUP). Idempotent. */
	kill(): void;
}

/** One program in its own tmux server (own socket): nothing shared with other tmux users. */
export function openTerminal(label: string, command: string, size: {cols: number; rows: number} = {cols: 120, rows: 40}): Terminal {
	const name = `replwatch-e2e-${label}-${process.pid}-${Date.now().toString(36)}`;
	const tmux = (...args: string[]) => execFileSync('tmux', ['-L', name, ...args], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']});
	tmux('-f', '/dev/null', 'new-session', '-d', '-s', name, '-x', String(size.cols), '-y', String(size.rows), command);
	let last = '';
	const terminal: Terminal = {
		name,
		screen() {
			try {
				last = tmux('capture-pane', '-p', '-t', name);
			} catch {
				// the session ended: keep the last screen for the failure message
			}
			return last;
		},
		keys(...keys) {
			tmux('send-keys', '-t', name, ...keys);
		},
		type(text) {
			tmux('send-keys', '-t', name, '-l', text);
		},
		async until(predicate, timeoutMs = 10_000) {
			const ok = await waitFor(() => predicate(terminal.screen()), timeoutMs, 150);
			return {ok, screen: last};
		},
		alive() {
			try {
				tmux('has-session', '-t', name);
				return true;
			} catch {
				return false;
			}
		},
		kill() {
			try {
				tmux('kill-server');
			} catch {
				// already gone
			}
		},
	};
	return terminal;
}

/** `expect(await t.until(...))` with the screen in the failure message. */
export async function see(terminal: Terminal, what: string, predicate: (screen: string) => boolean, timeoutMs = 10_000): Promise<string> {
	const {ok, screen} = await terminal.until(predicate, timeoutMs);
	if (!ok) throw new Error(`not on screen after ${timeoutMs} ms: ${what}\n${screen}`);
	return screen;
}

export interface PidFile {
	readonly dir: string;
	readonly pids: readonly number[];
}

export function tempPidFile(): {path: string; cleanup(): void} {
	const dir = mkdtempSync(join(tmpdir(), 'replwatch-e2e-'));
	return {path: join(dir, 'lab.json'), cleanup: () => rmSync(dir, {recursive: true, force: true})};
}

export function readPidFile(path: string): PidFile | undefined {
	try {
		return JSON.parse(readFileSync(path, 'utf8')) as PidFile;
	} catch {
		return undefined;
	}
}

export {isAlive} from '../../source/lab/processes.js';

/** Last resort after a failed test: the lab's processes must not outlive it. */
export function killLeftovers(pids: Iterable<number>): void {
	for (const pid of pids) {
		try {
			if (readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('redis')) process.kill(pid, 'SIGKILL');
		} catch {
			// gone
		}
	}
}

export const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The topology row of one node: not the status line, a group heading or a timeline entry that names it. */
export function lineOf(screen: string, address: string): string {
	const row = new RegExp(`(?:└|M|✖|◆)\\s+${escapeRegExp(address)}\\s`);
	return screen.split('\n').slice(1).find(line => row.test(line) && !/^\s*\d\d:\d\d:\d\d /.test(line)) ?? '';
}

/** Addresses shown as a leader (`M host:port master`). */
export function leaders(screen: string): string[] {
	return [...screen.matchAll(/\bM (\d+\.\d+\.\d+\.\d+:\d+) master\b/g)].map(m => m[1]!);
}

/** Addresses shown as online followers (`└ host:port 0 B 0s behind · ack 1s · online`). */
export function onlineFollowers(screen: string): string[] {
	return [...screen.matchAll(/└ (\d+\.\d+\.\d+\.\d+:\d+) [^✖\n]*?[·|] online\b/g)].map(m => m[1]!);
}

/** Bytes behind in a topology line (`8.0 MB 3s behind`), or undefined. */
export function lagBytes(line: string): number | undefined {
	const match = /([\d.]+) (B|KB|MB|GB|KiB|MiB|GiB) \S+(?: behind)?/.exec(line);
	if (!match) return undefined;
	const unit = match[2]!.replace('i', '') as 'B' | 'KB' | 'MB' | 'GB';
	return Number(match[1]) * {B: 1, KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3}[unit];
}

export const header = (screen: string) => screen.split('\n')[0] ?? '';

/**
 * Presses a key until the screen shows its effect (at most 3 presses), while `stillBefore` says the
 * screen has not moved on. A guard for keys sent the instant a dialog opens or closes; a repeat is
 * logged (none in 10 runs so far), so a real lost key shows up in the output.
 */
export async function pressUntil(t: Terminal, key: string, what: string, effect: (screen: string) => boolean, stillBefore: (screen: string) => boolean, timeoutMs = 4000): Promise<string> {
	for (let press = 1; press <= 3; press++) {
		if (press > 1) console.warn(`e2e: ${key} pressed again (${what}): the previous press was lost`);
		t.keys(key);
		const {ok, screen} = await t.until(s => effect(s) || !stillBefore(s), timeoutMs);
		if (ok && effect(screen)) return screen;
		// The key was read (the screen moved on): the effect may take a step more (e.g. "Applying…").
		if (ok) return see(t, what, effect, timeoutMs * 2);
	}
	throw new Error(`${key} pressed 3 times, still not ${what}\n${t.screen()}`);
}

const filterOpen = (s: string) => s.includes('filter nodes and checks:');
const filterShown = (s: string) => /filter "[^"]*"/.test(header(s));

/**
 * `/` then Esc: no filter. Each key waits for the screen to show the previous one: keys that reach
 * the app in one chunk are read against the screen before the first of them (see the E2E report),
 * and ESC + key reads as Alt+key.
 */
export async function clearFilter(t: Terminal): Promise<void> {
	if (!filterShown(t.screen())) return;
	t.keys('/');
	await see(t, 'the filter line', filterOpen);
	t.keys('Escape');
	await see(t, 'the filter cleared', s => !filterOpen(s) && !filterShown(s));
}

/** Narrows the screen to one check with `/`, the way a person finds it, and waits for its status. */
export async function findCheck(t: Terminal, id: string, status: RegExp, timeoutMs = 15_000): Promise<string> {
	await clearFilter(t);
	t.keys('/');
	await see(t, 'the filter line', filterOpen);
	t.type(id);
	await see(t, `the filter line with ${id}`, s => s.includes(`filter nodes and checks: ${id}`));
	t.keys('Enter');
	await see(t, `the filter ${id} applied`, s => !filterOpen(s) && header(s).includes(`filter "${id}"`));
	return see(t, `check ${id} ${status}`, s => new RegExp(`▸${status.source} ${escapeRegExp(id)}\\b`).test(s), timeoutMs);
}
