// First complete frame of the 3-node lab, several times over one lab under write load: from spawning
// `node bin/replwatch.js SEED` in a pty (util-linux `script`) to every node's port and a lag word on
// screen (the rule of bench/budgets.ts). Run by hand:
//   npm run build && npx tsx bench/first-frame.ts [--runs 7] [--valkey 1] [--cpu-prof 1]
// FIRST_FRAME_BIN=path/to/replwatch.js times another build (before/after on the same lab and load).
// --cpu-prof 1 writes a V8 CPU profile of each run to ./first-frame-profiles/.
import {spawn} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {labServer, startLab} from '../source/lab/lab.js';
import {startLoad} from '../source/lab/load.js';
import {loadAverage} from './budget-table.js';
import {clockTicks, cpuTicks, flag, nodePidUnder, productNodeFlags, sleep} from './proc.js';

const runs = flag('runs', 7);
const product = flag('valkey', 0) ? 'valkey' : 'redis';
const profile = flag('cpu-prof', 0) ? '--cpu-prof --cpu-prof-dir=first-frame-profiles' : '';

/**
 * Milliseconds to the first complete frame of one start (wall clock, and the CPU time replwatch had
 * used by then: robust to a busy machine), or undefined when none came within 10 s.
 */
async function firstFrame(seed: string, ports: readonly string[], file: string): Promise<{wall: number; cpu: number} | undefined> {
	const started = performance.now();
	const tui = spawn('script', ['-qfec', `stty cols 120 rows 40; exec node ${productNodeFlags()} ${profile} ${process.env.FIRST_FRAME_BIN ?? 'bin/replwatch.js'} ${seed} --interval 1s`, file], {stdio: ['pipe', 'ignore', 'ignore'], env: {...process.env, TERM: 'xterm-256color'}});
	try {
		let pid: number | undefined;
		let cpu = 0;
		while (performance.now() - started < 10_000) {
			pid ??= nodePidUnder(tui.pid!);
			try {
				if (pid) cpu = (cpuTicks(pid) * 1000) / clockTicks;
			} catch {
				// not started yet, or gone
			}
			const text = existsSync(file) ? readFileSync(file, 'utf8') : '';
			if (ports.every(p => text.includes(p)) && /lag|behind|online/i.test(text)) return {wall: performance.now() - started, cpu};
			await sleep(5);
		}
		return undefined;
	} finally {
		// q quits cleanly (a CPU profile is written on a normal exit only).
		tui.stdin.write('q');
		await Promise.race([new Promise(resolve => tui.once('exit', resolve)), sleep(3000)]);
		if (tui.exitCode === null) tui.kill('SIGTERM');
	}
}

async function main(): Promise<void> {
	const server = labServer(product);
	if (!server) throw new Error(`${product}-server is not installed`);
	const lab = await startLab({followers: 2, server});
	const load = startLoad(lab, {rate: 200, leaderCheckMs: 3_600_000});
	const dir = mkdtempSync(join(tmpdir(), 'replwatch-first-frame-'));
	try {
		const ports = [lab.leader, ...lab.followers].map(p => String(p.port));
		const wall: number[] = [];
		const cpu: number[] = [];
		for (let i = 0; i < runs; i++) {
			const ms = await firstFrame(lab.leader.address, ports, join(dir, `run-${i}.out`));
			if (ms) wall.push(ms.wall), cpu.push(ms.cpu);
			await sleep(500);
		}
		const line = (values: number[]) => {
			const sorted = [...values].sort((a, b) => a - b);
			return `median ${sorted[Math.floor(sorted.length / 2)]?.toFixed(0)} ms (${sorted.map(t => t.toFixed(0)).join(' ')})`;
		};
		console.log(`first complete frame, ${product}, ${runs} starts (load ${loadAverage()}): wall ${line(wall)}; replwatch CPU by then ${line(cpu)}`);
	} finally {
		rmSync(dir, {recursive: true, force: true});
		await load.stop();
		await lab.stop();
	}
}

void main();
