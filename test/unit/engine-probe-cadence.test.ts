import {readFileSync} from 'node:fs';
import {describe, expect, test} from 'vitest';
import {stoppedAfterMs, stoppedOffset} from '../../source/engine/probe-cadence.js';
import {offsetsOfRole} from '../../source/engine/readings.js';
import {parseRole} from '../../source/redis/role.js';

// ROLE replies as ioredis returned them from a real 7.0.15 leader (offset 1081) and its follower (applied 1081).
const pairs = (JSON.parse(readFileSync(new URL('../fixtures/role-replies.json', import.meta.url), 'utf8')) as {pairs: Record<string, {role: unknown}>}).pairs;
const t0 = 1_000_000;
/** The captured reply read at `at`, with its offsets moved by `add` (the leader's own offset only, for a leader). */
function offsets(name: 'redis-7.0.15-leader' | 'redis-7.0.15-follower', at: number, add = 0) {
	const reply = structuredClone(pairs[name]!.role) as unknown[];
	if (name === 'redis-7.0.15-leader') reply[1] = Number(reply[1]) + add;
	else reply[4] = Number(reply[4]) + add;
	return offsetsOfRole(parseRole(reply), at)!;
}

describe('stoppedOffset: an offset that did not move while its leader’s did (it makes the poller read INFO replication)', () => {
	const follower = 'redis-7.0.15-follower' as const;
	const leader = 'redis-7.0.15-leader' as const;
	test.each([
		// [case, baseline, current, leader's offset now, stopped?]
		['follower caught up on an idle leader: nothing to apply, not stopped', offsets(follower, t0), offsets(follower, t0 + stoppedAfterMs), 1081, false],
		['follower still at 1081 while the leader is at 1082', offsets(follower, t0), offsets(follower, t0 + stoppedAfterMs), 1082, true],
		['the same, but only 1999 ms apart', offsets(follower, t0), offsets(follower, t0 + stoppedAfterMs - 1), 1082, false],
		['follower moved on', offsets(follower, t0), offsets(follower, t0 + stoppedAfterMs, 1), 1082, false],
		['follower whose leader is not known', offsets(follower, t0), offsets(follower, t0 + stoppedAfterMs), undefined, false],
		['leader idle, its replica acked everything', offsets(leader, t0), offsets(leader, t0 + stoppedAfterMs), undefined, false],
		['leader wrote on, the replica’s ack stayed at 1081', offsets(leader, t0), offsets(leader, t0 + stoppedAfterMs, 500), undefined, true],
		['the same, 1999 ms apart', offsets(leader, t0), offsets(leader, t0 + stoppedAfterMs - 1, 500), undefined, false],
	] as const)('%s', (_label, baseline, current, leaderOffset, stopped) => {
		expect(stoppedOffset(baseline, current, leaderOffset, current.acks.size === 0)).toBe(stopped);
	});
});
