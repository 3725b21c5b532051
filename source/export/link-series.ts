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

/**
 * The last offset each node reported of itself (a follower: slave_repl_offset from ROLE or INFO; a
 * leader: master_repl_offset), kept across the ticks it is silent. History's offset series is not
 * enough: a follower's master_repl_offset there is refreshed only with a full INFO.
 */
export class OffsetMemory {
	private readonly offsets = new Map<Address, number>();

	remember(topology: Topology): void {
		for (const address of [...this.offsets.keys()]) if (!topology.nodes[address]) this.offsets.delete(address);
		for (const n of Object.values(topology.nodes)) {
			const view = viewOf(n.sample);
			if (!view || view.role === 'sentinel') continue;
			// A follower loading a full sync (or restarted empty) reports no usable offset: keep the last one.
			if (view.role === 'replica' && (view.syncInProgress || view.linkStatus !== 'up')) continue;
			const own = view.role === 'replica' ? view.appliedOffset : view.masterReplOffset;
			if (own !== undefined && own > 0) this.offsets.set(n.address, own);
		}
	}

	get(address: Address): number | undefined {
		return this.offsets.get(address);
	}
}

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
function leaderOffset(topology: Topology, memory: OffsetMemory, leader: Address): number | undefined {
	const sample = topology.nodes[leader]?.sample;
	const live = sample?.reachable ? viewOf(sample)?.masterReplOffset : undefined;
	return live ?? memory.get(leader);
}

/** The follower's offset as last read from itself (or acked to its leader), 0 meaning none (a replica that never synced). */
function followerOffset(topology: Topology, memory: OffsetMemory, link: Link, leader: Address): number | undefined {
	const own = memory.get(link.follower);
	const ack = viewOf(topology.nodes[leader]?.sample)?.replicas.find(r => r.port > 0 && formatAddress(r.ip, r.port) === link.follower)?.offset;
	const best = Math.max(own ?? 0, ack ?? 0);
	return best > 0 ? best : undefined;
}

/**
 * Every link as exported. A live, measurable link keeps the topology's numbers; one the topology can
 * no longer measure (follower silent past repl-timeout, link broken, full sync, leader dead) is
 * measured from the last offsets known of both ends, so its series stays, labelled with its state.
 */
export function linkSeries(topology: Topology, history: History, memory: OffsetMemory): LinkSeries[] {
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
		const top = leaderOffset(topology, memory, leader);
		if (link.loop) {
			bytesBehind = null;
			secondsBehind = null;
		} else if (bytesBehind === null || leader !== link.leader) {
			const from = followerOffset(topology, memory, link, leader);
			if (top !== undefined && from !== undefined) {
				bytesBehind = Math.max(0, top - from);
				const at = topology.nodes[leader]?.sample.reachable ? topology.at : points.at(-1)?.t ?? topology.at;
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
