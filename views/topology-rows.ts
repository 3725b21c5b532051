// The topology panel's rows in order: per group its summary, Sentinels, leader and followers, filtered and sorted.
import type {History} from '../source/model/history.js';
import type {Address, Group, Link, Topology, TopologyNode} from '../source/model/types.js';
import {compareRows, depthOf, isDeadPointer, nodeRow} from './node-row.js';
import {headerRow} from './group-header-row.js';
import {sentinelBlocks, sentinelSummary} from './sentinel-rows.js';
import {defaultTopologyView, type NodeRow, type SentinelRow, type TopologyRow, type TopologyView} from './row-types.js';

interface Block {
	readonly groupId?: string;
	readonly group?: Group;
	readonly leader?: NodeRow;
	readonly followers: NodeRow[];
	readonly sentinels: {masterName: string; rows: SentinelRow[]}[];
}

function matches(needle: string, row: NodeRow | SentinelRow): boolean {
	if (row.kind === 'sentinel') return row.address.toLowerCase().includes(needle) || 'sentinel'.includes(needle) || (row.reason ?? '').toLowerCase().includes(needle);
	return row.address.toLowerCase().includes(needle) || row.role.includes(needle) || `${row.reason ?? ''} ${row.reasonDetail ?? ''}`.toLowerCase().includes(needle);
}

/**
 * Per group: a summary line (when there is more than one group, a name, slots, a split brain or a collapse),
 * the Sentinels that watch it, the leader, then its followers (chains indented, or sorted by lag or status).
 * Nodes outside every group (unreachable seeds) come last.
 */
export function topologyRows(topology: Topology, history: History, filter = '', view: TopologyView = defaultTopologyView): TopologyRow[] {
	const needle = filter.trim().toLowerCase();
	const linkOf = new Map<Address, Link>();
	for (const link of topology.links) if (!linkOf.has(link.follower)) linkOf.set(link.follower, link);
	const placed = new Set<Address>();
	const blocks: Block[] = [];
	const groups = topology.groups;
	const sentinels = sentinelBlocks(topology);
	for (const group of groups) {
		const members = new Set(group.members);
		const rows: NodeRow[] = [];
		for (const address of group.members) {
			const node = topology.nodes[address];
			if (!node || placed.has(address) || node.role === 'sentinel') continue;
			if (isDeadPointer(node, topology, history)) {
				placed.add(address);
				continue;
			}
			placed.add(address);
			rows.push(nodeRow(node, depthOf(node, topology.nodes, members), linkOf.get(address), {topology, history, group}));
		}
		const watching = [...sentinels.values()].filter(b => b.groupId === group.id);
		if (rows.length === 0 && watching.length === 0) continue;
		const leaderFirst = rows[0] && (rows[0].depth === 0 || rows[0].address === group.leader);
		blocks.push({
			groupId: group.id,
			group,
			...(leaderFirst ? {leader: rows[0]} : {}),
			followers: leaderFirst ? rows.slice(1) : rows,
			sentinels: watching,
		});
	}
	for (const block of sentinels.values()) {
		if (!groups.some(g => g.id === block.groupId)) blocks.push({groupId: block.groupId, followers: [], sentinels: [block]});
	}
	const rest = Object.values(topology.nodes).filter(n => !placed.has(n.address) && n.role !== 'sentinel' && !isDeadPointer(n, topology, history));
	if (groups.length === 0) {
		// No grouping from the engine: lay out a tree from masterAddress.
		const all = new Set(rest.map(n => n.address));
		const loose: NodeRow[] = [];
		const children = (parent: Address | undefined) => rest.filter(n => (parent === undefined ? n.role !== 'replica' || !n.masterAddress || !all.has(n.masterAddress) : n.masterAddress === parent && n.role === 'replica'));
		const visit = (node: TopologyNode, depth: number) => {
			if (placed.has(node.address)) return;
			placed.add(node.address);
			loose.push(nodeRow(node, depth, linkOf.get(node.address), {topology, history}));
			for (const child of children(node.address)) visit(child, depth + 1);
		};
		for (const root of children(undefined)) visit(root, root.role === 'replica' ? 1 : 0);
		blocks.unshift({followers: loose, sentinels: []});
	} else {
		const loose = rest.map(node => nodeRow(node, 0, linkOf.get(node.address), {topology, history}));
		if (loose.length > 0) blocks.push({followers: loose, sentinels: []});
	}

	const compare = compareRows(view.sort);
	if (compare) {
		// Groups too: the one holding the worst follower comes first.
		const worst = (b: Block) => [b.leader, ...b.followers].filter((r): r is NodeRow => r !== undefined).sort(compare)[0];
		const keyed = blocks.map((b, i) => ({b, i, w: worst(b)}));
		keyed.sort((x, y) => (x.w && y.w ? compare(x.w, y.w) : x.w ? -1 : y.w ? 1 : 0) || x.i - y.i);
		blocks.splice(0, blocks.length, ...keyed.map(k => k.b));
	}

	const multi = blocks.filter(b => b.group).length > 1;
	const rows: TopologyRow[] = [];
	for (const block of blocks) {
		const collapsed = block.groupId !== undefined && view.collapsed.has(block.groupId);
		// An unnamed group watched by Sentinel goes by its master name.
		const named = block.group && !block.group.name && block.sentinels.length === 1 ? {...block.group, name: block.sentinels[0]!.masterName} : block.group;
		const header = named ? headerRow(named, block.followers, block.leader, collapsed) : undefined;
		let followers = compare ? [...block.followers].sort(compare) : block.followers;
		let leader = block.leader;
		let sentinelRows = block.sentinels;
		if (needle) {
			// A group named by the filter stays whole; otherwise only what matches (a collapsed group opens on a match).
			const groupMatch = header !== undefined && `${header.text} ${header.leader ?? ''}`.toLowerCase().includes(needle) && named!.name !== undefined;
			if (!groupMatch) {
				followers = followers.filter(r => matches(needle, r));
				if (leader && !matches(needle, leader)) leader = undefined;
				sentinelRows = sentinelRows.map(s => ({...s, rows: s.rows.filter(r => matches(needle, r))})).filter(s => s.rows.length > 0 || s.masterName.toLowerCase().includes(needle));
				if (!leader && followers.length === 0 && sentinelRows.length === 0) continue;
			}
		} else if (collapsed) {
			followers = [];
		}
		const showHeader = header !== undefined && (multi || header.splitBrain || header.shard || named?.name !== undefined || collapsed || block.sentinels.length > 0);
		if (showHeader) rows.push(header);
		for (const s of sentinelRows) {
			rows.push(sentinelSummary(s.masterName, block.groupId!, s.rows));
			if (!collapsed || needle) rows.push(...s.rows);
		}
		if (leader) rows.push(leader);
		rows.push(...followers);
	}
	return rows;
}

/** Group ids a collapse-all applies to: groups and Sentinel-only blocks. */
export function groupIdsOf(topology: Topology): string[] {
	const ids = topology.groups.map(g => g.id);
	for (const block of sentinelBlocks(topology).values()) if (!ids.includes(block.groupId)) ids.push(block.groupId);
	return ids;
}
