// Issue 15 "Done when": memory and connections of the real TUI against hostile servers. Run by hand:
//   npm run build && npx tsx bench/hostile.ts [--seconds 30]
// Case 1: one server listing 5,000 replicas on loopback ports where nothing listens (default cap 256).
// Case 2: one server answering every INFO with a 50 MB bulk string, next to a normal one.
// The TUI runs in a pty (util-linux `script`); RSS (VmRSS) and open sockets are read from /proc every
// 200 ms; only the PIDs and servers started here are stopped.
import {spawn, type ChildProcess} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {masterWithReplicas, redisLike, startHostileServer, type HostileServer} from '../test/helpers/hostile-resp.js';
import {flag, nodePidUnder, productNodeFlags, rssMb, sleep} from './proc.js';

const seconds = flag('seconds', 30);



function sockets(pid: number): number {
	let n = 0;
	for (const fd of readdirSync(`/proc/${pid}/fd`)) {
		try {
			if (readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith('socket:')) n++;
		} catch {
			// closed meanwhile
		}
	}
	return n;
}

async function measure(name: string, nodes: readonly string[], expectOnScreen: RegExp): Promise<void> {
	const dir = mkdtempSync(join(tmpdir(), 'replwatch-hostile-'));
	const typescript = join(dir, 'pty.out');
	const command = `stty cols 120 rows 40; exec node ${productNodeFlags()} bin/replwatch.js ${nodes.join(' ')} --interval 1s`;
	const tui: ChildProcess = spawn('script', ['-qfec', command, typescript], {stdio: ['pipe', 'ignore', 'ignore'], env: {...process.env, TERM: 'xterm-256color'}});
	try {
		let pid: number | undefined;
		for (let i = 0; i < 50 && !pid; i++) {
			await sleep(100);
			pid = nodePidUnder(tui.pid!);
		}
		if (!pid) throw new Error('replwatch process not found');
		let peakRss = 0;
		let peakSockets = 0;
		const started = Date.now();
		while (Date.now() - started < seconds * 1000) {
			try {
				peakRss = Math.max(peakRss, rssMb(pid));
				peakSockets = Math.max(peakSockets, sockets(pid));
			} catch {
				break;
			}
			await sleep(200);
		}
		const screen = existsSync(typescript) ? readFileSync(typescript, 'utf8') : '';
		const seen = expectOnScreen.exec(screen)?.[0];
		console.log(`${name}: peak RSS ${peakRss.toFixed(0)} MB, peak open sockets ${peakSockets}, on screen: ${seen ? JSON.stringify(seen) : `NOT SEEN (${expectOnScreen})`} (${seconds} s)`);
	} finally {
		tui.kill('SIGTERM');
		await sleep(500);
		rmSync(dir, {recursive: true, force: true});
	}
}

async function main(): Promise<void> {
	if (!existsSync('dist/main.js')) throw new Error('run `npm run build` first');
	const servers: HostileServer[] = [];
	try {
		const replicas = await startHostileServer(redisLike(masterWithReplicas(5000, 1)));
		servers.push(replicas);
		await measure('5,000 replicas announced (default --max-nodes 256)', [replicas.address], /capped at \d+ nodes/);
		console.log(`  connections the hostile server accepted: ${replicas.connections()}`);
		const huge = await startHostileServer(redisLike(() => ({hugeBulk: 50 * 1024 * 1024})));
		const normal = await startHostileServer(redisLike(masterWithReplicas(0, 1)));
		servers.push(huge, normal);
		await measure('50 MB INFO reply', ['--no-discover', huge.address, normal.address], /reply too large[^\u001b│┃\n]*/);
		console.log(`  bytes the 50 MB server wrote into its sockets (kernel buffers included) before replwatch hung up: ${(huge.bytesSent() / 1024 / 1024).toFixed(1)} MB over ${huge.connections()} connection(s)`);
	} finally {
		await Promise.all(servers.map(s => s.close()));
	}
}

await main();
