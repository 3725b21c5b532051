import type {Address, Link, ReplicaLine, Topology, TopologyNode} from '../model/types.js';
import type {CheckContext} from './context.js';
import {lineAddress, reachable, replicaLines, view} from './node-fields.js';

/**
 * What the helpers below derive from a topology, computed once per topology: ~57 checks ask for the
 * data nodes, leaders and followers of each leader, which at 100 nodes re-sorted and re-filtered the
 * node list thousands of times a tick. A topology is immutable once built, so the cache is exact.
 */
interface TopologyIndex {
	readonly dataNodes: readonly TopologyNode[];
	readonly leaders: readonly TopologyNode[];
	readonly serving: readonly TopologyNode[];
	readonly replicas: readonly TopologyNode[];
	readonly replicasByMaster: ReadonlyMap<Address, readonly TopologyNode[]>;
	/** Every node (Sentinels too) by the master it names, in topology order. */
	readonly nodesByMaster: ReadonlyMap<Address, readonly TopologyNode[]>;
	readonly linkByFollower: ReadonlyMap<Address, Link>;
	readonly linesByFollower: Map<TopologyNode, ReadonlyMap<Address, ReplicaLine>>;
}

const indexes = new WeakMap<Topology, TopologyIndex>();

function group(nodes: readonly TopologyNode[]): Map<Address, TopologyNode[]> {
	const out = new Map<Address, TopologyNode[]>();
	for (const n of nodes) {
		if (n.masterAddress === undefined) continue;
		const list = out.get(n.masterAddress);
		if (list) list.push(n);
		else out.set(n.masterAddress, [n]);
	}
	return out;
}

function indexOf(topology: Topology): TopologyIndex {
	const hit = indexes.get(topology);
	if (hit) return hit;
	const data = Object.values(topology.nodes).filter(n => n.role !== 'sentinel').sort((a, b) => (a.address < b.address ? -1 : 1));
	const replicaList = data.filter(n => n.role === 'replica');
	const linkByFollower = new Map<Address, Link>();
	for (const l of topology.links) if (!linkByFollower.has(l.follower)) linkByFollower.set(l.follower, l);
	const index: TopologyIndex = {
		dataNodes: data,
		leaders: data.filter(n => n.role === 'master' && reachable(n)),
		// A chained replica serves full syncs and holds replica output buffers as a leader does.
		serving: [...data.filter(n => n.role === 'master' && reachable(n)), ...replicaList.filter(n => reachable(n) && replicaLines(n).length > 0)],
		replicas: replicaList,
		replicasByMaster: group(replicaList),
		nodesByMaster: group(Object.values(topology.nodes)),
		linkByFollower,
		linesByFollower: new Map(),
	};
	indexes.set(topology, index);
	return index;
}

/** Data nodes (no Sentinels), in address order. */
export function dataNodes(ctx: CheckContext): readonly TopologyNode[] {
	return indexOf(ctx.topology).dataNodes;
}

/** Reachable masters, then reachable replicas that have replicas of their own: every node that serves syncs. */
export function servingNodes(ctx: CheckContext): readonly TopologyNode[] {
	return indexOf(ctx.topology).serving;
}

/** Reachable masters: group leaders first. */
export function leaders(ctx: CheckContext): readonly TopologyNode[] {
	return indexOf(ctx.topology).leaders;
}

export function replicas(ctx: CheckContext): readonly TopologyNode[] {
	return indexOf(ctx.topology).replicas;
}

/** Nodes that say they replicate from `leader`. */
export function followersOf(ctx: CheckContext, leader: Address): readonly TopologyNode[] {
	return indexOf(ctx.topology).replicasByMaster.get(leader) ?? [];
}

export function linkOf(ctx: CheckContext, follower: Address): Link | undefined {
	return indexOf(ctx.topology).linkByFollower.get(follower);
}

/**
 * A replica really in a full sync: it says so and its master (when we can ask it) lists it.
 * A replica looping in the handshake (e.g. refused with NOAUTH) briefly reports
 * master_sync_in_progress:1 while the master does not know it.
 */
export function reallySyncing(ctx: CheckContext, n: TopologyNode): boolean {
	if (view(n)?.syncInProgress !== true) return false;
	const m = n.masterAddress ? ctx.topology.nodes[n.masterAddress] : undefined;
	if (m && reachable(m)) return replicaLines(m).some(l => lineAddress(l) === n.address);
	return true;
}

/**
 * The leader's line for each follower that names it as master. A replica whose
 * `REPLCONF listening-port` was refused (e.g. during an auth change) is listed with port=0 like a
 * backup client; such a line is matched by IP to a follower whose link is up and that has no line.
 */
export function linesByFollower(ctx: CheckContext, m: TopologyNode): ReadonlyMap<Address, ReplicaLine> {
	const index = indexOf(ctx.topology);
	const hit = index.linesByFollower.get(m);
	if (hit) return hit;
	const lines = view(m)?.replicas ?? [];
	const out = new Map<Address, ReplicaLine>();
	const spare = lines.filter(l => l.port === 0);
	index.linesByFollower.set(m, out);
	for (const f of index.nodesByMaster.get(m.address) ?? []) {
		const exact = lines.find(l => l.port !== 0 && lineAddress(l) === f.address);
		if (exact) {
			out.set(f.address, exact);
			continue;
		}
		if (view(f)?.linkStatus !== 'up') continue;
		const host = f.address.slice(0, f.address.lastIndexOf(':')).replace(/^\[|\]$/g, '');
		const i = spare.findIndex(l => l.ip === host);
		if (i >= 0) out.set(f.address, spare.splice(i, 1)[0]!);
	}
	return out;
}

/**
 * The first node up the chain above a follower whose own link is down or that does not answer: a
 * follower with its link up still holds stale data when its upstream lost its leader. Undefined when
 * the chain is live up to a leader.
 */
export function staleUpstream(ctx: CheckContext, follower: Address): {readonly node: Address; readonly why: string} | undefined {
	const seen = new Set<Address>([follower]);
	let at = ctx.topology.nodes[follower]?.masterAddress;
	while (at !== undefined && !seen.has(at)) {
		seen.add(at);
		const n = ctx.topology.nodes[at];
		if (!n) return undefined;
		if (!reachable(n)) return {node: at, why: `${at} does not answer`};
		if (n.role !== 'replica') return undefined;
		const link = linkOf(ctx, at);
		if (link?.linkStatus === 'down') return {node: at, why: `${at} lost its link to ${link.leader}${link.linkDownSinceSeconds === undefined ? '' : ` ${link.linkDownSinceSeconds} s ago`}`};
		at = n.masterAddress;
	}
	return undefined;
}
