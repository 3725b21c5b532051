// Measures the budgets of issue 13 on real processes and prints them beside their targets. Run by hand:
//   npm run build && npx tsx bench/budgets.ts [--seconds 60] [--nodes 3|100] [--rate 200] [--side-by-side 0] [--valkey 1] [--warm 5]
// --valkey 1 runs the 3-node lab on valkey-server instead of redis-server.
// With 3 nodes it also runs, on the same lab under the same load, `redis-cli --stat` (one per node)
// and an exporter's scrape (`INFO all` every 15 s) for the same number of seconds each, one after the
// other (commandstats count per command, not per client, so they cannot share the window), and
// prints Redis µs per node per second and the client CPU and RSS side by side.
// BENCH_NODE_FLAGS="--max-semi-space-size=1" passes V8 flags to the replwatch process under test (its rows are printed, not kept).
// It starts its own lab (free loopback ports), runs the real TUI in a pty (util-linux `script`),
// and stops exactly the PIDs it started.
import {spawn, type ChildProcess} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, statSync, existsSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {labServer, startLab, type Lab} from '../source/lab/lab.js';
import {startManyNodes, type ManyNodes} from '../source/lab/cluster-lab.js';
import {startLoad, type LoadGenerator} from '../source/lab/load.js';
import {parseOptions} from '../source/cli/options.js';
import {createMonitor} from '../source/engine/monitor.js';
import {clockTicks, cpuTicks, flag, nodePidUnder, productNodeFlags, rssKb, sleep, threadShares, threadTicks} from './proc.js';
import {coldUsec, costDuring} from './redis-cost.js';
import {recordAndPrint, loadAverage, type BudgetKey} from './budget-table.js';
import {sideBySide} from './side-by-side.js';
import {splitAddress} from '../source/model/address.js';

const avgOf = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);

const seconds = flag('seconds', 60);
const nodeCount = flag('nodes', 3);
const rate = flag('rate', 200);
const withSideBySide = flag('side-by-side', 1) !== 0;
// Seconds between the first frame and the window: V8 keeps optimising functions that run once a tick for minutes.
const warm = flag('warm', 5);
const product = flag('valkey', 0) ? 'valkey' : 'redis';
const cols = nodeCount > 3 ? 200 : 120;
const rows = nodeCount > 3 ? 60 : 40;

function procStat(pid: number): {cpuTicks: number; rssKb: number} | undefined {
	try {
		return {cpuTicks: cpuTicks(pid), rssKb: rssKb(pid)};
	} catch {
		return undefined;
	}
}


async function main(): Promise<void> {
	if (!existsSync('dist/main.js')) throw new Error('run `npm run build` first');
	let lab: Lab | undefined;
	let many: ManyNodes | undefined;
	let load: LoadGenerator | undefined;
	let tui: ChildProcess | undefined;
	const dir = mkdtempSync(join(tmpdir(), 'replwatch-bench-'));
	const cleanup = async () => {
		tui?.kill('SIGTERM');
		await load?.stop();
		await lab?.stop();
		await many?.stop();
		rmSync(dir, {recursive: true, force: true});
	};
	process.on('SIGINT', () => void cleanup().then(() => process.exit(130)));
	try {
		let seeds: string[];
		let dataNodes: string[];
		if (nodeCount <= 3) {
			const server = labServer(product);
			if (!server) throw new Error(`${product}-server is not installed`);
			lab = await startLab({followers: 2, server});
			load = startLoad(lab, {rate, leaderCheckMs: 3_600_000});
			seeds = [lab.leader.address];
			dataNodes = [lab.leader, ...lab.followers].map(p => p.address);
		} else {
			many = await startManyNodes(nodeCount, {followersPerLeader: 2});
			seeds = many.groups.map(g => g.leader.address);
			dataNodes = many.nodes.map(n => n.address);
		}
		console.log(`bench: ${dataNodes.length} ${lab ? product : 'redis'} nodes, ${seconds}s, pty ${cols}x${rows}${load ? `, load ${rate} ops/s` : ''}`);

		// One tick over N nodes should take about one round trip, not N.
		const parsed = parseOptions([...seeds, '--interval', '1s']);
		if (parsed.kind !== 'options') throw new Error('bench options did not parse');
		const monitor = createMonitor(parsed.options);
		await monitor.tickOnce();
		await monitor.tickOnce();
		const tickTimes: number[] = [];
		for (let i = 0; i < 5; i++) {
			const t = performance.now();
			await monitor.tickOnce();
			tickTimes.push(performance.now() - t);
		}
		const rtts = Object.values(monitor.getSnapshot().topology.nodes).map(n => n.sample.rttMs ?? 0).sort((a, b) => a - b);
		await monitor.stop();
		console.log(`tick over ${dataNodes.length} nodes: median ${median(tickTimes).toFixed(1)} ms (node RTT median ${median(rtts).toFixed(1)} ms, max ${rtts.at(-1)?.toFixed(1)} ms)`);

		const infoAllUsec = await coldUsec(dataNodes[0]!, ['INFO', 'all']);
		console.log(`one cold INFO all on ${dataNodes[0]}: ${infoAllUsec.toFixed(1)} µs (load ${loadAverage()})`);
		const typescript = join(dir, 'pty.out');
		const command = `stty cols ${cols} rows ${rows}; exec node ${productNodeFlags()} bin/replwatch.js ${seeds.join(' ')} --interval 1s --max-nodes ${Math.max(256, dataNodes.length)}`;
		const started = performance.now();
		tui = spawn('script', ['-qfec', command, typescript], {stdio: ['pipe', 'ignore', 'ignore'], env: {...process.env, TERM: 'xterm-256color'}});
		// First complete frame with data: every data node's port on screen with a role marker.
		let firstFrameMs: number | undefined;
		const ports = dataNodes.slice(0, Math.min(dataNodes.length, 3)).map(a => splitAddress(a).port.toString());
		while (performance.now() - started < 10_000) {
			const text = existsSync(typescript) ? readFileSync(typescript, 'utf8') : '';
			if (ports.every(p => text.includes(p)) && /lag|behind|online/i.test(text)) {
				firstFrameMs = performance.now() - started;
				break;
			}
			await sleep(10);
		}
		console.log(`first complete frame: ${firstFrameMs === undefined ? 'not seen in 10 s' : `${firstFrameMs.toFixed(0)} ms`}`);
		const nodePid = nodePidUnder(tui.pid!);
		if (!nodePid) throw new Error('replwatch process not found under script');
		await sleep(warm * 1000); // steady state
		const cpu0 = procStat(nodePid)!;
		const threads0 = threadTicks(nodePid);
		const bytes0 = statSync(typescript).size;
		let peakRss = cpu0.rssKb;
		let elapsed = 0;
		const usec = await costDuring(dataNodes, async () => {
			const t0 = performance.now();
			while (performance.now() - t0 < seconds * 1000) {
				await sleep(1000);
				const s = procStat(nodePid);
				if (!s) throw new Error('replwatch exited during the bench');
				peakRss = Math.max(peakRss, s.rssKb);
			}
			elapsed = (performance.now() - t0) / 1000;
		});
		const cpu1 = procStat(nodePid)!;
		const threads1 = threadTicks(nodePid);
		const bytes1 = statSync(typescript).size;
		tui.kill('SIGTERM');
		tui = undefined;

		// One tick a second: µs per node per second is µs per node per tick.
		const perNodeTick = usec.map(u => u / elapsed);
		const cpuPercent = ((cpu1.cpuTicks - cpu0.cpuTicks) / clockTicks / elapsed) * 100;
		const outRate = (bytes1 - bytes0) / elapsed;
		const rssMb = cpu1.rssKb / 1024;
		console.log(`replwatch over ${elapsed.toFixed(0)} s (load ${loadAverage()}): Redis ${avgOf(perNodeTick).toFixed(1)} µs per node per tick (max ${Math.max(...perNodeTick).toFixed(1)}), client CPU ${cpuPercent.toFixed(2)} %, RSS ${rssMb.toFixed(1)} MB (peak ${(peakRss / 1024).toFixed(1)}), terminal ${(outRate / 1024).toFixed(2)} KB/s`);
		console.log(`client CPU by thread: ${threadShares(threads0, threads1, elapsed)}`);
		if (load) console.log(`load: ${JSON.stringify(load.stats())}`);
		const figures: Partial<Record<BudgetKey, {value: string; ok: boolean}>> = {};
		if (dataNodes.length <= 3) {
			const ratio = avgOf(perNodeTick) / infoAllUsec;
			figures.redisUsec = {value: `${avgOf(perNodeTick).toFixed(1)} µs = ${ratio.toFixed(2)} × INFO all (${infoAllUsec.toFixed(0)} µs)`, ok: ratio <= 0.15};
			figures.cpu3 = {value: `${cpuPercent.toFixed(2)} %`, ok: cpuPercent <= 1.5};
			figures.rss3 = {value: `${rssMb.toFixed(1)} MB (peak ${(peakRss / 1024).toFixed(1)})`, ok: peakRss / 1024 <= 100};
			figures.firstFrame = {value: firstFrameMs === undefined ? 'not seen' : `${firstFrameMs.toFixed(0)} ms`, ok: firstFrameMs !== undefined && firstFrameMs <= 300};
			figures.output3 = {value: `${(outRate / 1024).toFixed(2)} KB/s`, ok: outRate <= 1024};
			if (withSideBySide) await sideBySide(dataNodes, seconds, {usecPerNodeSecond: avgOf(perNodeTick), cpuPercent, rssMb: peakRss / 1024});
		} else {
			figures.cpu100 = {value: `${cpuPercent.toFixed(2)} % (${dataNodes.length} nodes)`, ok: cpuPercent <= 10};
			figures.rss100 = {value: `${rssMb.toFixed(1)} MB after ${Math.round((performance.now() - started) / 60_000)} min (peak ${(peakRss / 1024).toFixed(1)})`, ok: peakRss / 1024 <= 120 && seconds >= 600};
		}
		recordAndPrint(figures);
	} finally {
		await cleanup();
	}
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)] ?? 0;
}


main().catch(error => {
	console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
	process.exitCode = 1;
});
