// Chaos run, by hand: `npx tsx bench/chaos.ts --minutes 3` (after `npm run build`).
// A lab (leader, 2 followers, 3 Sentinels) under write load; the real TUI in a 120x40 pty and the
// engine in-process both watch it while followers and the leader are paused, killed -9 and restarted,
// or failed over at random. Reports whether replwatch stayed up, kept ticking, kept its memory
// bounded and recorded the faults on its timeline. Exit code 1 when one of those failed.
import {execFileSync, spawn, type ChildProcess} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {startLab, type Lab, type LabProcess} from '../source/lab/lab.js';
import {startLoad, type LoadGenerator} from '../source/lab/load.js';
import {currentLeader} from '../source/lab/leader.js';
import {waitFor} from '../source/lab/processes.js';
import {parseOptions} from '../source/cli/options.js';
import {createMonitor, type Monitor} from '../source/engine/monitor.js';
import type {Snapshot} from '../source/model/snapshot.js';
import {productNodeFlags} from './proc.js';

function flag(name: string): string | undefined {
	const i = process.argv.indexOf(`--${name}`);
	return i === -1 ? undefined : process.argv[i + 1];
}
const durationMs = Number(flag('seconds') ?? Number(flag('minutes') ?? 3) * 60) * 1000;
const mode = flag('mode') ?? 'both'; // pty | inproc | both
let seed = Number(flag('seed') ?? Date.now() % 100_000);
const seedUsed = seed;
// mulberry32: a reproducible run for a given --seed
function random(): number {
	seed = (seed + 0x6d2b79f5) | 0;
	let t = seed;
	t = Math.imul(t ^ (t >>> 15), t | 1);
	t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
	return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
}
const between = (a: number, b: number) => Math.round(a + random() * (b - a));
const pick = <T>(items: readonly T[]): T | undefined => items[Math.floor(random() * items.length)];
const sleep = (ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms));
const log = (text: string) => process.stdout.write(`[chaos ${((Date.now() - t0) / 1000).toFixed(1).padStart(6)} s] ${text}\n`);
let t0 = Date.now();

const faults: Record<string, number> = {};
const faultLog: string[] = [];
const problems: string[] = [];
let lab: Lab | undefined;
let load: LoadGenerator | undefined;
let monitor: Monitor | undefined;
let tui: ChildProcess | undefined;
let tuiPid: number | undefined;
let workDir: string | undefined;
let stopping = false;

// ---- the TUI in a pty ---------------------------------------------------------------------------
let outputBytes = 0;
let lastOutputAt = Date.now();
let longestSilenceMs = 0;
let tuiExit: {code: number | null; signal: NodeJS.Signals | null; at: number} | undefined;
const rss: number[] = [];

/** The node process below `script` (it may fork a pty side first; node renames itself `replwatch`). */
function tuiProcess(root: number): number | undefined {
	let table: {pid: number; ppid: number; args: string}[];
	try {
		table = execFileSync('ps', ['-eo', 'pid=,ppid=,args='], {encoding: 'utf8'}).split('\n').map(line => {
			const match = /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line);
			return match ? {pid: Number(match[1]), ppid: Number(match[2]), args: match[3]!} : {pid: 0, ppid: 0, args: ''};
		});
	} catch {
		return undefined;
	}
	const queue = [root];
	while (queue.length > 0) {
		const parent = queue.shift()!;
		for (const p of table.filter(row => row.ppid === parent)) {
			if (/^(replwatch|node\s+\S*bin\/replwatch\.js)/.test(p.args)) return p.pid;
			queue.push(p.pid);
		}
	}
	return undefined;
}

function rssMb(pid: number): number | undefined {
	try {
		const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return match ? Number(match[1]) / 1024 : undefined;
	} catch {
		return undefined;
	}
}

function startTui(l: Lab): void {
	workDir = mkdtempSync(join(tmpdir(), 'replwatch-chaos-'));
	lastOutputAt = Date.now();
	const sentinels = l.sentinels.map(s => `--sentinel ${s.address}`).join(' ');
	const command = `stty cols 120 rows 40; exec node ${productNodeFlags()} bin/replwatch.js ${sentinels} --master-name ${l.masterName} --interval 1s --timeout 500ms`;
	tui = spawn('script', ['-qfc', command, join(workDir, 'typescript')], {stdio: ['pipe', 'pipe', 'pipe'], env: {...process.env, TERM: 'xterm-256color'}});
	tui.stdout!.on('data', (chunk: Buffer) => {
		const now = Date.now();
		longestSilenceMs = Math.max(longestSilenceMs, now - lastOutputAt);
		lastOutputAt = now;
		outputBytes += chunk.length;
	});
	tui.stderr!.on('data', () => {});
	tui.on('exit', (code, signal) => {
		tuiExit = {code, signal, at: Date.now()};
		if (!stopping) problems.push(`TUI exited during the run (code ${code}, signal ${signal})`);
	});
}

function screenTail(): string {
	if (!workDir || !existsSync(join(workDir, 'typescript'))) return '';
	// eslint-disable-next-line no-control-regex
	const text = readFileSync(join(workDir, 'typescript'), 'utf8').replace(/\u001B\[[0-?]*[ -/]*[@-~]|\u001B[\]P][^\u0007\u001B]*(\u0007|\u001B\\)?|\u001B./g, '');
	return text.slice(-1500);
}

// ---- the engine in-process ----------------------------------------------------------------------
let unhandledRejections = 0;
let uncaughtExceptions = 0;
let ticks = 0;
let lastSnapshot: Snapshot | undefined;
let longestTickGapMs = 0;
let lastTickAt = Date.now();
process.on('unhandledRejection', error => {
	unhandledRejections++;
	problems.push(`unhandled rejection: ${error instanceof Error ? error.message : String(error)}`);
});
process.on('uncaughtException', error => {
	uncaughtExceptions++;
	problems.push(`uncaught exception: ${error.message}`);
});

function startInProcess(l: Lab): void {
	const parsed = parseOptions([...l.sentinels.flatMap(s => ['--sentinel', s.address]), '--master-name', l.masterName, '--interval', '1s', '--timeout', '500ms'], {});
	if (parsed.kind !== 'options') throw new Error(`options: ${JSON.stringify(parsed)}`);
	monitor = createMonitor(parsed.options);
	monitor.subscribe(snapshot => {
		const now = Date.now();
		if (snapshot.tick > ticks) {
			if (ticks > 0) longestTickGapMs = Math.max(longestTickGapMs, now - lastTickAt);
			lastTickAt = now;
		}
		ticks = snapshot.tick;
		lastSnapshot = snapshot;
	});
	monitor.start();
}

// ---- faults -------------------------------------------------------------------------------------
const paused = new Set<LabProcess>();

async function followersOf(l: Lab, leader: LabProcess | undefined): Promise<LabProcess[]> {
	return [l.leader, ...l.followers].filter(n => n !== leader && n.running());
}

async function injectOne(l: Lab): Promise<void> {
	const leader = await currentLeader(l);
	const kind = pick(['pause-follower', 'pause-follower', 'pause-leader', 'kill-follower', 'kill-follower', 'failover'] as const)!;
	const followers = await followersOf(l, leader);
	const record = (text: string) => {
		faults[kind] = (faults[kind] ?? 0) + 1;
		faultLog.push(`${((Date.now() - t0) / 1000).toFixed(1)} s ${text}`);
		log(text);
	};
	if (kind === 'pause-follower' || kind === 'pause-leader') {
		const node = kind === 'pause-leader' ? leader : pick(followers);
		if (!node) return;
		// A leader paused past down-after-milliseconds (1500) is failed over: keep it shorter.
		const ms = kind === 'pause-leader' ? between(600, 1200) : between(1500, 4000);
		record(`${kind} ${node.name} ${node.address} for ${ms} ms`);
		node.pause();
		paused.add(node);
		await sleep(ms);
		node.resume();
		paused.delete(node);
	} else if (kind === 'kill-follower') {
		const node = pick(followers);
		if (!node) return;
		const ms = between(1500, 4000);
		record(`kill -9 ${node.name} ${node.address}, restart after ${ms} ms`);
		await node.kill9();
		await sleep(ms);
		await node.start().catch(error => problems.push(`restart ${node.name}: ${(error as Error).message}`));
	} else {
		if (!leader) return;
		record(`failover: kill -9 leader ${leader.name} ${leader.address}`);
		const started = Date.now();
		await leader.kill9();
		const moved = await waitFor(async () => {
			const now = await currentLeader(l);
			return now !== undefined && now !== leader;
		}, 20_000, 250);
		log(moved ? `  Sentinels promoted a new leader after ${Date.now() - started} ms` : '  no new leader within 20 s');
		await leader.start().catch(error => problems.push(`restart ${leader.name}: ${(error as Error).message}`));
	}
}

// ---- run ----------------------------------------------------------------------------------------
async function cleanup(): Promise<void> {
	stopping = true;
	for (const node of paused) node.resume();
	paused.clear();
	if (tui && tuiExit === undefined) {
		tui.stdin?.write('q');
		await waitFor(() => tuiExit !== undefined, 3000, 50);
		if (tuiExit === undefined && tuiPid !== undefined) {
			try {
				process.kill(tuiPid, 'SIGTERM');
			} catch {
				// already gone
			}
			await waitFor(() => tuiExit !== undefined, 2000, 50);
		}
		if (tuiExit === undefined && tui.pid !== undefined) {
			try {
				process.kill(tui.pid, 'SIGKILL');
			} catch {
				// already gone
			}
		}
	}
	await monitor?.stop().catch(() => {});
	await load?.stop().catch(() => {});
	await lab?.stop().catch(() => {});
}

let cleaning: Promise<void> | undefined;
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
	process.on(signal, () => {
		log(`${signal}: stopping everything this run started`);
		cleaning ??= cleanup();
		void cleaning.finally(() => process.exit(130));
	});
}

async function main(): Promise<number> {
	if (mode !== 'inproc' && !existsSync('dist/main.js')) throw new Error('dist/main.js is missing: run `npm run build` first');
	log(`seed ${seedUsed}, ${durationMs / 1000} s, mode ${mode}`);
	lab = await startLab({followers: 2, sentinels: 3, downAfterMs: 1500, failoverTimeoutMs: 6000});
	log(`lab up: leader ${lab.leader.address}, followers ${lab.followers.map(f => f.address).join(' ')}, sentinels ${lab.sentinels.map(s => s.address).join(' ')}`);
	load = startLoad(lab, {rate: 100, valueBytes: 256});
	t0 = Date.now();
	if (mode !== 'inproc') startTui(lab);
	if (mode !== 'pty') startInProcess(lab);
	await sleep(3000);
	if (tui?.pid !== undefined) tuiPid = tuiProcess(tui.pid);
	if (tuiPid !== undefined) log(`TUI is pid ${tuiPid}`);
	const sampler = setInterval(() => {
		if (tuiPid === undefined && tui?.pid !== undefined) tuiPid = tuiProcess(tui.pid);
		const mb = tuiPid === undefined ? undefined : rssMb(tuiPid);
		if (mb !== undefined) rss.push(mb);
	}, 1000);
	const end = t0 + durationMs;
	try {
		while (Date.now() < end && !stopping) {
			await injectOne(lab);
			await sleep(between(2000, 5000));
			if (tuiExit !== undefined) break;
		}
		// Let everything heal, then check that the watchers see a healthy deployment again.
		await sleep(5000);
	} finally {
		clearInterval(sampler);
	}
	const finalSilence = Date.now() - lastOutputAt;
	longestSilenceMs = Math.max(longestSilenceMs, mode === 'inproc' ? 0 : finalSilence);
	const tail = screenTail();
	const events = lastSnapshot?.events ?? [];
	const byKind: Record<string, number> = {};
	for (const e of events) byKind[e.kind] = (byKind[e.kind] ?? 0) + 1;
	const seconds = (Date.now() - t0) / 1000;
	cleaning ??= cleanup();
	await cleaning;

	const peak = rss.length > 0 ? Math.max(...rss) : undefined;
	const firstMinute = rss.slice(0, 60);
	const lastMinute = rss.slice(-60);
	const avg = (xs: number[]) => (xs.length === 0 ? undefined : xs.reduce((a, b) => a + b, 0) / xs.length);
	if (mode !== 'inproc' && longestSilenceMs > 5000) problems.push(`TUI output stalled for ${(longestSilenceMs / 1000).toFixed(1)} s`);
	if (mode !== 'pty' && longestTickGapMs > 5000) problems.push(`engine ticks stalled for ${(longestTickGapMs / 1000).toFixed(1)} s`);
	if (peak !== undefined && peak > 120) problems.push(`TUI RSS peaked at ${peak.toFixed(0)} MB (DESIGN budget: under 120 MB even with 100 nodes)`);
	const growth = (avg(lastMinute) ?? 0) - (avg(firstMinute) ?? 0);
	if (rss.length >= 120 && growth > 20) problems.push(`TUI RSS grew ${growth.toFixed(0)} MB from the first to the last minute`);
	const faultCount = Object.values(faults).reduce((a, b) => a + b, 0);
	if (mode !== 'pty' && faultCount > 0 && events.length === 0) problems.push('the timeline recorded nothing');
	if (mode !== 'inproc' && /internal error|Unhandled|TypeError|ReferenceError|\n\s+at /.test(tail)) problems.push('the TUI screen shows an error or a stack trace');

	const lines = [
		'',
		'chaos summary',
		`  duration            ${seconds.toFixed(0)} s (seed ${seedUsed})`,
		`  faults injected     ${faultCount}: ${Object.entries(faults).map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}`,
		`  load                ${load?.stats().writes ?? 0} writes, ${load?.stats().reads ?? 0} reads, ${load?.stats().errors ?? 0} errors`,
	];
	if (mode !== 'inproc') {
		lines.push(
			`  TUI                 ${tuiExit ? `exited code ${tuiExit.code}${tuiExit.signal ? ` signal ${tuiExit.signal}` : ''} ${stopping ? 'after q at the end' : 'DURING the run'}` : 'still running?'}`,
			`  TUI output          ${(outputBytes / 1024).toFixed(0)} KB (${(outputBytes / 1024 / seconds).toFixed(2)} KB/s), longest silence ${(longestSilenceMs / 1000).toFixed(1)} s`,
			`  TUI RSS             peak ${peak?.toFixed(1) ?? '?'} MB, first-minute avg ${avg(firstMinute)?.toFixed(1) ?? '?'} MB, last-minute avg ${avg(lastMinute)?.toFixed(1) ?? '?'} MB (${rss.length} samples)`,
		);
	}
	if (mode !== 'pty') {
		lines.push(
			`  engine ticks        ${ticks} (longest gap ${(longestTickGapMs / 1000).toFixed(1)} s)`,
			`  timeline            ${events.length} events: ${Object.entries(byKind).map(([k, v]) => `${k} ${v}`).join(', ')}`,
			`  unhandled           ${unhandledRejections} rejections, ${uncaughtExceptions} exceptions`,
		);
	}
	lines.push(`  problems            ${problems.length === 0 ? 'none' : ''}`, ...problems.map(p => `    - ${p}`));
	process.stdout.write(`${lines.join('\n')}\n`);
	if (process.argv.includes('--verbose')) {
		process.stdout.write(`\nfaults:\n${faultLog.map(f => `  ${f}`).join('\n')}\n\ntimeline:\n${events.map(e => `  ${new Date(e.at).toISOString().slice(11, 19)} ${e.node} ${e.kind}: ${e.text}`).join('\n')}\n\nlast screen:\n${tail}\n`);
	}
	if (workDir) rmSync(workDir, {recursive: true, force: true});
	return problems.length === 0 ? 0 : 1;
}

main().then(
	code => process.exit(code),
	async error => {
		process.stderr.write(`chaos: ${error instanceof Error ? error.message : String(error)}\n`);
		cleaning ??= cleanup();
		await cleaning;
		if (workDir) rmSync(workDir, {recursive: true, force: true});
		process.exit(2);
	},
);
