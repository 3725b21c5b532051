import {randomBytes} from 'node:crypto';
import type {Redis} from 'ioredis';
import type {Address} from '../model/types.js';
import {sanitize} from '../model/sanitize.js';

/** Warning shown when `--heartbeat` is on: it is the one feature that writes to the watched deployment. */
export const heartbeatWarning =
	'--heartbeat writes one key (__replcheck:hb:<id>, expires after 60 s) to the leader every tick: it goes to the '
	+ 'dataset, the AOF and the replication stream, and needs write access to __replcheck:*.';

export const heartbeatTtlMs = 60_000;

export function heartbeatKey(toolId: string): string {
	return `__replcheck:hb:${toolId}`;
}

export function newToolId(): string {
	return randomBytes(4).toString('hex');
}

export type WriteRefusal = 'noreplicas' | 'oom' | 'readonly' | 'noperm' | 'timeout' | 'unreachable' | 'other';

/** Why the leader refused (or never answered) the heartbeat write. */
export function classifyWriteError(message: string): WriteRefusal {
	if (message.startsWith('NOREPLICAS')) return 'noreplicas';
	if (message.startsWith('OOM')) return 'oom';
	if (message.startsWith('READONLY')) return 'readonly';
	if (message.startsWith('NOPERM')) return 'noperm';
	if (/timed? ?out/i.test(message)) return 'timeout';
	if (/ECONNREFUSED|closed|ENOTFOUND|EHOSTUNREACH|ECONNRESET|not writeable|Stream isn't writeable/i.test(message)) return 'unreachable';
	return 'other';
}

export type FollowerHeartbeat =
	| {readonly state: 'ok'; readonly lagMs: number; readonly written: number}
	/** The key is not there: never replicated yet, expired (the follower is > 60 s behind), or deleted. */
	| {readonly state: 'missing'}
	/** Something else sits under the key (a writable replica written to locally?). */
	| {readonly state: 'foreign'; readonly value: string}
	| {readonly state: 'error'; readonly message: string};

/** A GET reply seen at `seenAt` (tool clock) → lag = seenAt − the written tool time (one clock, no skew). */
export function readHeartbeat(reply: unknown, seenAt: number): FollowerHeartbeat {
	if (reply === null || reply === undefined) return {state: 'missing'};
	const text = Buffer.isBuffer(reply) ? reply.toString('utf8') : String(reply);
	if (!/^\d{1,15}$/.test(text)) return {state: 'foreign', value: sanitize(text).slice(0, 40)};
	const written = Number(text);
	return {state: 'ok', written, lagMs: Math.max(0, seenAt - written)};
}

export interface HeartbeatReading {
	readonly at: number;
	readonly leader: Address;
	/** The tool time written this tick, when the leader accepted it. */
	readonly written?: number;
	readonly writeError?: {readonly kind: WriteRefusal; readonly message: string};
	readonly followers: Readonly<Record<Address, FollowerHeartbeat>>;
}

export interface HeartbeatOptions {
	/** A connection per node (the caller's settings: credentials, TLS, timeouts). Kept and reused. */
	readonly connect: (address: Address) => Redis;
	readonly toolId?: string;
	readonly now?: () => number;
}

function errorText(error: unknown): string {
	return sanitize((error instanceof Error ? error.message : String(error)).split('\n')[0]).slice(0, 200);
}

/**
 * Opt-in end-to-end lag (spec D.3 method 4). Constructing it is the opt-in (`--heartbeat`): every
 * `tick` writes `SET __replcheck:hb:<id> <tool-ms> PX 60000` on the leader, then reads the key on
 * each follower. A refused write (NOREPLICAS, OOM, READONLY, NOPERM) is a state in the reading,
 * never an exception.
 */
export class Heartbeat {
	readonly toolId: string;
	readonly key: string;
	private readonly clients = new Map<Address, Redis>();
	private readonly now: () => number;
	private closed = false;

	constructor(private readonly options: HeartbeatOptions) {
		this.toolId = options.toolId ?? newToolId();
		this.key = heartbeatKey(this.toolId);
		this.now = options.now ?? Date.now;
	}

	private client(address: Address): Redis {
		let c = this.clients.get(address);
		if (!c || c.status === 'end') {
			c = this.options.connect(address);
			c.on('error', () => {});
			this.clients.set(address, c);
		}
		return c;
	}

	private async send(address: Address, args: [string, ...string[]]): Promise<unknown> {
		const c = this.client(address);
		if (c.status === 'wait' || c.status === 'end') await c.connect();
		return c.call(...args);
	}

	async tick(leader: Address, followers: readonly Address[]): Promise<HeartbeatReading> {
		if (this.closed) throw new Error('heartbeat closed');
		const written = this.now();
		let writeError: HeartbeatReading['writeError'];
		try {
			await this.send(leader, ['SET', this.key, String(written), 'PX', String(heartbeatTtlMs)]);
		} catch (error) {
			const message = errorText(error);
			writeError = {kind: classifyWriteError(message), message};
			this.drop(leader, error);
		}
		const results = await Promise.all(
			followers.map(async (address): Promise<[Address, FollowerHeartbeat]> => {
				try {
					const reply = await this.send(address, ['GET', this.key]);
					return [address, readHeartbeat(reply, this.now())];
				} catch (error) {
					this.drop(address, error);
					return [address, {state: 'error', message: errorText(error)}];
				}
			}),
		);
		return {at: written, leader, ...(writeError ? {writeError} : {written}), followers: Object.fromEntries(results)};
	}

	/** A connection that failed at the socket level is replaced next tick; a server error reply keeps it. */
	private drop(address: Address, error: unknown): void {
		if (error instanceof Error && /^[A-Z]+ /.test(error.message) && !/timed out/i.test(error.message)) return;
		const c = this.clients.get(address);
		this.clients.delete(address);
		c?.disconnect();
	}

	/** Closes every connection; the key expires by itself 60 s after the last write. */
	close(): void {
		this.closed = true;
		for (const c of this.clients.values()) c.disconnect();
		this.clients.clear();
	}
}
