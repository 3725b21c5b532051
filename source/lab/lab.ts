import {mkdirSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {findFreePort, rawCommand, spawnServer, stopSpawned, waitFor, which, type Spawned} from './processes.js';

export type LabRole = 'leader' | 'follower' | 'sentinel';

export interface LabProcess {
	readonly name: string; // leader, follower1, sentinel1, …
	readonly role: LabRole;
	readonly port: number;
	readonly address: string; // 127.0.0.1:port
	readonly dir: string;
	readonly logFile: string;
	/** Current PID (changes on restart). */
	pid(): number | undefined;
	running(): boolean;
	/** SIGSTOP / SIGCONT */
	pause(): void;
	resume(): void;
	paused(): boolean;
	/** SIGKILL, no cleanup by the server. */
	kill9(): Promise<void>;
	stop(): Promise<void>;
	/** Start again on the same port with the same arguments (plus extra ones). */
	start(extraArgs?: readonly string[]): Promise<void>;
	/** One command over a raw socket; returns the RESP reply text. */
	command(...args: string[]): Promise<string>;
}

/** Which server a lab runs: its binaries (Debian names them redis-server/redis-sentinel, valkey-server/valkey-sentinel). */
export interface LabServer {
	readonly product: 'redis' | 'valkey';
	readonly server: string;
	/** Absent: the server binary runs with --sentinel. */
	readonly sentinel?: string;
}

export interface LabOptions {
	/** The binaries to run; default redis-server (and redis-sentinel when installed). */
	readonly server?: LabServer;
	readonly followers?: number;
	readonly sentinels?: number;
	/** Extra redis-server arguments for every data node, e.g. ['--repl-diskless-sync', 'no']. */
	readonly nodeArgs?: readonly string[];
	readonly leaderArgs?: readonly string[];
	readonly followerArgs?: readonly string[];
	readonly masterName?: string;
	readonly downAfterMs?: number;
	readonly failoverTimeoutMs?: number;
	readonly quorum?: number;
	/** Wait until every follower's link is up (default true). */
	readonly waitForSync?: boolean;
}

export interface Lab {
	readonly dir: string;
	readonly masterName: string;
	readonly leader: LabProcess;
	readonly followers: readonly LabProcess[];
	readonly sentinels: readonly LabProcess[];
	readonly all: readonly LabProcess[];
	/** Every PID this lab started and that still runs. */
	pids(): number[];
	stop(): Promise<void>;
}

export const redisServerPath = (): string | undefined => which('redis-server');
export const redisSentinelPath = (): string | undefined => which('redis-sentinel');

/** The installed server of a product, or undefined when its server binary is missing. */
export function labServer(product: 'redis' | 'valkey'): LabServer | undefined {
	const server = which(`${product}-server`);
	if (!server) return undefined;
	const sentinel = which(`${product}-sentinel`);
	return {product, server, ...(sentinel ? {sentinel} : {})};
}

function makeProcess(
	name: string,
	role: LabRole,
	port: number,
	dir: string,
	launch: (extra: readonly string[]) => Spawned,
	onSpawn: (s: Spawned) => void,
): LabProcess {
	let current: Spawned | undefined;
	let isPaused = false;
	const logFile = join(dir, `${name}.log`);
	const alive = () => current !== undefined && current.child.exitCode === null && current.child.signalCode === null;
	const self: LabProcess = {
		name,
		role,
		port,
		address: `127.0.0.1:${port}`,
		dir,
		logFile,
		pid: () => (alive() ? current!.pid : undefined),
		running: alive,
		pause() {
			if (alive()) {
				process.kill(current!.pid, 'SIGSTOP');
				isPaused = true;
			}
		},
		resume() {
			if (alive()) process.kill(current!.pid, 'SIGCONT');
			isPaused = false;
		},
		paused: () => isPaused && alive(),
		async kill9() {
			if (!alive()) return;
			const s = current!;
			process.kill(s.pid, 'SIGKILL');
			isPaused = false;
			await s.exited;
		},
		async stop() {
			if (current) await stopSpawned(current);
			isPaused = false;
		},
		async start(extra = []) {
			if (alive()) return;
			current = launch(extra);
			onSpawn(current);
			const ready = await waitFor(async () => (await rawCommand(port, ['PING'], 500)).length > 0, 10_000);
			if (!ready) throw new Error(`${name} did not start on port ${port} (see ${logFile})`);
		},
		command: (...args: string[]) => rawCommand(port, args, 2000),
	};
	return self;
}

/**
 * Starts a real local topology on free loopback ports in a temp dir: a leader, followers and
 * optionally Sentinels. Stops exactly the PIDs it started.
 */
export async function startLab(options: LabOptions = {}): Promise<Lab> {
	const chosen = options.server ?? labServer('redis');
	if (!chosen) throw new Error('redis-server is not installed (apt-get install -y redis-server redis-sentinel)');
	const server = chosen.server;
	const followerCount = options.followers ?? 2;
	const sentinelCount = options.sentinels ?? 0;
	const masterName = options.masterName ?? 'mymaster';
	const dir = mkdtempSync(join(tmpdir(), 'replwatch-lab-'));
	const spawned = new Set<Spawned>();
	const track = (s: Spawned) => {
		spawned.add(s);
		void s.exited.then(() => spawned.delete(s));
	};
	const processes: LabProcess[] = [];

	const dataNode = async (name: string, role: LabRole, args: readonly string[]) => {
		const port = await findFreePort();
		const nodeDir = join(dir, name);
		rmSync(nodeDir, {recursive: true, force: true});
		mkdirSync(nodeDir, {recursive: true});
		const base = [
			'--port', String(port),
			'--bind', '127.0.0.1',
			'--dir', nodeDir,
			'--logfile', join(dir, `${name}.log`),
			'--daemonize', 'no',
			'--save', '',
			'--appendonly', 'no',
			'--enable-debug-command', 'local',
			'--repl-diskless-sync-delay', '0',
			...(options.nodeArgs ?? []),
			...args,
		];
		const proc = makeProcess(name, role, port, dir, extra => spawnServer(server, [...base, ...extra], nodeDir), track);
		processes.push(proc);
		return proc;
	};

	try {
		const leader = await dataNode('leader', 'leader', options.leaderArgs ?? []);
		await leader.start();
		const followers: LabProcess[] = [];
		for (let i = 1; i <= followerCount; i++) {
			const follower = await dataNode(`follower${i}`, 'follower', [
				'--replicaof', '127.0.0.1', String(leader.port),
				...(options.followerArgs ?? []),
			]);
			followers.push(follower);
		}
		await Promise.all(followers.map(f => f.start()));
		if (options.waitForSync ?? true) {
			for (const f of followers) {
				const up = await waitFor(async () => (await f.command('INFO', 'replication')).includes('master_link_status:up'), 15_000, 100);
				if (!up) throw new Error(`${f.name} did not sync with the leader`);
			}
		}

		const sentinels: LabProcess[] = [];
		if (sentinelCount > 0) {
			const sentinelBin = chosen.sentinel;
			const useServer = !sentinelBin;
			for (let i = 1; i <= sentinelCount; i++) {
				const port = await findFreePort();
				const name = `sentinel${i}`;
				const conf = join(dir, `${name}.conf`);
				writeFileSync(conf, [
					`port ${port}`,
					'bind 127.0.0.1',
					`dir ${dir}`,
					`logfile ${join(dir, `${name}.log`)}`,
					'daemonize no',
					`sentinel monitor ${masterName} 127.0.0.1 ${leader.port} ${options.quorum ?? Math.floor(sentinelCount / 2) + 1}`,
					`sentinel down-after-milliseconds ${masterName} ${options.downAfterMs ?? 2000}`,
					`sentinel failover-timeout ${masterName} ${options.failoverTimeoutMs ?? 10_000}`,
					`sentinel parallel-syncs ${masterName} 1`,
					'',
				].join('\n'));
				const command = useServer ? server : sentinelBin!;
				const args = useServer ? [conf, '--sentinel'] : [conf];
				const proc = makeProcess(name, 'sentinel', port, dir, extra => spawnServer(command, [...args, ...extra], dir), track);
				processes.push(proc);
				sentinels.push(proc);
			}
			await Promise.all(sentinels.map(s => s.start()));
		}

		let stopped = false;
		return {
			dir,
			masterName,
			leader,
			followers,
			sentinels,
			all: processes,
			pids: () => [...spawned].map(s => s.pid),
			async stop() {
				if (stopped) return;
				stopped = true;
				await Promise.all([...spawned].map(s => stopSpawned(s)));
				rmSync(dir, {recursive: true, force: true});
			},
		};
	} catch (error) {
		await Promise.all([...spawned].map(s => stopSpawned(s)));
		rmSync(dir, {recursive: true, force: true});
		throw error;
	}
}
