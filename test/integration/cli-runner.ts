import {spawn, spawnSync, type ChildProcess} from 'node:child_process';
import {existsSync} from 'node:fs';
import {join} from 'node:path';

export const root = new URL('../..', import.meta.url).pathname;
const bin = join(root, 'bin/replwatch.js');

/** Builds dist/ unless REPLWATCH_TEST_BUILD=0 and it exists (the tests run the real CLI); `npm test` builds once and sets it, so two files never rebuild dist/ under each other. */
export function ensureBuilt(): void {
	if (existsSync(join(root, 'dist/main.js')) && process.env.REPLWATCH_TEST_BUILD === '0') return;
	const built = spawnSync(process.execPath, ['scripts/build.js'], {cwd: root, encoding: 'utf8'});
	if (built.status !== 0) throw new Error(built.stderr);
}

export interface Running {
	readonly child: ChildProcess;
	stdout(): string;
	stderr(): string;
	/** Resolves to the exit code once the process has ended. */
	readonly exited: Promise<number | null>;
	/** SIGTERM, then SIGKILL after 5 s; resolves to the exit code. */
	stop(): Promise<number | null>;
}

/** Starts the built CLI with no stdin (as under systemd). */
export function startCli(args: readonly string[], env: NodeJS.ProcessEnv = {}): Running {
	const child = spawn(process.execPath, [bin, ...args], {cwd: root, env: {...process.env, ...env}, stdio: ['ignore', 'pipe', 'pipe']});
	let out = '';
	let err = '';
	child.stdout!.on('data', chunk => (out += chunk));
	child.stderr!.on('data', chunk => (err += chunk));
	const exited = new Promise<number | null>(resolve => child.on('close', code => resolve(code)));
	return {
		child,
		stdout: () => out,
		stderr: () => err,
		exited,
		async stop() {
			if (child.exitCode === null && child.signalCode === null) {
				child.kill('SIGTERM');
				const force = setTimeout(() => child.kill('SIGKILL'), 5000);
				const code = await exited;
				clearTimeout(force);
				return code;
			}
			return exited;
		},
	};
}
