import {formatBytes} from '../model/units.js';
import type {History} from '../model/history.js';
import type {TimelineEvent} from '../model/types.js';
import type {Address, CheckStatus, Evidence, Link, NodeSample, ParsedInfo, Remediation, ReplicaLine, Topology, TopologyNode} from '../model/types.js';
import {nodeView, rawNumber, viewOf, type NodeView, type ReplicaView} from '../model/node-view.js';
import type {CommandKind} from './command-kinds.js';
import type {Settings} from './settings.js';

export interface CheckContext {
	readonly topology: Topology;
	readonly history: History;
	readonly settings: Settings;
	readonly now: number;
	/** Command classification from COMMAND INFO (lower-case name → kind); the static table fills gaps. */
	readonly commandKinds?: Readonly<Record<string, CommandKind>>;
	/** MONITOR samples the operator took (`m`), latest per node, as noted on the timeline. */
	readonly monitorSamples?: readonly TimelineEvent[];
}

/** What a check returns; the registry adds id, section and title. */
export interface Verdict {
	readonly status: CheckStatus;
	readonly summary: string;
	readonly evidence?: readonly Evidence[];
	readonly recommendation?: string;
	readonly remediations?: readonly Remediation[];
}

export type Check = (ctx: CheckContext) => Verdict;

const rank: Record<CheckStatus, number> = {pass: 0, info: 1, unknown: 2, warn: 3, fail: 4};

/** The most severe status of per-node findings (fail > warn > unknown > info > pass). */
export function worst(statuses: readonly CheckStatus[], empty: CheckStatus = 'pass'): CheckStatus {
	let out: CheckStatus | undefined;
	for (const s of statuses) if (out === undefined || rank[s] > rank[out]) out = s;
	return out ?? empty;
}

/** A text per status; `else` stands for every status not named. */
export type ByStatus = Partial<Record<CheckStatus | 'else', string>>;

export interface VerdictExtras {
	/** Given only when the worst status is one of `when`. */
	readonly recommendation?: {readonly when: readonly CheckStatus[]; readonly text: string};
	/** Checks that offer fixes always return the list, empty or not. */
	readonly remediations?: readonly Remediation[];
}

/** What a check found node by node: one status and one evidence line per finding, and the fixes it offers. */
export class Findings {
	readonly statuses: CheckStatus[] = [];
	readonly evidence: Evidence[] = [];
	readonly remediations: Remediation[] = [];

	add(status: CheckStatus, node: Address, text: string): void {
		this.statuses.push(status);
		this.evidence.push({node, text});
	}

	/** The worst status found and the texts chosen for it. */
	verdict(summary: ByStatus, extras: VerdictExtras = {}): Verdict {
		const status = worst(this.statuses);
		const {recommendation, remediations} = extras;
		return {
			status,
			summary: summary[status] ?? summary.else ?? '',
			evidence: this.evidence,
			...(recommendation?.when.includes(status) ? {recommendation: recommendation.text} : {}),
			...(remediations ? {remediations} : {}),
		};
	}
}

export const infoOf = (node: TopologyNode | undefined): ParsedInfo | undefined => (node?.sample.reachable ? node.sample.info : undefined);

/** The normalised INFO of a reachable node (role, offsets, link, aliases resolved). */
export const view = (node: TopologyNode | undefined): NodeView | undefined => (node ? viewOf(node.sample) : undefined);

export const num = (node: TopologyNode | undefined, field: string): number | undefined => view(node)?.number(field);

export const field = (node: TopologyNode | undefined, name: string): string | undefined => view(node)?.field(name);

/** An allow-listed CONFIG value of a node (undefined when CONFIG GET failed or was not sent). */
export const configValue = (node: TopologyNode | undefined, name: string): string | undefined => node?.sample.config?.[name];

export function configNumber(node: TopologyNode | undefined, name: string): number | undefined {
	const v = configValue(node, name);
	if (v === undefined || v.trim() === '') return undefined;
	const n = Number(v);
	return Number.isFinite(n) ? n : undefined;
}

/**
 * What the helpers below derive from a topology, computed once per topology: ~57 checks ask for the
 * data nodes, leaders and followers of each leader, which at 100 nodes re-sorted and re-filtered the
 * node list thousands of times a tick. A topology is immutable once built, so the cache is exact.
 */
interface TopologyIndex {
	readonly dataNodes: readonly TopologyNode[];
	readonly leaders: readonly TopologyNode[];
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

export const reachable = (node: TopologyNode): boolean => node.sample.reachable && node.sample.info !== undefined;

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

/** The leader's slaveN lines that are real replicas (port 0 = a SYNC client such as `redis-cli --rdb`). */
export function replicaLines(node: TopologyNode): ReplicaView[] {
	return (view(node)?.replicas ?? []).filter(l => l.port !== 0);
}

export function onlineReplicaLines(node: TopologyNode) {
	return replicaLines(node).filter(l => l.state === 'online');
}

/** `7.0.15` ≥ 7.0 ? false when unknown. */
export function atLeast(version: string | undefined, major: number, minor = 0, patch = 0): boolean {
	if (!version) return false;
	const [a = 0, b = 0, c = 0] = version.split('.').map(x => Number.parseInt(x, 10) || 0);
	return a !== major ? a > major : b !== minor ? b > minor : c >= patch;
}

export interface Delta {
	readonly from: NodeSample;
	readonly to: NodeSample;
	readonly seconds: number;
}

/**
 * When the counters of each kept sample were read. The poller refreshes the heavy INFO sections
 * (stats, commandstats, errorstats, cpu) less often than replication and merges the last ones into
 * light samples; `total_commands_processed` moves with every real read (replwatch's own INFO
 * counts), so samples that share it carry the same counters, read when the first of them arrived.
 * One pass over the kept samples, cached per sample list (the history hands out one list per change).
 */
const readTimes = new WeakMap<readonly NodeSample[], readonly number[]>();

function countersReadAt(kept: readonly NodeSample[]): readonly number[] {
	const hit = readTimes.get(kept);
	if (hit) return hit;
	const out: number[] = [];
	let prevStamp: number | undefined;
	for (let i = 0; i < kept.length; i++) {
		const s = kept[i]!;
		const stamp = s.info ? nodeView(s.info).totalCommandsProcessed : undefined;
		out.push(i > 0 && stamp !== undefined && stamp === prevStamp ? out[i - 1]! : s.at);
		prevStamp = stamp;
	}
	readTimes.set(kept, out);
	return out;
}

/**
 * Latest sample and a baseline whose counters were read at least `minSeconds` earlier, from the
 * history; undefined when the history is too short or the server restarted in between (counters
 * reset). `fromFirst` measures from the first sample seen since monitoring began.
 */
export function window(ctx: CheckContext, address: Address, minSeconds: number, fromFirst = false): Delta | undefined {
	const kept = ctx.history.samples(address);
	const to = kept.at(-1);
	if (!to?.info) return undefined;
	const readAt = countersReadAt(kept);
	const toAt = readAt[kept.length - 1]!;
	let from: NodeSample | undefined;
	let fromAt = 0;
	const first = ctx.history.first(address);
	if (fromFirst && first) {
		from = first;
		fromAt = first === kept[0] ? readAt[0]! : first.at;
	} else {
		for (let i = kept.length - 2; i >= 0; i--) {
			const at = readAt[i]!;
			if (toAt - at >= minSeconds * 1000) {
				from = kept[i];
				fromAt = at;
				break;
			}
		}
		if (!from && first && !kept.includes(first) && toAt - first.at >= minSeconds * 1000) {
			from = first;
			fromAt = first.at;
		}
	}
	if (!from?.info || from === to) return undefined;
	const seconds = (toAt - fromAt) / 1000;
	if (seconds < minSeconds || seconds <= 0) return undefined;
	const runFrom = nodeView(from.info).runId;
	if (runFrom !== undefined && runFrom !== nodeView(to.info).runId) return undefined;
	return {from, to, seconds};
}

/** Counter increase over a window (negative means a reset: undefined). */
export function counterDelta(d: Delta, read: (info: ParsedInfo) => number | undefined): number | undefined {
	const a = read(d.from.info!);
	const b = read(d.to.info!);
	if (a === undefined || b === undefined || b < a) return undefined;
	return b - a;
}

export const infoCounter = (name: string) => (info: ParsedInfo): number | undefined => rawNumber(info, name);

/** 1536 → "1.5 KiB" (IEC, the one unit system of replwatch). */
export const humanBytes = formatBytes;

export function humanSeconds(seconds: number): string {
	if (!Number.isFinite(seconds)) return 'unbounded';
	if (seconds < 10) return `${Math.round(seconds * 10) / 10} s`;
	if (seconds < 120) return `${Math.round(seconds)} s`;
	if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
	return `${Math.round(seconds / 360) / 10} h`;
}

export const percent = (share: number): string => `${Math.round(share * 1000) / 10} %`;

/** Redis memory units in CONFIG values ("1mb", "256kb", "1gb", bytes). */
export function parseMemory(value: string | undefined): number | undefined {
	if (value === undefined) return undefined;
	const m = /^\s*(\d+(?:\.\d+)?)\s*(b|k|kb|m|mb|g|gb)?\s*$/i.exec(value);
	if (!m) return undefined;
	const n = Number(m[1]);
	const unit = (m[2] ?? 'b').toLowerCase();
	const mult: Record<string, number> = {b: 1, k: 1000, kb: 1024, m: 1e6, mb: 1024 ** 2, g: 1e9, gb: 1024 ** 3};
	return Math.round(n * mult[unit]!);
}

export function nextPowerOfTwo(n: number): number {
	if (n <= 1) return 1;
	return 2 ** Math.ceil(Math.log2(n));
}

/** Bytes as a CONFIG value: "16mb" when a whole number of MiB, else bytes. */
export function configBytes(bytes: number): string {
	if (bytes >= 1024 ** 3 && bytes % 1024 ** 3 === 0) return `${bytes / 1024 ** 3}gb`;
	if (bytes >= 1024 ** 2 && bytes % 1024 ** 2 === 0) return `${bytes / 1024 ** 2}mb`;
	return String(bytes);
}

export const unreachableEvidence = (node: TopologyNode): Evidence => ({
	node: node.address,
	text: `unreachable: ${node.sample.error?.message ?? 'no reply'}`,
});

export function unknown(summary: string, evidence: readonly Evidence[] = []): Verdict {
	return {status: 'unknown', summary, evidence};
}

/** A CONFIG SET remediation. */
export function configSet(node: Address, parameter: string, current: string | undefined, proposed: string, risk: 'low' | 'high', extra: Partial<Remediation> = {}): Remediation {
	return {node, command: ['CONFIG', 'SET', parameter, proposed], current: current ?? '', proposed, risk, parameter, ...extra};
}

/** `ip:port` of a slaveN line, written as addresses are everywhere (IPv6 in brackets). */
export const lineAddress = (l: {ip: string; port: number}): Address => (l.ip.includes(':') ? `[${l.ip}]:${l.port}` : `${l.ip}:${l.port}`);

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

/** One wording everywhere for a check (or part of one) a node's version does not have; its status is `info`. */
export function notApplicableText(node: TopologyNode, feature: string, major: number, minor = 0, patch = 0): string {
	const since = `${major}.${minor}${patch ? `.${patch}` : ''}`;
	return `not applicable on ${node.product === 'valkey' ? 'Valkey' : 'Redis'} ${node.version ?? '?'}: ${feature} exists from Redis ${since}`;
}

export const notApplicableSummary = 'not applicable on this server version';
