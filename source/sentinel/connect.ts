import {Redis} from 'ioredis';
import type {Address, NodeError, NodeErrorKind} from '../model/types.js';
import {sanitize} from '../model/sanitize.js';

export interface ConnectOptions {
	/** Connect and per-command timeout (default 2000 ms). */
	readonly timeoutMs?: number;
	readonly username?: string;
	readonly password?: string;
	readonly tls?: boolean;
}

/** `host:port` or `[v6]:port` → parts; undefined when it is not one. */
export function splitAddress(address: Address): {host: string; port: number} | undefined {
	const match = /^\[([^\]]+)\]:(\d+)$/.exec(address) ?? /^([^:\s]+):(\d+)$/.exec(address);
	if (!match) return undefined;
	const port = Number(match[2]);
	return port > 0 && port < 65_536 ? {host: match[1]!, port} : undefined;
}

/** The latest connection error, so a poll while reconnecting can say why. */
const lastError = new WeakMap<Redis, string>();

/**
 * A monitoring connection: nothing queues while offline, nothing retries a command, the reconnect
 * delay is bounded, and errors are recorded instead of crashing the process. Not yet connected.
 */
export function openClient(address: Address, options: ConnectOptions = {}): Redis {
	const parts = splitAddress(address);
	if (!parts) throw new Error(`not a host:port address: ${sanitize(address)}`);
	const timeout = options.timeoutMs ?? 2000;
	const client = new Redis({
		host: parts.host,
		port: parts.port,
		...(options.username ? {username: options.username} : {}),
		...(options.password ? {password: options.password} : {}),
		...(options.tls ? {tls: {}} : {}),
		protocol: 2,
		lazyConnect: true,
		connectTimeout: timeout,
		commandTimeout: timeout,
		enableOfflineQueue: false,
		maxRetriesPerRequest: 0,
		enableReadyCheck: false,
		autoResubscribe: false,
		retryStrategy: (times: number) => Math.min(200 * times, 2000),
	});
	// Reported through the failing command; the listener keeps the process alive.
	client.on('error', (error: Error) => lastError.set(client, error.message));
	return client;
}

/** Waits until the client is ready (connecting it if it never was), at most `timeoutMs`. */
export async function ensureReady(client: Redis, timeoutMs: number): Promise<void> {
	if (client.status === 'ready') return;
	if (client.status === 'wait') {
		await client.connect();
		return;
	}
	if (client.status === 'end') throw new Error('connection closed');
	await new Promise<void>((resolve, reject) => {
		const timer = setTimeout(() => {
			cleanup();
			reject(new Error(lastError.get(client) ?? 'connect timeout'));
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

const kinds: readonly [RegExp, NodeErrorKind][] = [
	[/ECONNREFUSED/i, 'refused'],
	[/timed? ?out|ETIMEDOUT/i, 'timeout'],
	[/^NOAUTH/i, 'noauth'],
	[/^WRONGPASS|invalid password/i, 'wrongpass'],
	[/^NOPERM/i, 'noperm'],
	[/^LOADING/i, 'loading'],
	[/^MASTERDOWN/i, 'masterdown'],
	[/unknown (sub)?command|unknown subcommand/i, 'unknown-command'],
	[/ENOTFOUND|EAI_AGAIN/i, 'dns'],
	[/SSL|TLS|certificate/i, 'tls'],
];

/** Any thrown value → a one-line NodeError with control characters and URL credentials removed. */
export function toNodeError(error: unknown): NodeError {
	const raw = error instanceof Error ? error.message : String(error);
	const line = sanitize(raw.split('\n')[0] ?? '').replace(/\/\/[^@/\s]*@/g, '//***@').slice(0, 200);
	const kind = kinds.find(([pattern]) => pattern.test(line))?.[1] ?? 'other';
	return {kind, message: line};
}
