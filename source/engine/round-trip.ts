import type {Redis} from 'ioredis';
import {withinReplyLimit} from '../redis/reply-bound.js';
import {withDeadline} from '../redis/deadline.js';

export type Reply = [Error | null, unknown];

/**
 * Sends commands in one pipelined round trip, bounded in time (the timeout plus a little) and in
 * the bytes the replies may bring (reply-bound). Rejects on a timeout or a lost connection; an
 * error reply comes back in its slot.
 */
export async function roundTrip(client: Redis, commands: readonly (readonly string[])[], timeoutMs: number): Promise<Reply[]> {
	const pipeline = client.pipeline();
	for (const [name, ...args] of commands) pipeline.call(name!, ...args);
	const replies = withinReplyLimit(client, () => pipeline.exec()) as Promise<Reply[]>;
	return withDeadline(replies, timeoutMs + 100, () => Object.assign(new Error('Command timed out'), {code: 'ETIMEDOUT'}));
}
