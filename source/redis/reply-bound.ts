import type {Redis} from 'ioredis';

/** Most bytes one round trip to a node may bring (a full INFO is ~10–40 KB; 5,000 replica lines ~0.5 MB). */
export const maxReplyBytes = 4 * 1024 * 1024;

interface Meter {
	stream?: NodeJS.EventEmitter;
	bytes: number;
	active: number;
	exceeded: boolean;
}

const meters = new WeakMap<Redis, Meter>();

export class ReplyTooLarge extends Error {
	readonly code = 'EREPLYTOOLARGE';
	constructor(limit: number) {
		super(`reply too large (over ${Math.round(limit / (1024 * 1024))} MB): not read`);
	}
}

/**
 * Runs one round trip on a client while counting the bytes its socket delivers. ioredis has no
 * reply size limit and buffers a bulk string whole, so a 50 MB INFO would be held in memory: past
 * `limit` the connection is dropped at once (what arrived is freed) and the call rejects with
 * ReplyTooLarge. The caller reconnects with its usual back-off.
 */
export async function withinReplyLimit<T>(client: Redis, fn: () => Promise<T>, limit = maxReplyBytes): Promise<T> {
	let meter = meters.get(client);
	if (!meter) {
		meter = {bytes: 0, active: 0, exceeded: false};
		meters.set(client, meter);
	}
	const m = meter;
	const stream = (client as unknown as {stream?: NodeJS.EventEmitter}).stream;
	if (stream && m.stream !== stream) {
		m.stream = stream;
		m.bytes = 0;
		m.exceeded = false;
		stream.on('data', (chunk: Buffer | string) => {
			if (m.stream !== stream || m.active === 0) return;
			m.bytes += chunk.length;
			if (m.bytes > limit && !m.exceeded) {
				m.exceeded = true;
				client.disconnect();
			}
		});
	}
	if (m.active === 0) {
		m.bytes = 0;
		m.exceeded = false;
	}
	m.active++;
	try {
		const result = await fn();
		if (m.exceeded) throw new ReplyTooLarge(limit);
		return result;
	} catch (error) {
		throw m.exceeded ? new ReplyTooLarge(limit) : error;
	} finally {
		m.active--;
	}
}
