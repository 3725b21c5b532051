// A short-lived connection per node for one fix: no retries, no offline queue, closed afterwards.
import type {ConnectionOptions} from 'node:tls';
import type {Address} from '../model/types.js';
import {connectAddress} from '../model/address.js';
import {connectWithin, openRedis} from '../redis/connection.js';
import type {FixClient} from './apply.js';

export interface FixConnectionOptions {
	readonly timeoutMs?: number;
	readonly username?: string;
	readonly password?: string;
	readonly tls?: ConnectionOptions;
}

export async function connectForFix(address: Address, options: FixConnectionOptions = {}): Promise<FixClient> {
	const {host, port} = connectAddress(address);
	const timeout = options.timeoutMs ?? 2000;
	const client = openRedis({host, port, username: options.username, password: options.password, tls: options.tls, timeoutMs: timeout});
	// A paused or overloaded server accepts the TCP connection but never becomes ready: bound the wait.
	try {
		await connectWithin(client, timeout);
	} catch (error) {
		client.disconnect();
		throw error;
	}
	return client;
}
