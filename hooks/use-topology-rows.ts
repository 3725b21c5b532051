import {useMemo} from 'react';
import type {History} from '../source/model/history.js';
import {sanitize} from '../source/model/sanitize.js';
import type {Address, Link, Role, Topology, TopologyNode} from '../source/model/types.js';

export interface NodeRow {
	readonly kind: 'node';
	readonly address: Address;
	readonly depth: number; // 0 = leader, 1 = its follower, 2 = a follower of that follower …
	readonly role: Role;
	readonly reachable: boolean;
	/** Why the node cannot be reached, sanitized: the error kind, then its message. */
	readonly reason?: string;
	readonly reasonDetail?: string;
	readonly version?: string;
	readonly link?: Link;
	readonly lagSeries: readonly number[];
	readonly writeRate?: number | null;
}

export interface HeaderRow {
	readonly kind: 'header';
	readonly text: string;
	readonly splitBrain: boolean;
}

export type TopologyRow = NodeRow | HeaderRow;

/** Points of the lag sparkline kept on screen. */
export const sparkPoints = 20;

function depthOf(node: TopologyNode, nodes: Topology['nodes'], members: ReadonlySet<Address>): number {
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

function nodeRow(node: TopologyNode, depth: number, topology: Topology, history: History): NodeRow {
	const link = topology.links.find(l => l.follower === node.address);
	const lagSeries = history.series(node.address, 'lagSeconds').slice(-sparkPoints).map(p => p.v);
	return {
		kind: 'node',
		address: node.address,
		depth,
		role: node.role,
		reachable: node.sample.reachable,
		...(node.sample.reachable ? {} : {reason: sanitize(node.sample.error?.kind ?? 'no reply'), ...(node.sample.error?.message ? {reasonDetail: sanitize(node.sample.error.message)} : {})}),
		...(node.version ? {version: sanitize(node.version)} : {}),
		...(link ? {link} : {}),
		lagSeries,
		...(node.writeRateBytesPerSec === undefined ? {} : {writeRate: node.writeRateBytesPerSec}),
	};
}

/** Leader first, then followers (chains indented); nodes outside every group (unreachable seeds) last. */
export function topologyRows(topology: Topology, history: History, filter = ''): TopologyRow[] {
	const rows: TopologyRow[] = [];
	const placed = new Set<Address>();
	const needle = filter.trim().toLowerCase();
	const groups = topology.groups;
	const showHeaders = groups.length > 1 || groups.some(g => g.splitBrain);
	for (const group of groups) {
		if (showHeaders) {
			const parts = [group.name ? `${sanitize(group.name)}` : group.kind === 'shard' ? 'shard' : 'group', group.slots ? `slots ${sanitize(group.slots)}` : ''];
			const text = group.splitBrain ? `SPLIT BRAIN: ${group.masters.length} masters (${group.masters.join(', ')})` : parts.filter(Boolean).join(' ');
			rows.push({kind: 'header', text, splitBrain: group.splitBrain});
		}
		const members = new Set(group.members);
		for (const address of group.members) {
			const node = topology.nodes[address];
			if (!node || placed.has(address)) continue;
			placed.add(address);
			rows.push(nodeRow(node, depthOf(node, topology.nodes, members), topology, history));
		}
	}
	const rest = Object.values(topology.nodes).filter(n => !placed.has(n.address) && n.role !== 'sentinel');
	if (groups.length === 0) {
		// No grouping from the engine: lay out a tree from masterAddress.
		const all = new Set(rest.map(n => n.address));
		const children = (parent: Address | undefined) => rest.filter(n => (parent === undefined ? n.role !== 'replica' || !n.masterAddress || !all.has(n.masterAddress) : n.masterAddress === parent && n.role === 'replica'));
		const visit = (node: TopologyNode, depth: number) => {
			if (placed.has(node.address)) return;
			placed.add(node.address);
			rows.push(nodeRow(node, depth, topology, history));
			for (const child of children(node.address)) visit(child, depth + 1);
		};
		for (const root of children(undefined)) visit(root, root.role === 'replica' ? 1 : 0);
	} else {
		for (const node of rest) {
			placed.add(node.address);
			rows.push(nodeRow(node, 0, topology, history));
		}
	}
	if (!needle) return rows;
	return rows.filter(r => r.kind === 'header' || r.address.toLowerCase().includes(needle) || r.role.includes(needle) || `${r.reason ?? ''} ${r.reasonDetail ?? ''}`.toLowerCase().includes(needle));
}

export function useTopologyRows(topology: Topology, history: History, tick: number, filter: string): TopologyRow[] {
	// History is mutable and grows per tick: the tick is what says it changed.
	return useMemo(() => topologyRows(topology, history, filter), [topology, history, tick, filter]); // eslint-disable-line react-hooks/exhaustive-deps
}
