import type {History, PointList} from './history.js';
import type {Address, Link, NodeSample, ReplicaLine} from './types.js';
import {nodeView, viewOf} from './node-view.js';
import {formatAddress} from './address.js';

/**
 * When the leader's offset first reached `offset` (spec D.3 method 3b), interpolated between the
 * two samples around it. Only the trailing non-decreasing run counts (a restart resets offsets).
 * With no sample below `offset`, the oldest sample is the best (lower-bound) answer.
 */
export function offsetReachedAt(points: PointList, offset: number): number | undefined {
	let i = points.length - 1;
	if (i < 0) return undefined;
	let after = points.at(i)!;
	if (after.v < offset) return undefined;
	let before = i > 0 ? points.at(i - 1)! : undefined;
	while (before && before.v >= offset && before.v <= after.v) {
		i--;
		after = before;
		before = i > 0 ? points.at(i - 1)! : undefined;
	}
	if (!before || before.v > after.v || after.v === before.v) return after.t;
	return before.t + ((offset - before.v) / (after.v - before.v)) * (after.t - before.t);
}

/** Seconds a follower is behind: its sample time minus when the leader wrote the first byte it lacks. */
export function lagSecondsFrom(leaderOffsets: PointList, followerOffset: number, followerAt: number): number | null {
	const last = leaderOffsets.at(-1);
	if (!last) return null;
	if (last.v <= followerOffset) return 0;
	const reached = offsetReachedAt(leaderOffsets, followerOffset + 1);
	if (reached === undefined) return 0;
	return Math.max(0, Math.round(followerAt - reached) / 1000);
}

/** Points a write rate is measured over: a rate over a few ms (a refresh tick right after a poll) is noise, not a peak. */
export const RATE_MIN_SPAN_MS = 1000;

/** Bytes per second of the replication stream from the newest point back to the nearest point at least `minSpanMs` older; null across a reset or before that span exists. */
export function writeRateOf(points: PointList, minSpanMs = RATE_MIN_SPAN_MS): number | null {
	const b = points.at(-1);
	if (!b) return null;
	let newer = b;
	for (let i = points.length - 2; i >= 0; i--) {
		const a = points.at(i)!;
		if (a.v > newer.v) return null;
		if (b.t - a.t >= minSpanMs) return Math.round(((b.v - a.v) * 1000) / (b.t - a.t));
		newer = a;
	}
	return null;
}

/** Records the per-node series of one new sample (offset history drives lag seconds). */
export function recordSample(history: History, sample: NodeSample): void {
	if (sample.rttMs !== undefined && sample.reachable) history.record(sample.address, 'rttMs', {t: sample.at, v: sample.rttMs});
	if (!sample.reachable || !sample.info) return;
	const view = nodeView(sample.info);
	for (const line of view.replicas) if (line.port > 0 && line.state === 'online') history.record(formatAddress(line.ip, line.port), 'ackOffset', {t: sample.at, v: line.offset});
	const offset = view.masterReplOffset;
	if (offset === undefined) return;
	history.record(sample.address, 'masterReplOffset', {t: sample.at, v: offset});
	if (view.role === 'master') {
		const rate = writeRateOf(history.points(sample.address, 'masterReplOffset'));
		if (rate !== null) history.record(sample.address, 'writeRate', {t: sample.at, v: rate});
	}
}

export function recordLink(history: History, link: Link, at: number): void {
	if (link.lagBytes !== null) history.record(link.follower, 'lagBytes', {t: at, v: link.lagBytes});
	if (link.lagSeconds !== null) history.record(link.follower, 'lagSeconds', {t: at, v: link.lagSeconds});
	if (link.ackAgeSeconds !== null) history.record(link.follower, 'ackAge', {t: at, v: link.ackAgeSeconds});
}

/**
 * The offset a follower that does not answer has reached, from the leader's `slaveN` line. An online
 * line's offset 0 is an ack of 0 (nothing written since the follower synced) or no ack yet since a
 * full sync: the follower's own last answer tells which. A follower SIGSTOPped before the leader's
 * first write acked 0 and stays at 0, and must still read as everything written since behind.
 */
function leaderViewOffset(follower: Address, line: ReplicaLine | undefined, history: History): number | undefined {
	if (!line) return undefined;
	if (line.offset > 0) return line.offset;
	const own = history.lastPoint(follower, 'masterReplOffset')?.v;
	return line.state === 'online' && own !== undefined ? Math.max(line.offset, own) : undefined;
}

/** A link as measured from the leader's and the follower's latest samples (either may be missing). */
export function measureLink(
	leader: Address,
	follower: Address,
	leaderSample: NodeSample | undefined,
	followerSample: NodeSample | undefined,
	line: ReplicaLine | undefined,
	history: History,
): Link {
	const li = viewOf(leaderSample);
	const fv = viewOf(followerSample);
	const fi = fv?.role === 'replica' ? fv : undefined;
	const fFollowsLeader = fi !== undefined;
	const syncInProgress = fi?.syncInProgress === true;
	const followerLink = fi?.linkStatus;
	const linkStatus: 'up' | 'down' = followerLink ?? (line?.state === 'online' ? 'up' : 'down');
	const state = line?.state && line.state !== '' ? line.state : syncInProgress ? 'sync' : linkStatus === 'up' ? 'online' : fFollowsLeader ? 'connecting' : 'down';

	const leaderOffset = li?.masterReplOffset;
	const appliedOffset = fi?.appliedOffset;
	const readOffset = fi?.readOffset;
	// The leader dropped a follower that stopped answering (repl-timeout passed): its last ack still bounds how far behind it is.
	const dropped = !line && !fi && followerSample !== undefined && !followerSample.reachable && leaderOffset !== undefined ? history.lastPoint(follower, 'ackOffset') : undefined;
	const followerOffset = appliedOffset ?? leaderViewOffset(follower, line, history) ?? dropped?.v;
	const measurable = !syncInProgress && state !== 'wait_bgsave' && state !== 'send_bulk' && state !== 'bg_transfer' && leaderOffset !== undefined && followerOffset !== undefined;
	const lagBytes = measurable ? Math.max(0, leaderOffset! - followerOffset!) : null;
	const applyBacklogBytes = appliedOffset !== undefined && readOffset !== undefined ? Math.max(0, readOffset - appliedOffset) : null;
	let lagSeconds: number | null = null;
	if (measurable) {
		lagSeconds = lagBytes === 0
			? 0
			: lagSecondsFrom(history.points(leader, 'masterReplOffset'), followerOffset!, appliedOffset !== undefined ? followerSample!.at : leaderSample!.at);
	}
	// The last ack age read, plus the time since it was read (recordLink keeps this one too, so it keeps counting).
	const lastAckAge = dropped && leaderSample ? history.lastPoint(follower, 'ackAge') : undefined;
	const ackAgeSeconds = line && line.state === 'online' ? line.lag : lastAckAge && leaderSample ? Math.round(lastAckAge.v + Math.max(0, leaderSample.at - lastAckAge.t) / 1000) : null;
	const perc = fi?.syncPercent;
	const downSince = fi?.linkDownSinceSeconds;
	const uptime = fi?.uptimeSeconds;
	return {
		leader,
		follower,
		state,
		linkStatus,
		lagBytes,
		applyBacklogBytes,
		lagSeconds,
		ackAgeSeconds,
		...(dropped && lagBytes !== null ? {sinceLastAck: true} : {}),
		...(syncInProgress ? {syncInProgress: true} : {}),
		...(syncInProgress && perc !== undefined ? {syncPercent: perc} : {}),
		// Before 6.2.2 a never-connected link prints the Unix time: larger than the uptime means "never".
		...(linkStatus === 'down' && downSince !== undefined && downSince >= 0 && (uptime === undefined || downSince <= uptime)
			? {linkDownSinceSeconds: downSince}
			: {}),
	};
}
