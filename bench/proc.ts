// What every bench script reads: its numeric flags, and a process's CPU and memory from /proc.
import {readFileSync, readlinkSync} from 'node:fs';

const args = process.argv.slice(2);

/** `--name N`, or the fallback when the flag is absent. */
export function flag(name: string, fallback: number): number {
	const i = args.indexOf(`--${name}`);
	return i === -1 ? fallback : Number(args[i + 1]);
}

/** The node flags the product runs with (its shebang), then BENCH_NODE_FLAGS: a bench runs it as a user does. */
export function productNodeFlags(): string {
	const shebang = readFileSync(new URL('../bin/replwatch.js', import.meta.url), 'utf8').split('\n', 1)[0] ?? '';
	const flags = /^#!\/usr\/bin\/env -S node(.*)$/.exec(shebang)?.[1]?.trim() ?? '';
	return [flags, process.env.BENCH_NODE_FLAGS ?? ''].filter(Boolean).join(' ');
}

export const clockTicks = 100; // USER_HZ on Linux

export const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

/** User + system CPU of a process, in clock ticks. */
export function cpuTicks(pid: number): number {
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return Number(fields[11]) + Number(fields[12]);
}

export function rssKb(pid: number): number {
	return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
}

export const rssMb = (pid: number): number => rssKb(pid) / 1024;

function childPids(pid: number): number[] {
	try {
		const text = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
		return text === '' ? [] : text.split(' ').map(Number);
	} catch {
		return [];
	}
}

/**
 * The node process under a launcher (`script`, a shell): the `script` parent carries the command
 * line too, and meow renames the node process (process.title = "replwatch"), so the binary tells.
 */
export function nodePidUnder(root: number): number | undefined {
	const queue = [root];
	while (queue.length > 0) {
		const pid = queue.shift()!;
		try {
			if (readlinkSync(`/proc/${pid}/exe`).endsWith('/node')) return pid;
		} catch {
			// gone
		}
		queue.push(...childPids(pid));
	}
	return undefined;
}
