import {Redis} from 'ioredis';
import type {Address, NodeSample} from '../../source/model/types.js';
import {configAllowList, configReplyToRecord} from '../../source/redis/connection.js';
import {parseInfo} from '../../source/redis/parse-info.js';
import {rawCommand} from '../../source/lab/processes.js';

/** One probe of one node as captured: the raw INFO text, so fixtures hold what the server said. */
export interface RawSample {
	readonly address: Address;
	readonly at: number;
	readonly rttMs: number;
	readonly info: string;
	readonly config: Record<string, string>;
	/** A credential-less PING answered NOAUTH. */
	readonly authRequired: boolean;
}

const sections = ['server', 'clients', 'memory', 'persistence', 'stats', 'replication', 'cpu', 'commandstats', 'errorstats', 'cluster'];

function client(address: Address, password?: string): Redis {
	const [host, port] = [address.slice(0, address.lastIndexOf(':')), Number(address.slice(address.lastIndexOf(':') + 1))];
	const c = new Redis({host, port, ...(password ? {password} : {}), lazyConnect: true, enableReadyCheck: false, maxRetriesPerRequest: 0, retryStrategy: () => null, enableOfflineQueue: false});
	c.on('error', () => {});
	return c;
}

async function authRequired(address: Address): Promise<boolean> {
	// A raw socket: ioredis closes the connection itself when its handshake meets NOAUTH.
	const port = Number(address.slice(address.lastIndexOf(':') + 1));
	const host = address.slice(0, address.lastIndexOf(':'));
	return (await rawCommand(port, ['PING'], 1000, host)).startsWith('-NOAUTH');
}

/** INFO (the sections the checks read) + allow-listed CONFIG GET, one pipelined round trip, as the poller does. */
export async function collectRaw(address: Address, password?: string): Promise<RawSample> {
	const c = client(address, password);
	try {
		await c.connect();
		const sent = performance.now();
		const [[infoError, info], [configError, config]] = (await c.pipeline().info(...sections).call('CONFIG', 'GET', ...configAllowList).exec()) as [Error | null, unknown][];
		const rttMs = Math.round((performance.now() - sent) * 100) / 100;
		if (infoError) throw infoError;
		if (configError) throw configError;
		return {address, at: Date.now(), rttMs, info: String(info), config: configReplyToRecord(config), authRequired: await authRequired(address)};
	} finally {
		c.disconnect();
	}
}

export async function collectRound(addresses: readonly Address[], password?: string): Promise<RawSample[]> {
	return Promise.all(addresses.map(a => collectRaw(a, password)));
}

export function toNodeSample(raw: RawSample): NodeSample {
	return {
		address: raw.address,
		at: raw.at,
		rttMs: raw.rttMs,
		reachable: true,
		info: parseInfo(raw.info),
		config: raw.config,
		configAt: raw.at,
		authRequired: raw.authRequired,
	};
}
