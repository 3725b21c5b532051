import {nodeView} from '../source/model/node-view.js';
import type {History, Point} from '../source/model/history.js';
import {sanitize} from '../source/model/sanitize.js';
import type {Address, Group, Link, Role, SentinelView, Topology, TopologyNode} from '../source/model/types.js';
import {sentinelState} from '../source/sentinel/parse.js';

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
	/** Bytes behind, newest last (the sparkline). */
	readonly lagSeries: readonly Point[];
	/** Unreachable: seconds since it last answered; absent when it never did (`neverAnswered`). */
	readonly silentSeconds?: number;
	readonly neverAnswered?: boolean;
	/** A master that stopped answering while another master leads its group (after a failover). */
	readonly formerLeader?: boolean;
	/** Where a follower whose link is down points, when nothing answers there (REPLICAOF a closed port). */
	readonly pointsAt?: {readonly address: Address; readonly reason: string};
	readonly writeRate?: number | null;
	/** The group the row belongs to (what `c` collapses); absent outside every group. */
	readonly groupId?: string;
	/** Replica still loading its dataset (INFO loading:1). */
	readonly loading?: boolean;
}

/** One line per group: what a person needs when 200 nodes do not fit on the screen. */
export interface HeaderRow {
	readonly kind: 'header';
	readonly groupId: string;
	/** Group name, "shard" or "group", with the slots of a shard. */
	readonly text: string;
	readonly splitBrain: boolean;
	readonly masters: readonly Address[];
	readonly shard: boolean;
	readonly leader?: Address;
	readonly leaderUp: boolean;
	readonly followers: number;
	/** Followers by health: link online / syncing or loading / not answering / answering with the link down. */
	readonly online: number;
	readonly syncing: number;
	readonly unreachable: number;
	readonly linksDown: number;
	/** Dead masters replaced by the group's live leader: not counted as followers. */
	readonly formerLeaders: number;
	readonly maxLagBytes: number | null;
	readonly maxLagSeconds: number | null;
	readonly collapsed: boolean;
}

/** One line per Sentinel master name: how the Sentinels that watch it agree. */
export interface SentinelSummaryRow {
	readonly kind: 'sentinel-summary';
	readonly groupId: string;
	readonly masterName: string;
	readonly total: number;
	readonly reachable: number;
	readonly quorum?: number;
	/** CKQUORUM of the reachable Sentinels: false as soon as one says NOQUORUM. */
	readonly quorumOk?: boolean;
	readonly usable?: number;
	readonly failoverState?: string;
	readonly failoverInProgress: boolean;
	readonly tilt: number;
	readonly odown: boolean;
	readonly sdown: boolean;
	readonly masterAddr?: Address;
	/** Reachable Sentinels name different masters. */
	readonly disagree: boolean;
}

/** One Sentinel as it sees one master name (shown while the group is expanded). */
export interface SentinelRow {
	readonly kind: 'sentinel';
	readonly groupId: string;
	readonly address: Address;
	readonly reachable: boolean;
	readonly reason?: string;
	readonly flags: readonly string[];
	readonly quorum?: number;
	readonly failoverInProgress: boolean;
	readonly failoverState?: string;
	readonly tilt: boolean;
	readonly numOtherSentinels?: number;
	readonly quorumOk?: boolean;
	readonly usable?: number;
	readonly masterAddr?: Address;
}

export type TopologyRow = NodeRow | HeaderRow | SentinelSummaryRow | SentinelRow;

export type TopologySort = 'discovery' | 'lag' | 'status';
export const topologySorts: readonly TopologySort[] = ['discovery', 'lag', 'status'];

export interface TopologyView {
	readonly sort: TopologySort;
	/** Group ids whose followers and Sentinel lines are hidden. */
	readonly collapsed: ReadonlySet<string>;
}

export const defaultTopologyView: TopologyView = {sort: 'discovery', collapsed: new Set()};

/** Points of the lag sparkline handed to the view (the widest row there is). */
export const sparkPoints = 240;

/** A node known only because a follower points at it, never reached and leading nothing: a reason, not a node. */
export function isDeadPointer(node: TopologyNode, topology: Topology, history: History): boolean {
	if (node.sample.reachable || !node.discoveredVia.startsWith('master-of ') || history.first(node.address) !== undefined) return false;
	return !topology.groups.some(g => g.leader === node.address && g.members.length > 1);
}

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

interface RowContext {
	readonly topology: Topology;
	readonly history: History;
	readonly group?: Group;
}

function nodeRow(node: TopologyNode, depth: number, link: Link | undefined, {topology, history, group}: RowContext): NodeRow {
	const lagSeries = link ? history.recent(node.address, 'lagBytes', sparkPoints) : [];
	const lastAnswer = node.sample.reachable ? undefined : history.latest(node.address)?.at;
	const groupId = group?.id;
	const leader = group?.leader ? topology.nodes[group.leader] : undefined;
	const target = link && link.linkStatus === 'down' ? topology.nodes[link.leader] : undefined;
	const pointsAt = target && isDeadPointer(target, topology, history) ? {address: target.address, reason: sanitize(target.sample.error?.kind ?? 'no reply')} : undefined;
	return {
		kind: 'node',
		address: node.address,
		depth,
		role: node.role,
		reachable: node.sample.reachable,
		...(node.sample.reachable ? {} : {reason: sanitize(node.sample.error?.kind === 'too-large' ? 'reply too large' : node.sample.error?.kind ?? 'no reply'), ...(node.sample.error?.message ? {reasonDetail: sanitize(node.sample.error.message)} : {})}),
		...(node.sample.reachable ? {} : lastAnswer === undefined ? {neverAnswered: true} : {silentSeconds: Math.max(0, (topology.at - lastAnswer) / 1000)}),
		...(!node.sample.reachable && node.role === 'master' && leader && leader.address !== node.address && leader.sample.reachable ? {formerLeader: true} : {}),
		...(pointsAt ? {pointsAt} : {}),
		...(node.version ? {version: sanitize(node.version)} : {}),
		...(link ? {link} : {}),
		lagSeries,
		...(node.writeRateBytesPerSec === undefined ? {} : {writeRate: node.writeRateBytesPerSec}),
		...(groupId === undefined ? {} : {groupId}),
		...(node.sample.info && nodeView(node.sample.info).loading ? {loading: true} : {}),
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

function compareRows(sort: TopologySort): ((a: NodeRow, b: NodeRow) => number) | undefined {
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

function headerRow(group: Group, followers: readonly NodeRow[], leader: NodeRow | undefined, collapsed: boolean): HeaderRow {
	const name = group.name ? sanitize(group.name) : group.kind === 'shard' ? 'shard' : 'group';
	const text = [name, group.slots ? `slots ${sanitize(group.slots)}` : ''].filter(Boolean).join(' ');
	let maxLagBytes: number | null = null;
	let maxLagSeconds: number | null = null;
	let online = 0;
	let syncing = 0;
	let unreachable = 0;
	let linksDown = 0;
	const formerLeaders = followers.filter(f => f.formerLeader).length;
	for (const f of followers) {
		if (f.formerLeader) continue;
		const severity = rowSeverity(f);
		if (severity === 4) unreachable++;
		else if (severity === 3) linksDown++;
		else if (severity === 2) syncing++;
		else if (f.link?.state === 'online') online++;
		else syncing++;
		if (f.link?.lagBytes !== null && f.link?.lagBytes !== undefined) maxLagBytes = Math.max(maxLagBytes ?? 0, f.link.lagBytes);
		if (f.link?.lagSeconds !== null && f.link?.lagSeconds !== undefined) maxLagSeconds = Math.max(maxLagSeconds ?? 0, f.link.lagSeconds);
	}
	return {
		kind: 'header',
		groupId: group.id,
		text,
		splitBrain: group.splitBrain,
		masters: group.masters,
		shard: group.kind === 'shard',
		...(group.leader ? {leader: group.leader} : {}),
		leaderUp: leader?.reachable ?? false,
		followers: followers.length - formerLeaders,
		online,
		syncing,
		unreachable,
		linksDown,
		formerLeaders,
		maxLagBytes,
		maxLagSeconds,
		collapsed,
	};
}

function sentinelRow(view: SentinelView, groupId: string): SentinelRow {
	if (!view.reachable) {
		const reason = view.error ? `${view.error.kind}${view.error.message ? `: ${view.error.message}` : ''}` : 'no reply';
		return {kind: 'sentinel', groupId, address: view.address, reachable: false, reason: sanitize(reason), flags: [], failoverInProgress: false, tilt: view.tilt ?? false};
	}
	const state = sentinelState(view);
	return {
		kind: 'sentinel',
		groupId,
		address: view.address,
		reachable: true,
		// A reachable Sentinel may still not know the master (wrong name): that is its reason.
		...(view.error ? {reason: sanitize(view.error.message || view.error.kind)} : {}),
		flags: state.flags.map(sanitize),
		...(state.quorum === undefined ? {} : {quorum: state.quorum}),
		failoverInProgress: state.failoverInProgress,
		...(state.failoverState === undefined ? {} : {failoverState: sanitize(state.failoverState)}),
		tilt: state.tilt,
		...(state.numOtherSentinels === undefined ? {} : {numOtherSentinels: state.numOtherSentinels}),
		...(state.quorumOk === undefined ? {} : {quorumOk: state.quorumOk}),
		...(state.usableSentinels === undefined || state.usableSentinels === null ? {} : {usable: state.usableSentinels}),
		...(view.masterAddr ? {masterAddr: sanitize(view.masterAddr)} : {}),
	};
}

function sentinelSummary(masterName: string, groupId: string, rows: readonly SentinelRow[]): SentinelSummaryRow {
	const live = rows.filter(r => r.reachable && r.flags.length > 0);
	const quorums = live.map(r => r.quorum).filter((q): q is number => q !== undefined);
	const checked = live.filter(r => r.quorumOk !== undefined);
	const failing = checked.find(r => r.quorumOk === false);
	const usable = (failing ?? checked[0])?.usable;
	const failover = live.find(r => r.failoverInProgress);
	const addrs = [...new Set(live.map(r => r.masterAddr).filter((a): a is Address => a !== undefined))];
	const votes = new Map<Address, number>();
	for (const r of live) if (r.masterAddr) votes.set(r.masterAddr, (votes.get(r.masterAddr) ?? 0) + 1);
	const masterAddr = [...votes.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
	return {
		kind: 'sentinel-summary',
		groupId,
		masterName,
		total: rows.length,
		reachable: rows.filter(r => r.reachable).length,
		...(quorums.length > 0 ? {quorum: Math.max(...quorums)} : {}),
		...(checked.length > 0 ? {quorumOk: failing === undefined} : {}),
		...(usable === undefined ? {} : {usable}),
		failoverInProgress: failover !== undefined,
		...(failover?.failoverState ? {failoverState: failover.failoverState} : {}),
		tilt: rows.filter(r => r.tilt).length,
		odown: live.some(r => r.flags.includes('o_down')),
		sdown: live.some(r => r.flags.includes('s_down')),
		...(masterAddr ? {masterAddr} : {}),
		disagree: addrs.length > 1,
	};
}

/** Sentinel views per master name, each name tied to the group whose members include the master it names. */
function sentinelBlocks(topology: Topology): Map<string, {groupId: string; masterName: string; rows: SentinelRow[]}> {
	const blocks = new Map<string, {groupId: string; masterName: string; rows: SentinelRow[]}>();
	const byName = new Map<string, SentinelView[]>();
	for (const view of topology.sentinels) {
		const list = byName.get(view.masterName) ?? [];
		list.push(view);
		byName.set(view.masterName, list);
	}
	for (const [name, views] of byName) {
		const masterName = sanitize(name);
		const addrs = views.flatMap(v => (v.masterAddr ? [v.masterAddr] : v.master?.ip && v.master.port ? [`${v.master.ip}:${v.master.port}`] : []));
		const group = topology.groups.find(g => g.name === name) ?? topology.groups.find(g => addrs.some(a => g.members.includes(a)));
		const groupId = group?.id ?? `sentinel:${name}`;
		const seen = new Set<Address>();
		const rows: SentinelRow[] = [];
		for (const view of views) {
			if (seen.has(view.address)) continue;
			seen.add(view.address);
			rows.push(sentinelRow(view, groupId));
		}
		// Two names in one group (rare) keep separate blocks.
		blocks.set(`${groupId}\u0000${name}`, {groupId, masterName, rows});
	}
	return blocks;
}

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
