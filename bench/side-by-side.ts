// Side by side on one lab: what replwatch, `redis-cli --stat` (INFO every second) and an exporter's
// scrape (`INFO all` every 15 s, on a fresh connection like a Prometheus exporter's) cost each node,
// and the client CPU and RSS of replwatch and of redis-cli --stat. The windows run one after the
// other on the same lab under the same load: commandstats count per command, not per client.
import {spawn, type ChildProcess} from 'node:child_process';
import {Redis} from 'ioredis';
import {splitAddress} from '../source/model/address.js';
import {loadAverage} from './budget-table.js';
import {clockTicks, cpuTicks, rssKb, sleep} from './proc.js';
import {costDuring} from './redis-cost.js';

export interface ClientFigures {
	readonly usecPerNodeSecond: number;
	readonly cpuPercent: number;
	readonly rssMb: number;
}

const avg = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);

/** One `redis-cli --stat` per node for `seconds`: Redis µs per node per second, and the CPU and peak RSS of one redis-cli. */
async function redisCliStat(nodes: readonly string[], seconds: number): Promise<ClientFigures & {load: string}> {
	const procs: ChildProcess[] = [];
	let cpu = 0;
	let peakKb = 0;
	try {
		const usec = await costDuring(nodes, async () => {
			for (const n of nodes) {
				const {host, port} = splitAddress(n);
				procs.push(spawn('redis-cli', ['-h', host, '-p', String(port), '--stat', '-i', '1'], {stdio: ['ignore', 'ignore', 'ignore']}));
			}
			await sleep(500);
			const c0 = procs.map(p => cpuTicks(p.pid!));
			const t0 = performance.now();
			while (performance.now() - t0 < seconds * 1000 - 500) {
				await sleep(1000);
				for (const p of procs) peakKb = Math.max(peakKb, rssKb(p.pid!));
			}
			const elapsed = (performance.now() - t0) / 1000;
			cpu = avg(procs.map((p, i) => ((cpuTicks(p.pid!) - c0[i]!) / clockTicks / elapsed) * 100));
			for (const p of procs) p.kill('SIGTERM');
		});
		return {usecPerNodeSecond: avg(usec) / seconds, cpuPercent: cpu, rssMb: peakKb / 1024, load: loadAverage()};
	} finally {
		for (const p of procs) if (p.exitCode === null) p.kill('SIGTERM');
	}
}

/** `INFO all` every 15 s on each node, each on a new connection: Redis µs per node per second. */
async function exporterScrapes(nodes: readonly string[], seconds: number): Promise<{usecPerNodeSecond: number; scrapes: number; load: string}> {
	let scrapes = 0;
	const usec = await costDuring(nodes, async () => {
		const t0 = performance.now();
		while (performance.now() - t0 < seconds * 1000) {
			const next = t0 + (scrapes + 1) * 15_000;
			await Promise.all(nodes.map(async n => {
				const {host, port} = splitAddress(n);
				const c = new Redis({host, port, lazyConnect: true, enableReadyCheck: false, maxRetriesPerRequest: 0});
				c.on('error', () => {});
				await c.connect();
				await c.info('all');
				c.disconnect();
			}));
			scrapes++;
			await sleep(Math.max(0, Math.min(next, t0 + seconds * 1000) - performance.now()));
		}
	});
	return {usecPerNodeSecond: avg(usec) / seconds, scrapes, load: loadAverage()};
}

export async function sideBySide(nodes: readonly string[], seconds: number, replwatch: ClientFigures): Promise<void> {
	const replwatchLoad = loadAverage();
	const cli = await redisCliStat(nodes, seconds);
	const exporter = await exporterScrapes(nodes, seconds);
	const row = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padEnd(i === 0 ? 34 : 16)).join(' | ')} |`;
	console.log(`\nside by side, ${nodes.length} nodes under write load, ${seconds} s each:`);
	console.log(row(['client', 'Redis µs/node/s', 'client CPU', 'client RSS', 'load average']));
	console.log(row(['-'.repeat(34), ...Array(4).fill('-'.repeat(16))]));
	console.log(row(['replwatch @1 s (all nodes, one process)', replwatch.usecPerNodeSecond.toFixed(1), `${replwatch.cpuPercent.toFixed(2)} %`, `${replwatch.rssMb.toFixed(1)} MB`, replwatchLoad]));
	console.log(row(['redis-cli --stat -i 1 (one per node)', cli.usecPerNodeSecond.toFixed(1), `${cli.cpuPercent.toFixed(2)} % each`, `${cli.rssMb.toFixed(1)} MB each`, cli.load]));
	console.log(row([`INFO all every 15 s (${exporter.scrapes} scrapes)`, exporter.usecPerNodeSecond.toFixed(1), '-', '-', exporter.load]));
}
