// What every bench script reads: its numeric flags, and a process's CPU and memory from /proc.
import {readdirSync, readFileSync, readlinkSync} from 'node:fs';

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

/** User + system CPU in clock ticks, from the text of a /proc stat file (a process's or a thread's). */
function statTicks(stat: string): number {
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return Number(fields[11]) + Number(fields[12]);
}

/** User + system CPU of a process, in clock ticks. */
export function cpuTicks(pid: number): number {
	return statTicks(readFileSync(`/proc/${pid}/stat`, 'utf8'));
}

/** User + system CPU of each thread of a process, in clock ticks, summed by thread name (V8's workers share one). */
export function threadTicks(pid: number): Map<string, number> {
	const byName = new Map<string, number>();
	for (const tid of readdirSync(`/proc/${pid}/task`)) {
		try {
			const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
			const name = tid === String(pid) ? 'main' : stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
			byName.set(name, (byName.get(name) ?? 0) + statTicks(stat));
		} catch {
			// the thread ended
		}
	}
	return byName;
}

/** Per thread name, % of a core between two threadTicks readings `seconds` apart, busiest first. */
export function threadShares(before: Map<string, number>, after: Map<string, number>, seconds: number): string {
	return [...after]
		.map(([name, ticks]) => [name, ((ticks - (before.get(name) ?? 0)) / clockTicks / seconds) * 100] as const)
		.filter(([, percent]) => percent > 0)
		.sort((a, b) => b[1] - a[1])
		.map(([name, percent]) => `${name} ${percent.toFixed(2)} %`)
		.join(', ');
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
