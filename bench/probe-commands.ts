// Per command, what replwatch (the real TUI in a pty, 1 s) sends each node of a 3-node lab under
// write load over a window, from each node's INFO commandstats: calls and µs per node per second.
// Run by hand: npm run build && npx tsx bench/probe-commands.ts [--seconds 60] [--valkey 1] [--warm 5]
import {spawn, type ChildProcess} from 'node:child_process';
import {Redis} from 'ioredis';
import {startLab, labServer, type Lab} from '../source/lab/lab.js';
import {startLoad, type LoadGenerator} from '../source/lab/load.js';
import {parseInfo} from '../source/redis/parse-info.js';
import {splitAddress} from '../source/model/address.js';
import {flag, sleep} from './proc.js';
import {loadAverage} from './budget-table.js';
import {monitorCommands} from './redis-cost.js';

const seconds = flag('seconds', 60);
const warm = flag('warm', 5);
const product = flag('valkey', 0) ? 'valkey' : 'redis';

async function stats(address: string): Promise<Record<string, {calls: number; usec: number}>> {
	const {host, port} = splitAddress(address);
	const c = new Redis({host, port, lazyConnect: true, maxRetriesPerRequest: 0});
	c.on('error', () => {});
	await c.connect();
	try {
		return parseInfo(await c.info('commandstats')).commandstats;
	} finally {
		c.disconnect();
	}
}

async function main(): Promise<void> {
	let lab: Lab | undefined;
	let load: LoadGenerator | undefined;
	let tui: ChildProcess | undefined;
	try {
		lab = await startLab({followers: 2, server: labServer(product)});
		load = startLoad(lab, {rate: flag('rate', 200), leaderCheckMs: 3_600_000});
		const nodes = [lab.leader, ...lab.followers].map(p => p.address);
		tui = spawn('script', ['-qfec', `stty cols 120 rows 40; exec node bin/replwatch.js ${nodes[0]} --interval 1s`, '/dev/null'], {stdio: ['pipe', 'ignore', 'ignore'], env: {...process.env, TERM: 'xterm-256color'}});
		await sleep(warm * 1000);
		const before = await Promise.all(nodes.map(stats));
		const t0 = performance.now();
		await sleep(seconds * 1000);
		const after = await Promise.all(nodes.map(stats));
		const elapsed = (performance.now() - t0) / 1000;
		console.log(`${product}, ${elapsed.toFixed(0)} s, load ${loadAverage()}`);
		nodes.forEach((n, i) => {
			let total = 0;
			const rows: string[] = [];
			for (const [name, s] of Object.entries(after[i]!)) {
				if (!monitorCommands.test(name)) continue;
				const b = before[i]![name] ?? {calls: 0, usec: 0};
				const calls = s.calls - b.calls - (name === 'info' ? 1 : 0);
				const usec = s.usec - b.usec;
				if (calls <= 0) continue;
				total += usec;
				rows.push(`  ${name.padEnd(14)} ${String(calls).padStart(5)} calls ${(usec / calls).toFixed(1).padStart(7)} µs/call ${(usec / elapsed).toFixed(2).padStart(7)} µs/s`);
			}
			console.log(`${n} (${i === 0 ? 'leader' : 'follower'}): ${(total / elapsed).toFixed(2)} µs/s (includes one INFO commandstats reading)`);
			console.log(rows.join('\n'));
		});
	} finally {
		tui?.kill('SIGTERM');
		await load?.stop();
		await lab?.stop();
	}
}

void main();
