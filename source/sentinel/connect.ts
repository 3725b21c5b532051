import type {Redis, RedisOptions} from 'ioredis';
import type {Address, NodeError} from '../model/types.js';
import {connectAddress} from '../model/address.js';
import {classifyError, lastErrorOf, openRedis} from '../redis/connection.js';

export interface ConnectOptions {
	/** Connect and per-command timeout (default 2000 ms). */
	readonly timeoutMs?: number;
	readonly username?: string;
	readonly password?: string;
	/** TLS: `true` for Node's defaults, or the options of --cacert/--cert/--key/--insecure (as data nodes get). */
	readonly tls?: boolean | NonNullable<RedisOptions['tls']>;
}

/**
 * A Sentinel connection: like every replwatch connection (no offline queue, no command retry, errors
 * recorded), but it reconnects on its own at a bounded delay and speaks RESP2. Not yet connected.
 */
export function openClient(address: Address, options: ConnectOptions = {}): Redis {
	return openRedis({...connectAddress(address), username: options.username, password: options.password, ...(options.tls ? {tls: options.tls === true ? {} : options.tls} : {}), timeoutMs: options.timeoutMs ?? 2000}, {
		protocol: 2,
		autoResubscribe: false,
		retryStrategy: (times: number) => Math.min(200 * times, 2000),
		// ioredis' defaults, as Sentinel connections always had them: CLIENT SETINFO on connect, unanswered commands re-sent after a reconnect.
		disableClientInfo: false,
		autoResendUnfulfilledCommands: true,
	});
}

/** Waits until the client is ready (connecting it if it never was), at most `timeoutMs`. */
export async function ensureReady(client: Redis, timeoutMs: number): Promise<void> {
	if (client.status === 'ready') return;
	if (client.status === 'wait') {
		// connect() itself only says "Connection is closed."; the cause (WRONGPASS, a TLS failure) came as an 'error' event.
		await client.connect().catch((error: unknown) => {
			throw lastErrorOf(client) ?? error;
		});
		return;
	}
	if (client.status === 'end') throw new Error('connection closed');
	await new Promise<void>((resolve, reject) => {
		const timer = setTimeout(() => {
			cleanup();
			const last = lastErrorOf(client);
			reject(new Error(last instanceof Error ? last.message : 'connect timeout'));
		}, timeoutMs);
		const onReady = () => {
			cleanup();
			resolve();
		};
		const onEnd = () => {
			cleanup();
			reject(new Error('connection closed'));
		};
		const cleanup = () => {
			clearTimeout(timer);
			client.off('ready', onReady);
			client.off('end', onEnd);
		};
		client.on('ready', onReady);
		client.on('end', onEnd);
	});
}

/** Any thrown value → a one-line NodeError (the classification every connection shares). */
export const toNodeError = classifyError;

/** A Sentinel's refusal, said as what to change: Sentinels often have their own password (or none). */
export function sentinelError(error: unknown): NodeError {
	const e = classifyError(error);
	if (e.kind === 'wrongpass') return {kind: e.kind, message: 'the Sentinel refused the password: give the Sentinels\' own with --sentinel-pass or REDISCLI_SENTINEL_AUTH (and --sentinel-user for an ACL user)'};
	if (e.kind === 'noauth') return {kind: e.kind, message: 'the Sentinel requires a password: give it with --sentinel-pass or REDISCLI_SENTINEL_AUTH'};
	if (e.kind === 'unknown-command' && /'SENTINEL'/i.test(e.message)) return {kind: e.kind, message: 'not a Sentinel (a data node answers here): give it as a node, not with --sentinel'};
	return e;
}
