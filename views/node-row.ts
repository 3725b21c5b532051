// A node's row: its link, lag series, why it is silent; and the orders `o` sorts rows in.
import {nodeView} from '../source/model/node-view.js';
import type {History} from '../source/model/history.js';
import {sanitize} from '../source/model/sanitize.js';
import type {Address, Group, Link, Topology, TopologyNode} from '../source/model/types.js';
import type {NodeRow, TopologySort} from './row-types.js';

/** Points of the lag sparkline handed to the view (the widest row there is). */
export const sparkPoints = 240;

/** A node known only because a follower points at it, never reached and leading nothing: a reason, not a node. */
export function isDeadPointer(node: TopologyNode, topology: Topology, history: History): boolean {
	if (node.sample.reachable || !node.discoveredVia.startsWith('master-of ') || history.first(node.address) !== undefined) return false;
	return !topology.groups.some(g => g.leader === node.address && g.members.length > 1);
}

export function depthOf(node: TopologyNode, nodes: Topology['nodes'], members: ReadonlySet<Address>): number {
	let depth = 0;
	let current: TopologyNode | undefined = node;
	const seen = new Set<Address>();
	while (current?.role === 'replica' && current.masterAddress && !seen.has(current.address)) {
		seen.add(current.address);
		depth++;
		if (!members.has(current.masterAddress)) break;
		current = nodes[current.masterAddress];
	}
	return depth;
}

/** A master that stopped answering while another, answering master leads its group. */
function isFormerLeader(node: TopologyNode, leader: TopologyNode | undefined): boolean {
	return !node.sample.reachable && node.role === 'master' && leader !== undefined && leader.address !== node.address && leader.sample.reachable;
}

export interface RowContext {
	readonly topology: Topology;
	readonly history: History;
	readonly group?: Group;
}

export function nodeRow(node: TopologyNode, depth: number, link: Link | undefined, {topology, history, group}: RowContext): NodeRow {
	const lagSeries = link ? history.recent(node.address, 'lagBytes', sparkPoints) : [];
	const lastAnswer = node.sample.reachable ? undefined : history.latest(node.address)?.at;
	const groupId = group?.id;
	const leader = group?.leader ? topology.nodes[group.leader] : undefined;
	const target = link && link.linkStatus === 'down' ? topology.nodes[link.leader] : undefined;
	const pointsAt = target && isDeadPointer(target, topology, history) ? {address: target.address, reason: sanitize(target.sample.error?.kind ?? 'no reply')} : undefined;
	const named = node.role === 'replica' && node.masterAddress ? topology.nodes[node.masterAddress] : undefined;
	// After a failover a follower that missed it still follows the dead leader: the tree says so, under that leader.
	const repointPending = named && isFormerLeader(named, leader) && group?.members.includes(named.address)
		? {address: named.address, bySentinel: topology.sentinels.length > 0}
		: undefined;
	return {
		kind: 'node',
		address: node.address,
		depth: repointPending ? depth + 1 : depth,
		role: node.role,
		reachable: node.sample.reachable,
		...(node.sample.reachable ? {} : {reason: sanitize(node.sample.error?.kind === 'too-large' ? 'reply too large' : node.sample.error?.kind ?? 'no reply'), ...(node.sample.error?.message ? {reasonDetail: sanitize(node.sample.error.message)} : {})}),
		...(node.sample.reachable ? {} : lastAnswer === undefined ? {neverAnswered: true} : {silentSeconds: Math.max(0, (topology.at - lastAnswer) / 1000)}),
		...(isFormerLeader(node, leader) ? {formerLeader: true} : {}),
		...(pointsAt ? {pointsAt} : {}),
		...(repointPending ? {repointPending} : {}),
		...(node.version ? {version: sanitize(node.version)} : {}),
		...(link ? {link} : {}),
		lagSeries,
		...(node.writeRateBytesPerSec === undefined ? {} : {writeRate: node.writeRateBytesPerSec}),
		...(groupId === undefined ? {} : {groupId}),
		...(node.sample.info && nodeView(node.sample.info).loading ? {loading: true} : {}),
		...(node.sample.reachable && node.sample.info && nodeView(node.sample.info).failoverState ? {failover: nodeView(node.sample.info).failoverState} : {}),
	};
}

/** 0 healthy … 4 unreachable: what `o` → status sorts by, worst first. */
export function rowSeverity(row: NodeRow): number {
	if (!row.reachable) return 4;
	if (row.link?.linkStatus === 'down') return 3;
	if (row.loading || row.link?.syncInProgress) return 2;
	if (row.link && row.link.state !== 'online') return 1;
	return 0;
}

const lagKey = (row: NodeRow): [number, number] => [row.link?.lagBytes ?? -1, row.link?.lagSeconds ?? -1];

export function compareRows(sort: TopologySort): ((a: NodeRow, b: NodeRow) => number) | undefined {
	if (sort === 'lag') {
		return (a, b) => {
			const [ab, as] = lagKey(a);
			const [bb, bs] = lagKey(b);
			return bb - ab || bs - as;
		};
	}
	if (sort === 'status') return (a, b) => rowSeverity(b) - rowSeverity(a) || (b.link?.lagBytes ?? -1) - (a.link?.lagBytes ?? -1);
	return undefined;
}
