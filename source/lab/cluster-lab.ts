import {spawn} from 'node:child_process';
import {mkdirSync, mkdtempSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {findFreePort, rawCommand, spawnServer, stopSpawned, waitFor, which, type Spawned} from './processes.js';

/** One redis-server started by these helpers. */
export interface LabNode {
	readonly name: string;
	readonly port: number;
	readonly address: string; // 127.0.0.1:port
	readonly pid: number;
	running(): boolean;
	/** SIGSTOP / SIGCONT */
	pause(): void;
	resume(): void;
	kill9(): Promise<void>;
	command(...args: string[]): Promise<string>;
}

export interface ClusterLabOptions {
	readonly shards?: number; // default 3 (redis-cli needs at least 3 masters)
	readonly replicasPerShard?: number; // default 1
	readonly nodeArgs?: readonly string[];
}

export interface ClusterLab {
	readonly dir: string;
	readonly nodes: readonly LabNode[];
	pids(): number[];
	stop(): Promise<void>;
}

export interface ManyNodesGroup {
	readonly leader: LabNode;
	readonly followers: readonly LabNode[];
}

export interface ManyNodes {
	readonly dir: string;
	readonly nodes: readonly LabNode[];
	/** Groups of one leader and up to two followers, in start order. */
	readonly groups: readonly ManyNodesGroup[];
	pids(): number[];
	stop(): Promise<void>;
}

const lightArgs = ['--bind', '127.0.0.1', '--daemonize', 'no', '--save', '', '--appendonly', 'no', '--maxmemory', '0'];

/** Tracks every process one helper started, so stop() ends exactly those and removes the temp dir. */
class Fleet {
	readonly dir: string;
	readonly nodes: LabNode[] = [];
	private readonly spawned = new Set<Spawned>();
	private stopped = false;

	constructor(prefix: string) {
		this.dir = mkdtempSync(join(tmpdir(), prefix));
	}

	launch(server: string, name: string, port: number, args: readonly string[]): LabNode {
		const nodeDir = join(this.dir, name);
		mkdirSync(nodeDir, {recursive: true});
		const s = spawnServer(server, ['--port', String(port), '--dir', nodeDir, '--logfile', join(this.dir, `${name}.log`), ...lightArgs, ...args], nodeDir);
		this.spawned.add(s);
		void s.exited.then(() => this.spawned.delete(s));
		const alive = () => s.child.exitCode === null && s.child.signalCode === null;
		const node: LabNode = {
			name,
			port,
			address: `127.0.0.1:${port}`,
			pid: s.pid,
			running: alive,
			pause: () => {
				if (alive()) process.kill(s.pid, 'SIGSTOP');
			},
			resume: () => {
				if (alive()) process.kill(s.pid, 'SIGCONT');
			},
			async kill9() {
				if (!alive()) return;
				process.kill(s.pid, 'SIGKILL');
				await s.exited;
			},
			command: (...cmd: string[]) => rawCommand(port, cmd, 2000),
		};
		this.nodes.push(node);
		return node;
	}

	async ready(timeoutMs = 10_000): Promise<void> {
		const results = await Promise.all(this.nodes.map(n => waitFor(async () => (await n.command('PING')).length > 0, timeoutMs, 50)));
		const failed = this.nodes.filter((_, i) => !results[i]);
		if (failed.length > 0) throw new Error(`${failed.map(n => n.name).join(', ')} did not start (see ${this.dir})`);
	}

	pids(): number[] {
		return [...this.spawned].map(s => s.pid);
	}

	async stop(): Promise<void> {
		if (this.stopped) return;
		this.stopped = true;
		await Promise.all([...this.spawned].map(s => stopSpawned(s)));
		rmSync(this.dir, {recursive: true, force: true});
	}
}

function serverPath(): string {
	const server = which('redis-server');
	if (!server) throw new Error('redis-server is not installed (apt-get install -y redis-server)');
	return server;
}

function run(command: string, args: readonly string[], timeoutMs: number): Promise<{code: number | null; output: string}> {
	return new Promise(resolve => {
		const child = spawn(command, args, {stdio: ['ignore', 'pipe', 'pipe']});
		let output = '';
		child.stdout.on('data', chunk => (output += String(chunk)));
		child.stderr.on('data', chunk => (output += String(chunk)));
		const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
		child.once('exit', code => {
			clearTimeout(timer);
			resolve({code, output});
		});
	});
}

/**
 * A real Redis Cluster on loopback: `shards` masters with `replicasPerShard` replicas each,
 * created with `redis-cli --cluster create`. Resolves once every node reports `cluster_state:ok`.
 */
export async function startClusterLab(options: ClusterLabOptions = {}): Promise<ClusterLab> {
	const server = serverPath();
	const cli = which('redis-cli');
	if (!cli) throw new Error('redis-cli is not installed');
	const shards = options.shards ?? 3;
	const replicas = options.replicasPerShard ?? 1;
	const fleet = new Fleet('replwatch-cluster-');
	try {
		const total = shards * (1 + replicas);
		const ports: number[] = [];
		// Sequential: findFreePort checks by binding, parallel calls could pick the same port.
		for (let i = 0; i < total; i++) ports.push(await findFreePort([10_000]));
		for (const port of ports) {
			fleet.launch(server, `node-${port}`, port, [
				'--cluster-enabled', 'yes',
				'--cluster-config-file', join(fleet.dir, `nodes-${port}.conf`),
				'--cluster-node-timeout', '2000',
				...(options.nodeArgs ?? []),
			]);
		}
		await fleet.ready();
		const created = await run(cli, ['--cluster', 'create', ...fleet.nodes.map(n => n.address), '--cluster-replicas', String(replicas), '--cluster-yes'], 30_000);
		if (created.code !== 0) throw new Error(`redis-cli --cluster create failed: ${created.output.split('\n').filter(Boolean).slice(-2).join(' ')}`);
		// cluster_state:ok comes as soon as slots are covered; replicas attach and gossip spreads later.
		const ok = await waitFor(async () => {
			const states = await Promise.all(fleet.nodes.map(n => n.command('CLUSTER', 'INFO')));
			if (!states.every(s => s.includes('cluster_state:ok'))) return false;
			const views = await Promise.all(fleet.nodes.map(n => n.command('CLUSTER', 'NODES')));
			if (!views.every(v => v.split('\n').filter(line => / (myself,)?slave /.test(line)).length === shards * replicas)) return false;
			const links = await Promise.all(fleet.nodes.map(n => n.command('INFO', 'replication')));
			return links.every(text => text.includes('role:master') || text.includes('master_link_status:up'));
		}, 30_000, 100);
		if (!ok) throw new Error('cluster did not reach cluster_state:ok with every replica attached');
		return {dir: fleet.dir, nodes: fleet.nodes, pids: () => fleet.pids(), stop: () => fleet.stop()};
	} catch (error) {
		await fleet.stop();
		throw error;
	}
}

export interface ManyNodesOptions {
	readonly followersPerLeader?: number; // default 2
	readonly nodeArgs?: readonly string[];
	/** Wait until every follower's link is up (default true). */
	readonly waitForSync?: boolean;
}

/**
 * `n` standalone redis-servers started in parallel, arranged as groups of one leader and
 * (by default) two followers; the last group may be smaller. Cheap enough for a 100-node bench.
 */
export async function startManyNodes(n: number, options: ManyNodesOptions = {}): Promise<ManyNodes> {
	const server = serverPath();
	const perGroup = 1 + (options.followersPerLeader ?? 2);
	const fleet = new Fleet('replwatch-many-');
	try {
		const ports: number[] = [];
		for (let i = 0; i < n; i++) ports.push(await findFreePort());
		const groups: {leader: LabNode; followers: LabNode[]}[] = [];
		for (let i = 0; i < n; i++) {
			const g = Math.floor(i / perGroup);
			const extra = options.nodeArgs ?? [];
			if (i % perGroup === 0) {
				groups.push({leader: fleet.launch(server, `g${g}-leader`, ports[i]!, ['--repl-diskless-sync-delay', '0', ...extra]), followers: []});
			} else {
				const group = groups[g]!;
				const name = `g${g}-follower${group.followers.length + 1}`;
				group.followers.push(fleet.launch(server, name, ports[i]!, ['--replicaof', '127.0.0.1', String(group.leader.port), ...extra]));
			}
		}
		await fleet.ready(20_000);
		if (options.waitForSync ?? true) {
			const followers = groups.flatMap(g => g.followers);
			const synced = await Promise.all(followers.map(f => waitFor(async () => (await f.command('INFO', 'replication')).includes('master_link_status:up'), 30_000, 100)));
			const lagging = followers.filter((_, i) => !synced[i]);
			if (lagging.length > 0) throw new Error(`${lagging.length} followers did not sync (${lagging[0]!.name}…)`);
		}
		return {dir: fleet.dir, nodes: fleet.nodes, groups, pids: () => fleet.pids(), stop: () => fleet.stop()};
	} catch (error) {
		await fleet.stop();
		throw error;
	}
}
