import {createServer, Socket, type Server} from 'node:net';
import {findFreePort} from './processes.js';

export interface ThrottleProxyOptions {
	readonly targetPort: number;
	readonly targetHost?: string;
	/** Forwarding rate of each direction, in bytes per second. */
	readonly bytesPerSecond: number;
	readonly port?: number;
}

export interface ThrottleProxy {
	readonly port: number;
	readonly targetPort: number;
	readonly bytesPerSecond: number;
	/** Bytes forwarded so far towards the client (the follower) and towards the target. */
	forwarded(): {readonly toClient: number; readonly toTarget: number};
	stop(): Promise<void>;
}

const sliceMs = 50;
// Stop reading from the source while this much waits, so the backlog stays in the sender's buffers.
const highWater = 256 * 1024;

/** Forwards `from` into `to` at no more than bytesPerSecond. */
function throttledPipe(from: Socket, to: Socket, bytesPerSecond: number, onBytes: (n: number) => void): () => void {
	const queue: Buffer[] = [];
	let queued = 0;
	const perSlice = Math.max(1, Math.floor((bytesPerSecond * sliceMs) / 1000));
	from.on('data', (chunk: Buffer) => {
		queue.push(chunk);
		queued += chunk.length;
		if (queued > highWater) from.pause();
	});
	const timer = setInterval(() => {
		let budget = perSlice;
		while (budget > 0 && queue.length > 0) {
			const head = queue[0]!;
			const part = head.length <= budget ? head : head.subarray(0, budget);
			if (part === head) queue.shift();
			else queue[0] = head.subarray(budget);
			budget -= part.length;
			queued -= part.length;
			onBytes(part.length);
			if (!to.destroyed) to.write(part);
		}
		if (queued <= highWater && from.isPaused()) from.resume();
	}, sliceMs);
	timer.unref();
	return () => clearInterval(timer);
}

/** A local TCP proxy that slows a link down to a given rate (spec H "slow network"); no root needed. */
export async function startThrottleProxy(options: ThrottleProxyOptions): Promise<ThrottleProxy> {
	const port = options.port ?? (await findFreePort());
	const host = options.targetHost ?? '127.0.0.1';
	const sockets = new Set<Socket>();
	let toClient = 0;
	let toTarget = 0;
	const server: Server = createServer(client => {
		const upstream = new Socket();
		sockets.add(client);
		sockets.add(upstream);
		const stops = [
			throttledPipe(client, upstream, options.bytesPerSecond, n => (toTarget += n)),
			throttledPipe(upstream, client, options.bytesPerSecond, n => (toClient += n)),
		];
		const close = () => {
			for (const stop of stops) stop();
			client.destroy();
			upstream.destroy();
			sockets.delete(client);
			sockets.delete(upstream);
		};
		client.on('error', close).on('close', close);
		upstream.on('error', close).on('close', close);
		upstream.connect(options.targetPort, host);
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(port, '127.0.0.1', () => resolve());
	});
	server.unref();
	let stopped = false;
	return {
		port,
		targetPort: options.targetPort,
		bytesPerSecond: options.bytesPerSecond,
		forwarded: () => ({toClient, toTarget}),
		async stop() {
			if (stopped) return;
			stopped = true;
			for (const socket of sockets) socket.destroy();
			sockets.clear();
			await new Promise<void>(resolve => server.close(() => resolve()));
		},
	};
}
