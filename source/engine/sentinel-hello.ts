import {formatAddress, isValidPort} from '../model/address.js';
import {sanitize} from '../model/sanitize.js';
import type {Address} from '../model/types.js';
import {connectWithin, createConnection} from '../redis/connection.js';
import type {TlsSettings} from '../redis/settings.js';
import type {PollTarget} from './node-state.js';

/** Sentinels publish `ip,port,runid,epoch,master-name,master-ip,master-port,master-epoch` here every 2 s, on the master and its replicas. */
const helloChannel = '__sentinel__:hello';
/** A little over one hello period. */
export const helloListenMs = 2500;
const maxHelloLength = 1024;
const maxSentinels = 16;

export interface HelloSentinel {
	readonly address: Address;
	readonly masterName: string;
}

/** One hello message, or undefined when it is not one. */
export function parseHello(message: string): HelloSentinel | undefined {
	if (message.length > maxHelloLength) return undefined;
	const fields = message.split(',');
	if (fields.length < 8) return undefined;
	const port = Number(fields[1]);
	if (!fields[0] || !/^\d+$/.test(fields[1] ?? '') || !isValidPort(port)) return undefined;
	return {address: formatAddress(sanitize(fields[0]), port), masterName: sanitize(fields[4] ?? '').slice(0, 200)};
}

/**
 * The Sentinels that watch a data node, from their hello messages: a dedicated connection subscribes
 * for one hello period, then closes. Costs the server one short-lived subscriber; never fails (no
 * Sentinel, NOPERM on SUBSCRIBE, a dead node: none found). An abort (the monitor stopping) ends it at once.
 */
export async function sentinelsFromHello(target: PollTarget, tls: TlsSettings, timeoutMs: number, signal: AbortSignal, listenMs = helloListenMs): Promise<HelloSentinel[]> {
	const found = new Map<Address, HelloSentinel>();
	let client;
	try {
		client = createConnection({address: target.address, credentials: target.credentials, tls, timeoutMs}, target.tls);
	} catch {
		return [];
	}
	try {
		await connectWithin(client, timeoutMs);
		client.on('message', (channel: string, message: string) => {
			if (channel !== helloChannel || found.size >= maxSentinels) return;
			const hello = parseHello(String(message));
			if (hello && !found.has(hello.address)) found.set(hello.address, hello);
		});
		if (!signal.aborted) await client.subscribe(helloChannel);
		await new Promise<void>(resolve => {
			if (signal.aborted) return resolve();
			const timer = setTimeout(resolve, listenMs);
			signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), {once: true});
		});
	} catch {
		// none found
	} finally {
		client.disconnect();
	}
	return [...found.values()];
}
