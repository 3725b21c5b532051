import type {History, PointList} from '../model/history.js';
import {formatAddress} from '../model/address.js';
import {lagSecondsFrom} from '../model/lag.js';
import {viewOf} from '../model/node-view.js';
import type {Address, Link, Topology} from '../model/types.js';

/** What a follower's lag reading rests on: a live reading (`online`), or the last one before it stopped. */
export type LinkSeriesState = 'online' | 'sync' | 'link_down' | 'unreachable';

/** One leader → follower pair as exported: the link's live numbers, or the last ones known once it is cut off. */
export interface LinkSeries {
	readonly leader: Address;
	readonly follower: Address;
	readonly state: LinkSeriesState;
	readonly linkUp: boolean;
	readonly bytesBehind: number | null;
	readonly secondsBehind: number | null;
	/** Seconds behind is at least this: the leader's offset history (or replwatch's uptime) is shorter than the lag. */
	readonly secondsLowerBound: boolean;
	readonly applyBacklogBytes: number | null;
	readonly ackAgeSeconds: number | null;
	readonly syncInProgress: boolean;
	readonly lastIoSeconds: number | null;
	readonly linkDownSinceSeconds: number | null;
}

const syncStates = new Set(['wait_bgsave', 'send_bulk', 'bg_transfer', 'sync']);

/** The oldest point of the trailing non-decreasing run (a restart resets offsets: older points are another history). */
function runStart(points: PointList): number | undefined {
	let i = points.length - 1;
	if (i < 0) return undefined;
	while (i > 0 && points.at(i - 1)!.v <= points.at(i)!.v) i--;
	return points.at(i)!.v;
}

/** Seconds behind can only be a lower bound when the history's oldest offset is already past the follower's. */
function historyTooShort(points: PointList, followerOffset: number): boolean {
	const oldest = runStart(points);
	return oldest !== undefined && oldest > followerOffset;
}

function stateOf(topology: Topology, link: Link): LinkSeriesState {
	if (topology.nodes[link.follower]?.sample.reachable === false) return 'unreachable';
	if (link.syncInProgress || syncStates.has(link.state)) return 'sync';
	return link.linkStatus === 'up' ? 'online' : 'link_down';
}

/**
 * The leader a follower's lag is measured against: the link's own, or, when the follower points at
 * an address never reached (REPLICAOF a closed port), the leader of the group it stays in.
 */
function referenceLeader(topology: Topology, history: History, link: Link): Address {
	if (history.first(link.leader) !== undefined) return link.leader;
	const group = topology.groups.find(g => g.id === topology.nodes[link.follower]?.groupId);
	const leader = group?.leader;
	return leader !== undefined && leader !== link.follower && history.first(leader) !== undefined ? leader : link.leader;
}

/** The leader's offset now, or the last one it answered with (a dead leader: what the follower can at least have missed). */
function leaderOffset(topology: Topology, history: History, leader: Address): number | undefined {
	const sample = topology.nodes[leader]?.sample;
	const live = sample?.reachable ? viewOf(sample)?.masterReplOffset : undefined;
	return live ?? history.lastPoint(leader, 'masterReplOffset')?.v;
}

/** The follower's offset as last read from itself (or acked to its leader), 0 meaning none (a replica that never synced). */
function followerOffset(topology: Topology, history: History, link: Link, leader: Address): number | undefined {
	const own = history.lastPoint(link.follower, 'masterReplOffset')?.v;
	const ack = viewOf(topology.nodes[leader]?.sample)?.replicas.find(r => r.port > 0 && formatAddress(r.ip, r.port) === link.follower)?.offset;
	const best = Math.max(own ?? 0, ack ?? 0);
	return best > 0 ? best : undefined;
}

/**
 * Every link as exported. A live, measurable link keeps the topology's numbers; one the topology can
 * no longer measure (follower silent past repl-timeout, link broken, full sync, leader dead) is
 * measured from the last offsets known of both ends, so its series stays, labelled with its state.
 */
export function linkSeries(topology: Topology, history: History): LinkSeries[] {
	return topology.links.map(link => {
		const leader = referenceLeader(topology, history, link);
		const follower = topology.nodes[link.follower]?.sample;
		const view = follower?.reachable ? viewOf(follower) : undefined;
		const state = stateOf(topology, link);
		const lastIo = view?.lastIoSeconds;
		let bytesBehind = link.lagBytes;
		let secondsBehind = link.lagSeconds;
		let secondsLowerBound = false;
		const points = history.points(leader, 'masterReplOffset');
		const top = leaderOffset(topology, history, leader);
		if (link.loop) {
			bytesBehind = null;
			secondsBehind = null;
		} else if (bytesBehind === null || leader !== link.leader) {
			const from = followerOffset(topology, history, link, leader);
			if (top !== undefined && from !== undefined) {
				bytesBehind = Math.max(0, top - from);
				const at = topology.nodes[leader]?.sample.reachable ? topology.at : history.lastPoint(leader, 'masterReplOffset')?.t ?? topology.at;
				secondsBehind = bytesBehind === 0 ? 0 : lagSecondsFrom(points, from, at);
				secondsLowerBound = bytesBehind > 0 && historyTooShort(points, from);
			}
		} else if (bytesBehind > 0 && top !== undefined) {
			secondsLowerBound = historyTooShort(points, top - bytesBehind);
		}
		return {
			leader,
			follower: link.follower,
			state,
			linkUp: link.linkStatus === 'up',
			bytesBehind,
			secondsBehind,
			secondsLowerBound,
			applyBacklogBytes: link.applyBacklogBytes,
			ackAgeSeconds: link.ackAgeSeconds,
			syncInProgress: state === 'sync',
			lastIoSeconds: lastIo !== undefined && lastIo >= 0 && link.linkStatus === 'up' ? lastIo : null,
			linkDownSinceSeconds: link.linkDownSinceSeconds ?? null,
		};
	});
}
