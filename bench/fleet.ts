// The client side at 1000 simulated nodes (bench/sim-fleet.ts in its own process): the engine's
// tick time in this process, then the real TUI in a pty for CPU and RSS. Run by hand:
//   npm run build && npx tsx bench/fleet.ts [--groups 500] [--followers 1] [--seconds 60]
// BENCH_NODE_FLAGS="--cpu-prof --cpu-prof-dir=DIR" profiles the TUI process. --hold N keeps the
// fleet up N seconds after the figures, printing the seed list, for a look in tmux.
import {spawn, type ChildProcess} from 'node:child_process';
import {createInterface} from 'node:readline';
import {parseOptions} from '../source/cli/options.js';
import {createMonitor} from '../source/engine/monitor.js';
import {recordAndPrint, loadAverage} from './budget-table.js';
import {clockTicks, cpuTicks, flag, nodePidUnder, productNodeFlags, rssKb, sleep} from './proc.js';

const groups = flag('groups', 500);
const followers = flag('followers', 1);
const seconds = flag('seconds', 60);
const hold = flag('hold', 0);

const percentile = (values: readonly number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))] ?? 0;

async function startFleet(): Promise<{proc: ChildProcess; leaders: string[]; nodes: number}> {
	const proc = spawn(process.execPath, ['--import', 'tsx', 'bench/sim-fleet.ts', '--groups', String(groups), '--followers', String(followers)], {stdio: ['ignore', 'pipe', 'inherit']});
	const line = await new Promise<string>((resolve, reject) => {
		const lines = createInterface({input: proc.stdout!});
		lines.once('line', resolve);
		proc.once('exit', code => reject(new Error(`sim-fleet exited (${code})`)));
	});
	const {leaders, nodes} = JSON.parse(line) as {leaders: string[]; nodes: number};
	return {proc, leaders, nodes};
}

async function main(): Promise<void> {
	let fleet: ChildProcess | undefined;
	let tui: ChildProcess | undefined;
	const cleanup = () => {
		tui?.kill('SIGTERM');
		fleet?.kill('SIGTERM');
	};
	process.on('SIGINT', () => {
		cleanup();
		process.exit(130);
	});
	try {
		const started = await startFleet();
		fleet = started.proc;
		const {leaders, nodes} = started;
		const argv = [...leaders, '--interval', '1s', '--max-nodes', String(nodes + 10)];
		console.log(`fleet: ${nodes} simulated nodes (${groups} leaders × ${followers} follower(s)), load ${loadAverage()}`);

		const parsed = parseOptions(argv);
		if (parsed.kind !== 'options') throw new Error('bench options did not parse');
		const monitor = createMonitor(parsed.options);
		const t0 = performance.now();
		let snapshot = await monitor.tickOnce();
		while (Object.values(snapshot.topology.nodes).filter(n => n.sample.reachable).length < nodes && performance.now() - t0 < 60_000) {
			await sleep(1000);
			snapshot = await monitor.tickOnce();
		}
		const reached = Object.values(snapshot.topology.nodes).filter(n => n.sample.reachable).length;
		console.log(`engine: ${reached} of ${nodes} nodes reached after ${((performance.now() - t0) / 1000).toFixed(1)} s`);
		const ticks: number[] = [];
		const cpu0 = process.cpuUsage();
		for (let i = 0; i < 20; i++) {
			const next = performance.now() + 1000;
			const t = performance.now();
			await monitor.tickOnce();
			ticks.push(performance.now() - t);
			await sleep(Math.max(0, next - performance.now()));
		}
		const used = process.cpuUsage(cpu0);
		// CPU per tick is what a loaded machine disturbs least (the wall time waits for the CPU too).
		const cpuPerTick = (used.user + used.system) / 1000 / ticks.length;
		await monitor.stop();
		const tickMedian = percentile(ticks, 0.5);
		const tickP90 = percentile(ticks, 0.9);
		console.log(`engine tick at ${nodes} nodes (probe, topology, checks; no UI): median ${tickMedian.toFixed(0)} ms, p90 ${tickP90.toFixed(0)} ms, max ${Math.max(...ticks).toFixed(0)} ms; CPU ${cpuPerTick.toFixed(0)} ms per tick (load ${loadAverage()})`);

		const command = `stty cols 200 rows 60; exec node ${productNodeFlags()} bin/replwatch.js ${argv.join(' ')}`;
		tui = spawn('script', ['-qfec', command, '/dev/null'], {stdio: ['pipe', 'ignore', 'ignore'], env: {...process.env, TERM: 'xterm-256color'}});
		await sleep(1000);
		const pid = nodePidUnder(tui.pid!);
		if (!pid) throw new Error('replwatch process not found under script');
		await sleep(15_000); // every node reached, history filling
		const c0 = cpuTicks(pid);
		const w0 = performance.now();
		let peakKb = rssKb(pid);
		while (performance.now() - w0 < seconds * 1000) {
			await sleep(1000);
			peakKb = Math.max(peakKb, rssKb(pid));
		}
		const elapsed = (performance.now() - w0) / 1000;
		const cpu = ((cpuTicks(pid) - c0) / clockTicks / elapsed) * 100;
		const rss = rssKb(pid) / 1024;
		const fleetCpu = fleet.pid ? cpuTicks(fleet.pid) / clockTicks : 0;
		console.log(`TUI at ${nodes} nodes, 200x60, ${elapsed.toFixed(0)} s: CPU ${cpu.toFixed(1)} % of a core, RSS ${rss.toFixed(1)} MB (peak ${(peakKb / 1024).toFixed(1)}) (load ${loadAverage()}; the simulator used ${fleetCpu.toFixed(0)} s of CPU so far)`);
		tui.kill('SIGTERM');
		tui = undefined;
		recordAndPrint({
			sim1000: {
				value: `tick ${tickMedian.toFixed(0)} ms (p90 ${tickP90.toFixed(0)}, ${cpuPerTick.toFixed(0)} ms CPU), CPU ${cpu.toFixed(1)} %, RSS ${(peakKb / 1024).toFixed(0)} MB (${nodes} nodes)`,
				ok: tickMedian <= 250 && cpu <= 60 && peakKb / 1024 <= 300,
			},
		});
		if (hold > 0) {
			console.log(`\nfleet held ${hold} s; watch it with:\n  node bin/replwatch.js ${argv.join(' ')}`);
			await sleep(hold * 1000);
		}
	} finally {
		cleanup();
	}
}

main().catch(error => {
	console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
	process.exitCode = 1;
});
