// The header's node counts: up, unreachable, and links down, as different words.
import type {History} from '../source/model/history.js';
import type {Address, Topology} from '../source/model/types.js';
import {isDeadPointer} from './node-row.js';

export interface FleetCounts {
	/** Data nodes that answered their last probe / that did not (dead REPLICAOF targets are not nodes). */
	readonly up: number;
	readonly unreachable: number;
	/** Followers that answer but whose replication link is down. */
	readonly linksDown: number;
}

export function fleetCounts(topology: Topology, history: History): FleetCounts {
	const nodes = Object.values(topology.nodes).filter(n => n.role !== 'sentinel' && !isDeadPointer(n, topology, history));
	const up = nodes.filter(n => n.sample.reachable).length;
	const followers = new Set<Address>();
	for (const l of topology.links) if (l.linkStatus === 'down' && topology.nodes[l.follower]?.sample.reachable) followers.add(l.follower);
	return {up, unreachable: nodes.length - up, linksDown: followers.size};
}
