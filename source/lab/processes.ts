import {spawn, spawnSync, type ChildProcess} from 'node:child_process';
import {createServer, Socket} from 'node:net';

/** True when nothing listens on host:port and we may bind it. */
export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
	return new Promise(resolve => {
		const server = createServer();
		server.once('error', () => resolve(false));
		server.listen({port, host, exclusive: true}, () => server.close(() => resolve(true)));
	});
}

let nextCandidate = 20_000 + Math.floor(Math.random() * 20_000);

/**
 * A free loopback port, checked by binding it. With `alsoFree` offsets (cluster bus = port+10000),
 * those must be free too. Candidates are spread so parallel test files rarely collide.
 */
export async function findFreePort(alsoFree: readonly number[] = [], host = '127.0.0.1'): Promise<number> {
	for (let attempt = 0; attempt < 500; attempt++) {
		nextCandidate = nextCandidate >= 50_000 ? 20_000 + Math.floor(Math.random() * 1000) : nextCandidate + 1 + Math.floor(Math.random() * 7);
		const port = nextCandidate;
		if (!(await isPortFree(port, host))) continue;
		let ok = true;
		for (const offset of alsoFree) if (!(await isPortFree(port + offset, host))) ok = false;
		if (ok) return port;
	}
	throw new Error('no free loopback port found');
}

/** One RESP round trip over a raw socket: used to wait for readiness without a client library. */
export function rawCommand(port: number, args: readonly string[], timeoutMs = 1000, host = '127.0.0.1'): Promise<string> {
	return new Promise((resolve, reject) => {
		const socket = new Socket();
		let data = '';
		const timer = setTimeout(() => {
			socket.destroy();
			reject(new Error('timeout'));
		}, timeoutMs);
		socket.once('error', error => {
			clearTimeout(timer);
			socket.destroy();
			reject(error);
		});
		socket.on('data', chunk => {
			data += chunk.toString('utf8');
			if (data.endsWith('\r\n')) {
				clearTimeout(timer);
				socket.destroy();
				resolve(data);
			}
		});
		socket.connect(port, host, () => {
			socket.write(`*${args.length}\r\n${args.map(a => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`);
		});
	});
}

/** True while a process with this PID exists (signal 0 checks without sending anything). */
export function isAlive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

export async function waitFor(predicate: () => Promise<boolean> | boolean, timeoutMs: number, stepMs = 50): Promise<boolean> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		try {
			if (await predicate()) return true;
		} catch {
			// not yet
		}
		await new Promise(resolve => setTimeout(resolve, stepMs));
	}
	return false;
}

export function which(command: string): string | undefined {
	const result = spawnSync('sh', ['-c', `command -v ${command}`], {encoding: 'utf8'});
	const path = result.stdout.trim();
	return result.status === 0 && path !== '' ? path : undefined;
}

export interface Spawned {
	readonly child: ChildProcess;
	readonly pid: number;
	/** Resolves when the process has exited. */
	readonly exited: Promise<void>;
}

/** The environment for a helper process: without the passwords replwatch was given (they would sit in /proc/PID/environ). */
export function envWithoutSecrets(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
	const {REDISCLI_AUTH: _auth, REDISCLI_SENTINEL_AUTH: _sentinelAuth, ...rest} = env;
	return rest;
}

export function spawnServer(command: string, args: readonly string[], cwd: string): Spawned {
	const child = spawn(command, args, {cwd, stdio: 'ignore', detached: false, env: envWithoutSecrets()});
	if (child.pid === undefined) throw new Error(`could not start ${command}`);
	const exited = new Promise<void>(resolve => {
		if (child.exitCode !== null || child.signalCode !== null) resolve();
		else child.once('exit', () => resolve());
	});
	return {child, pid: child.pid, exited};
}

/** Stops exactly this PID: SIGCONT first (a stopped process cannot exit), then TERM, then KILL. */
export async function stopSpawned(spawned: Spawned, graceMs = 2000): Promise<void> {
	const {child} = spawned;
	if (child.exitCode !== null || child.signalCode !== null) return;
	try {
		process.kill(spawned.pid, 'SIGCONT');
		process.kill(spawned.pid, 'SIGTERM');
	} catch {
		return;
	}
	const timer = setTimeout(() => {
		try {
			process.kill(spawned.pid, 'SIGKILL');
		} catch {
			// already gone
		}
	}, graceMs);
	await spawned.exited;
	clearTimeout(timer);
}
