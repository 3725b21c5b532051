// Measures `replwatch serve` on a fleet (issue 16): the cost of a Prometheus scrape and the
// exporter's CPU while it polls every node each second and is scraped every second. Run by hand:
//   npm run build && npx tsx bench/serve.ts [--nodes 100] [--seconds 60]
// It starts its own nodes (free loopback ports) and stops exactly the PIDs it started.
import {execFile, spawn, type ChildProcess} from 'node:child_process';
import {existsSync} from 'node:fs';
import {Agent, get} from 'node:http';
import {loadavg} from 'node:os';
import {startManyNodes, type ManyNodes} from '../source/lab/cluster-lab.js';
import {findFreePort, waitFor} from '../source/lab/processes.js';
import {parseOptions} from '../source/cli/options.js';
import {createMonitor} from '../source/engine/monitor.js';
import {createExporter} from '../source/export/metrics.js';
import {startExporterServer} from '../source/export/server.js';
import {clockTicks, cpuTicks, flag, productNodeFlags, rssMb, sleep} from './proc.js';

const nodeCount = flag('nodes', 100);
const seconds = flag('seconds', 60);

/**
 * One scrape as a scraper sees it, timed by curl itself (a new connection, the whole body), when curl
 * is installed: fetch's own CPU in this process (undici, a cold path once a second) added 3-4 ms.
 */
function scrapeOnce(url: string): Promise<{ms: number; bytes: number}> {
	return new Promise(resolve => {
		execFile('curl', ['-s', '-o', '/dev/null', '-w', '%{time_total} %{size_download}', url], (error, stdout) => {
			if (!error) {
				const [total, size] = stdout.trim().split(' ').map(Number);
				resolve({ms: total! * 1000, bytes: size!});
				return;
			}
			const s = performance.now();
			void fetch(url).then(r => r.text()).then(body => resolve({ms: performance.now() - s, bytes: body.length}), () => resolve({ms: Number.NaN, bytes: 0}));
		});
	});
}

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))] ?? 0;

/** Client CPU over a window, with or without a scrape every second; returns % of one core and the scrape times. */
async function measure(pid: number, url: string, scrape: boolean): Promise<{cpu: number; scrapeMs: number[]; bytes: number}> {
	const scrapeMs: number[] = [];
	let bytes = 0;
	const t0 = performance.now();
	const c0 = cpuTicks(pid);
	while (performance.now() - t0 < seconds * 1000) {
		const next = performance.now() + 1000;
		if (scrape) {
			const one = await scrapeOnce(url);
			scrapeMs.push(one.ms);
			bytes = one.bytes;
		}
		await sleep(Math.max(0, next - performance.now()));
	}
	const cpu = ((cpuTicks(pid) - c0) / clockTicks / ((performance.now() - t0) / 1000)) * 100;
	return {cpu, scrapeMs, bytes};
}

async function main(): Promise<void> {
	if (!existsSync('dist/main.js')) throw new Error('run `npm run build` first');
	let many: ManyNodes | undefined;
	let serve: ChildProcess | undefined;
	const cleanup = async () => {
		serve?.kill('SIGTERM');
		await many?.stop();
	};
	process.on('SIGINT', () => void cleanup().then(() => process.exit(130)));
	try {
		many = await startManyNodes(nodeCount, {followersPerLeader: 2});
		const port = await findFreePort();
		const url = `http://127.0.0.1:${port}/metrics`;
		const seeds = many.groups.map(g => g.leader.address);
		serve = spawn(process.execPath, [...productNodeFlags().split(' ').filter(Boolean), 'bin/replwatch.js', 'serve', '--listen', `127.0.0.1:${port}`, '--interval', '1s', ...seeds], {stdio: ['ignore', 'ignore', 'inherit']});
		const pid = serve.pid!;
		const all = await waitFor(async () => {
			const text = await (await fetch(url).catch(() => undefined))?.text().catch(() => '') ?? '';
			return (text.match(/^replwatch_node_up\{[^}]*\} 1$/gm) ?? []).length >= nodeCount;
		}, 60_000, 500);
		if (!all) throw new Error(`not every node was up in /metrics within 60 s`);
		await sleep(5000); // steady state: discovery done, heavy INFO and CONFIG reads spread out
		console.log(`bench serve: ${nodeCount} nodes, interval 1 s, ${seconds} s per phase, load average ${loadavg().map(l => l.toFixed(2)).join(' ')}`);
		const quiet = await measure(pid, url, false);
		const scraped = await measure(pid, url, true);
		const series = (await (await fetch(url)).text()).split('\n').filter(l => l !== '' && !l.startsWith('#')).length;
		console.log(`scrape (GET /metrics over loopback, timed by curl, ${series} series, ${(scraped.bytes / 1024).toFixed(0)} KB): median ${percentile(scraped.scrapeMs, 0.5).toFixed(2)} ms, p95 ${percentile(scraped.scrapeMs, 0.95).toFixed(2)} ms, max ${Math.max(...scraped.scrapeMs).toFixed(2)} ms (budget 5 ms)`);
		console.log(`replwatch CPU: ${quiet.cpu.toFixed(2)} % of one core without scrapes, ${scraped.cpu.toFixed(2)} % with a scrape every second (budget 10 % at 100 nodes)`);
		console.log(`replwatch RSS: ${rssMb(pid).toFixed(1)} MB`);
		// The scrape's own cost, as CPU time (a loaded machine stretches wall time, not this): the same
		// exporter on a monitor of the same fleet, in this process. The text is rendered once per tick
		// (the render row) and a scrape writes the kept text (the scrape row: this process's CPU for a
		// whole GET over loopback, the client side included, so an upper bound).
		const parsed = parseOptions([...seeds, '--interval', '1s']);
		if (parsed.kind !== 'options') throw new Error('bench options did not parse');
		const monitor = createMonitor(parsed.options);
		for (let i = 0; i < 3; i++) await monitor.tickOnce();
		const exporter = createExporter({snapshot: () => monitor.getSnapshot()});
		exporter.observe(monitor.getSnapshot());
		const cpuOf = async (run: () => Promise<unknown>, times: number) => {
			const ms: number[] = [];
			for (let i = 0; i < times; i++) {
				const c = process.cpuUsage();
				await run();
				const d = process.cpuUsage(c);
				ms.push((d.user + d.system) / 1000);
			}
			return ms.slice(10);
		};
		const renderMs = await cpuOf(() => exporter.registry.metrics(), 60);
		const local = await startExporterServer(exporter, () => monitor.getSnapshot(), {host: '127.0.0.1', port: await findFreePort()});
		const localUrl = `http://${local.address}/metrics`;
		// node:http with keep-alive as the client: fetch's own CPU per request was most of the figure.
		const agent = new Agent({keepAlive: true});
		const scrapeMs = await cpuOf(() => new Promise<void>((resolve, reject) => {
			get(localUrl, {agent}, res => res.on('data', () => undefined).on('end', resolve).on('error', reject)).on('error', reject);
		}), 110);
		agent.destroy();
		await local.close();
		await monitor.stop();
		const nodes = Object.keys(monitor.getSnapshot().topology.nodes).length;
		console.log(`render /metrics once per tick, in process (${nodes} nodes, 50 runs after warm-up): CPU median ${percentile(renderMs, 0.5).toFixed(2)} ms, p95 ${percentile(renderMs, 0.95).toFixed(2)} ms`);
		console.log(`scrape in process (GET of the kept text over keep-alive, node:http client side included, 100 runs): CPU median ${percentile(scrapeMs, 0.5).toFixed(2)} ms, p95 ${percentile(scrapeMs, 0.95).toFixed(2)} ms (budget 5 ms)`);
		console.log(`load average at the end: ${loadavg().map(l => l.toFixed(2)).join(' ')} (2 cores; latencies stretch with load, CPU time and RSS much less)`);
	} finally {
		await cleanup();
	}
}

main().catch(error => {
	console.error(`bench failed: ${error instanceof Error ? error.message : String(error)}`);
	process.exitCode = 1;
});
