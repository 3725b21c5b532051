// A short-lived connection per node for one fix: no retries, no offline queue, closed afterwards.
import type {ConnectionOptions} from 'node:tls';
import {Redis} from 'ioredis';
import type {Address} from '../model/types.js';
import type {FixClient} from './apply.js';

export interface FixConnectionOptions {
	readonly timeoutMs?: number;
	readonly username?: string;
	readonly password?: string;
	readonly tls?: ConnectionOptions;
}

export function splitAddress(address: Address): {readonly host: string; readonly port: number} {
	const match = /^\[([^\]]+)\]:(\d+)$/.exec(address) ?? /^([^:]+):(\d+)$/.exec(address);
	if (!match) throw new Error(`not a host:port address: ${address}`);
	return {host: match[1]!, port: Number(match[2])};
}

export async function connectForFix(address: Address, options: FixConnectionOptions = {}): Promise<FixClient> {
	const {host, port} = splitAddress(address);
	const timeout = options.timeoutMs ?? 2000;
	const client = new Redis({
		host,
		port,
		username: options.username,
		password: options.password,
		tls: options.tls,
		lazyConnect: true,
		connectTimeout: timeout,
		commandTimeout: timeout,
		enableOfflineQueue: false,
		maxRetriesPerRequest: 0,
		retryStrategy: () => null,
		// The ready check sends INFO, which a narrow ACL user may not run (spec C.4).
		enableReadyCheck: false,
		// No CLIENT SETNAME/SETINFO: a narrowly granted ACL user may not run them.
		disableClientInfo: true,
		autoResendUnfulfilledCommands: false,
	});
	client.on('error', () => {
		// Reported through the failing command instead.
	});
	// A paused or overloaded server accepts the TCP connection but never becomes ready: bound the wait.
	let timer: NodeJS.Timeout | undefined;
	try {
		await Promise.race([
			client.connect(),
			new Promise<never>((_, reject) => {
				timer = setTimeout(() => reject(Object.assign(new Error('connect timed out'), {code: 'ETIMEDOUT'})), timeout + 50);
			}),
		]);
	} catch (error) {
		client.disconnect();
		throw error;
	} finally {
		clearTimeout(timer);
	}
	return client;
}
