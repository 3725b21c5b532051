// Measures DESIGN.md "Budgets" on real processes and prints the figures. Run by hand:
//   npm run build && npx tsx bench/budgets.ts [--seconds 60] [--nodes 3|100] [--rate 200]
// BENCH_NODE_FLAGS="--max-semi-space-size=1" passes V8 flags to the replwatch process under test.
// It starts its own lab (free loopback ports), runs the real TUI in a pty (util-linux `script`),
// and stops exactly the PIDs it started.
import {spawn, type ChildProcess} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, statSync, existsSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {Redis} from 'ioredis';
import {startLab, type Lab} from '../source/lab/lab.js';
import {startManyNodes, type ManyNodes} from '../source/lab/cluster-lab.js';
import {startLoad, type LoadGenerator} from '../source/lab/load.js';
import {parseInfo} from '../source/redis/parse-info.js';
import {parseOptions} from '../source/cli/options.js';
import {createMonitor} from '../source/engine/monitor.js';
import {clockTicks, cpuTicks, flag, nodePidUnder, rssKb, sleep} from './proc.js';

const seconds = flag('seconds', 60);
const nodeCount = flag('nodes', 3);
const rate = flag('rate', 200);
const cols = nodeCount > 3 ? 200 : 120;
const rows = nodeCount > 3 ? 60 : 40;

// Commands the monitor sends; their usec in INFO commandstats is the Redis CPU it costs.
const monitorCommands = /^(info|config\|get|config|role|ping|cluster\|.*|command\|.*|client\|setname|hello)$/;

async function commandUsec(address: string): Promise<{usec: number; infoUsecPerCall: number}> {
	const [host, port] = splitAddress(address);
	const client = new Redis({host, port, lazyConnect: true, enableReadyCheck: false, maxRetriesPerRequest: 0});
	client.on('error', () => {});
	await client.connect();
	const info = parseInfo(await client.info('commandstats'));
	await client.quit();
	let usec = 0;
	for (const [name, stat] of Object.entries(info.commandstats)) if (monitorCommands.test(name)) usec += stat.usec;
	const infoStat = info.commandstats['info'];
	return {usec, infoUsecPerCall: infoStat && infoStat.calls > 0 ? infoStat.usec / infoStat.calls : 0};
}

function splitAddress(address: string): [string, number] {
	const i = address.lastIndexOf(':');
	return [address.slice(0, i), Number(address.slice(i + 1))];
}

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
			lab = await startLab({followers: 2});
			load = startLoad(lab, {rate});
			seeds = [lab.leader.address];
			dataNodes = [lab.leader, ...lab.followers].map(p => p.address);
		} else {
			many = await startManyNodes(nodeCount, {followersPerLeader: 2});
			seeds = many.groups.map(g => g.leader.address);
			dataNodes = many.nodes.map(n => n.address);
		}
		console.log(`bench: ${dataNodes.length} nodes, ${seconds}s, pty ${cols}x${rows}${load ? `, load ${rate} ops/s` : ''}`);

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

		const before = await Promise.all(dataNodes.map(commandUsec));
		const typescript = join(dir, 'pty.out');
		const command = `stty cols ${cols} rows ${rows}; exec node ${process.env.BENCH_NODE_FLAGS ?? ''} bin/replwatch.js ${seeds.join(' ')} --interval 1s`;
		const started = performance.now();
		tui = spawn('script', ['-qfec', command, typescript], {stdio: ['pipe', 'ignore', 'ignore'], env: {...process.env, TERM: 'xterm-256color'}});
		// First complete frame with data: every data node's port on screen with a role marker.
		let firstFrameMs: number | undefined;
		const ports = dataNodes.slice(0, Math.min(dataNodes.length, 3)).map(a => splitAddress(a)[1].toString());
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
		await sleep(5000); // steady state
		const cpu0 = procStat(nodePid)!;
		const bytes0 = statSync(typescript).size;
		const t0 = performance.now();
		let peakRss = cpu0.rssKb;
		while (performance.now() - t0 < seconds * 1000) {
			await sleep(1000);
			const s = procStat(nodePid);
			if (!s) throw new Error('replwatch exited during the bench');
			peakRss = Math.max(peakRss, s.rssKb);
		}
		const elapsed = (performance.now() - t0) / 1000;
		const cpu1 = procStat(nodePid)!;
		const bytes1 = statSync(typescript).size;
		const after = await Promise.all(dataNodes.map(commandUsec));
		tui.kill('SIGTERM');
		tui = undefined;

		const ticks = (performance.now() - started) / 1000; // 1 s interval
		const perNodeTick = dataNodes.map((_, i) => (after[i]!.usec - before[i]!.usec - after[i]!.infoUsecPerCall) / ticks);
		const cpuPercent = ((cpu1.cpuTicks - cpu0.cpuTicks) / clockTicks / elapsed) * 100;
		const outRate = (bytes1 - bytes0) / elapsed;
		console.log(`Redis CPU per node per tick: avg ${avg(perNodeTick).toFixed(1)} µs, max ${Math.max(...perNodeTick).toFixed(1)} µs (budget 12 µs)`);
		console.log(`client CPU: ${cpuPercent.toFixed(2)} % of one core (budget ${dataNodes.length > 3 ? 15 : 2} %)`);
		console.log(`client RSS: now ${(cpu1.rssKb / 1024).toFixed(1)} MB, peak ${(peakRss / 1024).toFixed(1)} MB (budget 120 MB)`);
		console.log(`terminal output: ${(outRate / 1024).toFixed(2)} KB/s at ${cols}x${rows} (budget 2 KB/s for 3 nodes)`);
		if (load) console.log(`load: ${JSON.stringify(load.stats())}`);
	} finally {
		await cleanup();
	}
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

function avg(values: number[]): number {
	return values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
}

main().catch(error => {
	console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
	process.exitCode = 1;
});
