import {Redis} from 'ioredis';
import type {Lab, LabProcess} from './lab.js';
import {currentLeader, dataNodes} from './leader.js';

export interface LoadOptions {
	/** Operations per second, half writes to the leader, half reads spread over the followers. */
	readonly rate?: number;
	/** Size of each written value in bytes. */
	readonly valueBytes?: number;
	/** How often the current leader is looked up again (after a failover the writes follow it). */
	readonly leaderCheckMs?: number;
}

export interface LoadStats {
	readonly writes: number;
	readonly reads: number;
	readonly errors: number;
	readonly lastError?: string;
	/** Address writes currently go to. */
	readonly leader?: string;
	readonly rate: number;
}

export interface LoadGenerator {
	setRate(opsPerSecond: number): void;
	stats(): LoadStats;
	/** Writes about `bytes` to the leader as fast as it takes them; resolves to the bytes accepted. */
	burst(bytes: number): Promise<number>;
	stop(): Promise<void>;
}

const tickMs = 100;
const keySpace = 1000;
const burstChunk = 64 * 1024;
const burstKeys = 16;
const maxInFlight = 200;

/**
 * A light write/read load on the lab. Every error is swallowed and counted: the load never throws
 * and never prints (the TUI owns the terminal).
 */
export function startLoad(lab: Lab, options: LoadOptions = {}): LoadGenerator {
	let rate = Math.max(0, options.rate ?? 50);
	const value = 'v'.repeat(options.valueBytes ?? 256);
	const clients = new Map<LabProcess, Redis>();
	let leader: LabProcess | undefined = lab.leader;
	let writes = 0;
	let reads = 0;
	let errors = 0;
	let lastError: string | undefined;
	let inFlight = 0;
	let sequence = 0;
	let readTurn = 0;
	let carry = 0;
	let stopped = false;

	const client = (node: LabProcess): Redis => {
		let c = clients.get(node);
		if (!c) {
			c = new Redis({
				host: '127.0.0.1',
				port: node.port,
				lazyConnect: false,
				enableOfflineQueue: false,
				maxRetriesPerRequest: 0,
				commandTimeout: 1000,
				connectTimeout: 1000,
				retryStrategy: () => 500,
				reconnectOnError: () => false,
			});
			c.on('error', () => {
				// counted where the command fails
			});
			clients.set(node, c);
		}
		return c;
	};

	const failed = (error: unknown) => {
		errors++;
		lastError = error instanceof Error ? error.message : String(error);
	};

	const send = (run: () => Promise<unknown>, count: () => void) => {
		if (inFlight >= maxInFlight) {
			errors++;
			return;
		}
		inFlight++;
		run().then(count, failed).finally(() => inFlight--);
	};

	const tick = () => {
		if (stopped || rate <= 0) return;
		carry += (rate * tickMs) / 1000;
		const ops = Math.floor(carry);
		carry -= ops;
		const followers = dataNodes(lab).filter(n => n !== leader && n.running());
		for (let i = 0; i < ops; i++) {
			const key = `lab:k:${sequence++ % keySpace}`;
			if (i % 2 === 0 || followers.length === 0) {
				const target = leader;
				if (!target) {
					errors++;
					continue;
				}
				send(() => client(target).set(key, value), () => writes++);
			} else {
				const target = followers[readTurn++ % followers.length]!;
				send(() => client(target).get(key), () => reads++);
			}
		}
	};

	const refreshLeader = async () => {
		if (stopped) return;
		try {
			leader = (await currentLeader(lab)) ?? leader;
		} catch (error) {
			failed(error);
		}
	};

	const ticker = setInterval(tick, tickMs);
	const leaderTimer = setInterval(() => void refreshLeader(), options.leaderCheckMs ?? 1000);
	ticker.unref();
	leaderTimer.unref();

	return {
		setRate(opsPerSecond) {
			rate = Math.max(0, opsPerSecond);
		},
		stats: () => ({writes, reads, errors, lastError, leader: leader?.address, rate}),
		async burst(bytes) {
			await refreshLeader();
			const target = leader;
			if (!target || stopped) return 0;
			const chunk = 'b'.repeat(burstChunk);
			const count = Math.ceil(bytes / burstChunk);
			let accepted = 0;
			// Batches of 16 pipelined SETs over a bounded key set: lots of replication stream, little memory.
			for (let i = 0; i < count && !stopped; i += burstKeys) {
				const pipeline = client(target).pipeline();
				const n = Math.min(burstKeys, count - i);
				for (let j = 0; j < n; j++) pipeline.set(`lab:burst:${j}`, chunk);
				try {
					const results = (await pipeline.exec()) ?? [];
					for (const [error] of results) {
						if (error) failed(error);
						else accepted += burstChunk;
					}
				} catch (error) {
					failed(error);
					break;
				}
			}
			writes += accepted / burstChunk;
			return accepted;
		},
		async stop() {
			if (stopped) return;
			stopped = true;
			clearInterval(ticker);
			clearInterval(leaderTimer);
			for (const c of clients.values()) c.disconnect();
			clients.clear();
		},
	};
}
