import type {History} from './history.js';
import type {Address, Group, Link, NodeSample, Product, ReplicaLine, Role, SentinelView, Topology, TopologyNode} from './types.js';
import {formatAddress, isValidPort} from './address.js';
import {measureLink} from './lag.js';
import {replicationCycles} from './cycles.js';
import {sanitize} from './sanitize.js';
import {viewOf} from './node-view.js';

export interface TopologyContext {
	/** How each node was found (`seed`, `replica-of …`, …). */
	readonly via?: ReadonlyMap<Address, string>;
	readonly sentinels?: readonly SentinelView[];
	readonly at?: number;
	/** Other names of watched nodes (a hostname a replica reports for a node watched by IP): name → watched address. */
	readonly aliases?: ReadonlyMap<Address, Address>;
}

const zeroId = /^0+$/;

function roleOf(sample: NodeSample, prev: TopologyNode | undefined): Role {
	const view = viewOf(sample);
	if (!view) return prev?.role ?? 'unknown';
	return view.role === 'unknown' ? prev?.role ?? 'unknown' : view.role;
}

function masterAddressOf(sample: NodeSample, prev: TopologyNode | undefined): Address | undefined {
	const view = viewOf(sample);
	if (!view) return prev?.masterAddress;
	const port = view.masterPort ?? NaN;
	if (view.role !== 'replica' || !view.masterHost || !isValidPort(port)) return undefined;
	return formatAddress(sanitize(view.masterHost), port);
}

function rawLineAddress(line: ReplicaLine): Address | undefined {
	return line.port > 0 && line.ip !== '' ? formatAddress(line.ip, line.port) : undefined;
}

class UnionFind {
	private readonly parent = new Map<string, string>();
	find(x: string): string {
		let root = x;
		while (this.parent.has(root) && this.parent.get(root) !== root) root = this.parent.get(root)!;
		let cur = x;
		while (cur !== root) {
			const next = this.parent.get(cur) ?? root;
			this.parent.set(cur, root);
			cur = next;
		}
		if (!this.parent.has(root)) this.parent.set(root, root);
		return root;
	}
	union(a: string, b: string): void {
		const ra = this.find(a);
		const rb = this.find(b);
		if (ra !== rb) this.parent.set(rb < ra ? ra : rb, rb < ra ? rb : ra);
	}
}

/**
 * Samples → roles, groups (one per replication history), links with lag, leader first and
 * followers in chain order. Unreachable nodes stay, with their last known role and the reason.
 */
export function buildTopology(
	samples: readonly NodeSample[],
	history: History,
	prev?: Topology,
	context: TopologyContext = {},
): Topology {
	const at = context.at ?? Math.max(0, ...samples.map(s => s.at));
	const resolve = (a: Address | undefined) => (a === undefined ? undefined : context.aliases?.get(a) ?? a);
	const lineAddress = (line: ReplicaLine) => resolve(rawLineAddress(line));
	const byAddress = new Map<Address, NodeSample>();
	for (const s of samples) byAddress.set(s.address, s);

	const roles = new Map<Address, Role>();
	const masters = new Map<Address, Address | undefined>();
	for (const s of samples) {
		const p = prev?.nodes[s.address];
		roles.set(s.address, roleOf(s, p));
		masters.set(s.address, resolve(masterAddressOf(s, p)));
	}

	// Group by replication history: a replica's replid equals its master's; a promoted master keeps
	// the old id as replid2 (spec A.5), which is how two masters of one history are recognised.
	const uf = new UnionFind();
	const node = (a: Address) => `n:${a}`;
	/** Joins the group the node was in last tick, through a member still watched; false when there is none. */
	const stayInPrevious = (address: Address): boolean => {
		const group = prev?.groups.find(g => g.id === prev.nodes[address]?.groupId);
		if (!group) return false;
		const others = [group.leader, ...group.members].filter((m): m is Address => m !== undefined && m !== address && byAddress.has(m));
		const anchor = others.find(m => byAddress.get(m)!.reachable) ?? others[0];
		if (anchor === undefined) return false;
		uf.union(node(address), node(anchor));
		return true;
	};
	for (const s of samples) {
		const role = roles.get(s.address);
		if (role === 'sentinel') continue;
		uf.find(node(s.address));
		const master = masters.get(s.address);
		const info = viewOf(s);
		const prevNode = prev?.nodes[s.address];
		// A follower whose link broke towards an address no one ever reached (REPLICAOF a closed port)
		// stays in the group it was in: the pointer is the reason, not a new group.
		const deadPointer = master !== undefined && info?.linkStatus !== 'up' && !byAddress.get(master)?.reachable && history.first(master) === undefined;
		if (master && !(deadPointer && prevNode && stayInPrevious(s.address))) uf.union(node(s.address), node(master));
		if (info) {
			const id = info.replid;
			const linkUp = info.linkStatus === 'up';
			if (id && !zeroId.test(id) && (role === 'master' || linkUp)) uf.union(node(s.address), `r:${id}`);
			const id2 = info.replid2;
			if (role === 'master' && id2 && !zeroId.test(id2)) uf.union(node(s.address), `r:${id2}`);
			for (const line of info.replicas) {
				const a = lineAddress(line);
				if (a && byAddress.has(a)) uf.union(node(s.address), node(a));
			}
		} else if (prevNode) {
			// Nothing new to say: stay in the group we were in (a dead leader too: it is that group's former leader).
			stayInPrevious(s.address);
		}
	}

	const clusters = new Map<string, Address[]>();
	for (const s of samples) {
		if (roles.get(s.address) === 'sentinel') continue;
		const root = uf.find(node(s.address));
		const list = clusters.get(root) ?? [];
		list.push(s.address);
		clusters.set(root, list);
	}

	const followersOf = new Map<Address, Address[]>();
	for (const [a, m] of masters) {
		if (!m) continue;
		const list = followersOf.get(m) ?? [];
		list.push(a);
		followersOf.set(m, list);
	}
	for (const list of followersOf.values()) list.sort();

	const groups: Group[] = [];
	const groupOf = new Map<Address, string>();
	for (const members of clusters.values()) {
		// A master that stopped answering keeps its last role; once another master answers it is the former leader, not a second one.
		const claimed = members.filter(a => roles.get(a) === 'master').sort();
		const answering = claimed.filter(a => byAddress.get(a)?.reachable);
		const groupMasters = answering.length > 0 ? answering : claimed;
		// The leader: the master most followers replicate from; without a live master, the address followers point at.
		const score = (a: Address) => (followersOf.get(a)?.length ?? 0) * 1e15 + (viewOf(byAddress.get(a))?.masterReplOffset ?? 0);
		let leader = [...groupMasters].sort((a, b) => score(b) - score(a))[0];
		if (!leader) {
			const pointed = members.map(a => masters.get(a)).filter((m): m is Address => m !== undefined && !masters.get(m));
			leader = pointed.find(m => members.includes(m)) ?? pointed[0];
		}
		const ordered: Address[] = [];
		const seen = new Set<Address>();
		const walk = (a: Address) => {
			if (seen.has(a) || !members.includes(a)) return;
			seen.add(a);
			ordered.push(a);
			for (const f of followersOf.get(a) ?? []) walk(f);
		};
		if (leader) walk(leader);
		for (const m of groupMasters) walk(m);
		for (const a of [...members].sort()) walk(a);
		// A replica pointing at a master that is not a master of this group (chains excluded) means two masters claim it.
		const splitBrain = groupMasters.length > 1;
		const id = `g:${leader ?? ordered[0]}`;
		for (const a of ordered) groupOf.set(a, id);
		groups.push({
			id,
			kind: 'replication',
			...(leader ? {leader} : {}),
			members: ordered,
			splitBrain,
			masters: groupMasters,
		});
	}
	groups.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

	const nodes: Record<Address, TopologyNode> = {};
	for (const s of samples) {
		const p = prev?.nodes[s.address];
		const info = viewOf(s);
		const role = roles.get(s.address)!;
		const version = info ? info.version : p?.version;
		const product: Product | undefined = info ? info.product : p?.product;
		const masterAddress = masters.get(s.address);
		const rate = role === 'master' ? history.lastPoint(s.address, 'writeRate') : undefined;
		nodes[s.address] = {
			address: s.address,
			sample: s,
			role,
			...(product ? {product} : {}),
			...(version ? {version} : {}),
			...(masterAddress ? {masterAddress} : {}),
			groupId: groupOf.get(s.address) ?? (role === 'sentinel' ? 'sentinel' : `g:${s.address}`),
			discoveredVia: context.via?.get(s.address) ?? p?.discoveredVia ?? 'seed',
			...(role === 'master' ? {writeRateBytesPerSec: rate ? rate.v : null} : {}),
		};
	}

	const links: Link[] = [];
	const seenLinks = new Set<string>();
	// In a replication loop no node holds the history: offsets compared around it mean nothing (not "0 behind").
	const inLoop = new Set(replicationCycles(masters.keys(), a => masters.get(a)).flat());
	const addLink = (leader: Address, follower: Address, line: ReplicaLine | undefined) => {
		const key = `${leader}>${follower}`;
		if (seenLinks.has(key)) return;
		seenLinks.add(key);
		const link = measureLink(leader, follower, byAddress.get(leader), byAddress.get(follower), line, history);
		links.push(inLoop.has(follower) && masters.get(follower) === leader
			? {...link, lagBytes: null, lagSeconds: null, applyBacklogBytes: null, ackAgeSeconds: null, loop: true}
			: link);
	};
	const lineFor = (leader: Address, follower: Address) => {
		return viewOf(byAddress.get(leader))?.replicas.find(l => lineAddress(l) === follower);
	};
	for (const group of groups) {
		for (const follower of group.members) {
			const leader = masters.get(follower);
			if (leader) addLink(leader, follower, lineFor(leader, follower));
		}
	}
	// Replicas a leader lists that we could not ask ourselves (or that were just found).
	for (const s of samples) {
		const info = viewOf(s);
		if (!info) continue;
		for (const line of info.replicas) {
			const f = lineAddress(line);
			if (f && byAddress.has(f) && !masters.get(f)) addLink(s.address, f, line);
		}
	}

	return {at, nodes, links, groups, sentinels: context.sentinels ?? prev?.sentinels ?? []};
}
