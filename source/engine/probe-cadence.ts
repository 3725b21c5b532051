import {formatAddress} from '../model/address.js';
import {nodeView} from '../model/node-view.js';
import type {Address, ParsedInfo} from '../model/types.js';
import {unsettledReplication} from '../redis/role-info.js';
import type {NodeState, Offsets} from './node-state.js';

/**
 * What a node is sent, and how often. Redis CPU per node per tick must stay ≤ 0.15 × one cold
 * `INFO all` (issue 13; aim 0.10). Cold costs on 7.0.15 and Valkey 8.0 under 200 writes/s, from
 * INFO commandstats (bench/probe-commands.ts): `INFO all` ≈ 200 µs; `ROLE` ≈ 21 µs on a leader (its
 * reply has a deferred length, a fresh 16 KB reply block per call) and ≈ 4 µs on a follower;
 * `INFO replication` ≈ 30 µs; the counters below ≈ 95-115 µs (commandstats alone ≈ 65); the
 * slow sections ≈ 60 µs; `CONFIG GET` of the allow-list ≈ 55 µs.
 *
 * - `ROLE`, every tick: a leader's offset and each follower's acked offset, a follower's link state
 *   and applied offset. That is what bytes behind and lag seconds (offset history) need, and the
 *   floor of the budget (≈ 0.05 × on a 1+2 lab). On a leader ROLE costs 20-46 µs (its reply has a
 *   deferred length); INFO replication instead was tried and measured worse: two builds on one
 *   leader in the same 60 s, ROLE 40.5 µs a call against ≈ 55 µs for INFO replication.
 * - The counters with `INFO replication` (replication, stats, cpu, commandstats, errorstats), every
 *   15 s: their checks read deltas over ≥ 10 s windows (routing 1.1.3/1.1.4/2.1, CPU, full syncs)
 *   from the 16 samples the history keeps, so two readings must fit in 16 ticks; the four counter
 *   sections go together because a window is timed by `total_commands_processed` (counter-window.ts).
 *   The replication section rides along: its ack ages and last I/O refresh the settled picture.
 * - `INFO replication` on its own: only while anything is unsettled, then on every tick: ROLE shows a
 *   change (role, leader, replica set, a link not connected), the last reading showed trouble (a
 *   replica not online or its ack 2 s late, a link down or syncing, received bytes not applied), an
 *   acked or applied offset stopped while the leader's moved (stoppedOffset: a SIGSTOPped or cut-off
 *   follower under writes; without writes the leader's 10 s replication PING moves the offset), a
 *   neighbour is unreachable (a paused node's own probe times out), or ROLE is renamed or denied.
 *   There is no other periodic read: every way a settled link goes wrong shows in ROLE or a probe first.
 * - The slow sections (server, memory, persistence, cluster), every 60 s: version, uptime, memory
 *   and persistence state move slowly, and a restart (the one fast change) is a new connection,
 *   which reads everything again. `clients` is not read: no check uses it.
 * - `CONFIG GET` of the allow-list, every 60 s: parameters change rarely, and a change is also
 *   caught by the fix flow, which refreshes at once.
 */
export const cadence = {heavyEveryMs: 15_000, replicationEveryMs: 15_000, slowEveryMs: 60_000, configEveryMs: 60_000} as const;

export interface CadenceSettings {
	readonly intervalMs: number;
	readonly heavyEveryMs?: number;
	readonly replicationEveryMs?: number;
	readonly configEveryMs?: number;
	/** Default: heavyEveryMs when that is given (tests, headless windows), else 60 s. */
	readonly slowEveryMs?: number;
}

export const heavyDue = (state: NodeState, now: number, s: CadenceSettings): boolean =>
	state.heavyAt === undefined || now - state.heavyAt >= (s.heavyEveryMs ?? cadence.heavyEveryMs);

/** The slow sections are read with the counters (a heavy read), when their own cadence is due too. */
export const slowDue = (state: NodeState, now: number, s: CadenceSettings): boolean =>
	state.slowAt === undefined || now - state.slowAt >= (s.slowEveryMs ?? s.heavyEveryMs ?? cadence.slowEveryMs);

export const configDue = (state: NodeState, now: number, s: CadenceSettings): boolean =>
	!state.sentinel && (state.configTriedAt === undefined || now - state.configTriedAt >= (s.configEveryMs ?? cadence.configEveryMs));

/** The nodes a reading names as this node's leader or followers. */
export function neighboursOf(info: ParsedInfo | undefined): Address[] {
	if (!info) return [];
	const view = nodeView(info);
	const out = view.replicas.filter(r => r.port > 0).map(r => formatAddress(r.ip, r.port));
	if (view.masterHost !== undefined && view.masterPort !== undefined) out.push(formatAddress(view.masterHost, view.masterPort));
	return out;
}

/** A neighbour whose last probe failed, or whose probe has been waiting longer than half a tick. */
export function inTrouble(state: NodeState | undefined, now: number, s: CadenceSettings): boolean {
	if (!state) return false;
	return state.reachable === false || (state.inFlight && state.startedAt !== undefined && now - state.startedAt > s.intervalMs / 2);
}

/**
 * Why this tick reads `INFO replication` rather than only ROLE (known before sending), or
 * undefined. `neighbour` looks up another watched node by address.
 */
export function replicationReason(state: NodeState, now: number, s: CadenceSettings, neighbour: (address: Address) => NodeState | undefined): string | undefined {
	if (state.sentinel) return 'sentinel';
	if (state.roleless) return 'ROLE not available';
	if (state.replicationAt === undefined || now - state.replicationAt >= (s.replicationEveryMs ?? cadence.replicationEveryMs)) return 'periodic';
	const unsettled = unsettledReplication(state.fullInfo);
	if (unsettled) return unsettled;
	if (neighboursOf(state.fullInfo).some(a => inTrouble(neighbour(a), now, s))) return 'a neighbour is in trouble';
	return undefined;
}

/**
 * A healthy replica acks once a second, but under bursty writes one ack can carry the same offset as
 * the one before (observed at 200 writes/s): an offset is "stopped" only when it stayed the same for
 * two seconds, which is two acks missed.
 */
export const stoppedAfterMs = 2000;

/**
 * An offset that stopped: a replica's acked offset (or a follower's applied offset) the same as at
 * a reading at least two seconds older while its leader's is ahead. This catches SIGSTOP and pauses
 * within two or three ticks of their start, while the ack age is still 0-2 s.
 */
export function stoppedOffset(baseline: NodeState['offsets'], current: NonNullable<NodeState['offsets']>, leaderOffset: number | undefined, follower: boolean): boolean {
	if (!baseline || current.at - baseline.at < stoppedAfterMs) return false;
	if (follower) return leaderOffset !== undefined && current.own === baseline.own && leaderOffset > current.own;
	for (const [address, ack] of current.acks) if (ack < current.own && baseline.acks.get(address) === ack) return true;
	return false;
}

/** The newest offsets; the baseline moves on once it is a second old (stoppedOffset compares them). */
export function keepOffsets(state: NodeState, offsets: Offsets | undefined): void {
	state.latestOffsets = offsets;
	if (!offsets) return;
	if (!state.offsets || offsets.at - state.offsets.at >= stoppedAfterMs || offsets.own < state.offsets.own) state.offsets = offsets;
}
