import type {Address} from '../model/types.js';
import {sanitize} from '../model/sanitize.js';
import {isValidPort} from '../model/address.js';

export type ClusterHealth = 'online' | 'fail' | 'loading';

export interface ClusterShardNode {
	readonly address: Address;
	readonly id: string;
	readonly role: 'master' | 'replica';
	readonly health?: ClusterHealth;
	/** replication-offset (CLUSTER SHARDS only). */
	readonly offset?: number;
	/** CLUSTER NODES flags (myself, master, slave, fail?, fail, handshake, noaddr, nofailover); [] from CLUSTER SHARDS. */
	readonly flags: readonly string[];
}

export interface ClusterShard {
	/** The master's node id (a replica's master-id when the master is unknown). */
	readonly id: string;
	/** Slot ranges, e.g. "0-5460" or "0-100,200"; "" for a shard without slots. */
	readonly slots: string;
	/** Master(s) first, then replicas. */
	readonly nodes: readonly ClusterShardNode[];
}

export const clusterSlotCount = 16_384;

const isSlot = (n: number | undefined): n is number => n !== undefined && Number.isInteger(n) && n >= 0 && n < clusterSlotCount;

/** `host:port`, IPv6 hosts in brackets. */
function joinAddress(host: string, port: number | string): Address {
	return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

function toInt(value: unknown): number | undefined {
	const n = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : NaN;
	return Number.isFinite(n) ? n : undefined;
}

/** [[0, 5460], [7000, 7000]] → "0-5460,7000", sorted and merged where adjacent. */
export function formatSlots(ranges: readonly (readonly [number, number])[]): string {
	const sorted = [...ranges].filter(([a, b]) => a <= b).sort((x, y) => x[0] - y[0]);
	const merged: [number, number][] = [];
	for (const [a, b] of sorted) {
		const last = merged[merged.length - 1];
		if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
		else merged.push([a, b]);
	}
	return merged.map(([a, b]) => (a === b ? String(a) : `${a}-${b}`)).join(',');
}

/** "0-5460,7000" → [[0, 5460], [7000, 7000]]. */
export function parseSlots(slots: string): [number, number][] {
	const ranges: [number, number][] = [];
	for (const piece of slots.split(',')) {
		const match = /^(\d+)(?:-(\d+))?$/.exec(piece.trim());
		if (match) ranges.push([Number(match[1]), Number(match[2] ?? match[1])]);
	}
	return ranges;
}

/** True when the shards' slots together cover 0-16383 exactly once. */
export function slotsCovered(shards: readonly ClusterShard[]): boolean {
	const ranges = shards.flatMap(s => parseSlots(s.slots)).sort((x, y) => x[0] - y[0]);
	let next = 0;
	for (const [a, b] of ranges) {
		if (a !== next) return false;
		next = b + 1;
	}
	return next === clusterSlotCount;
}

/** `ip:port@cport[,hostname]` → address; IPv6 hosts come unbracketed, the port is after the last colon. */
function nodeAddress(field: string, selfHost?: string): Address | undefined {
	const hostPort = field.split(/[@,]/)[0] ?? '';
	const colon = hostPort.lastIndexOf(':');
	if (colon === -1) return undefined;
	const port = toInt(hostPort.slice(colon + 1));
	let host = hostPort.slice(0, colon);
	if (host === '' && selfHost) host = selfHost;
	if (port === undefined || !isValidPort(port) || host === '') return undefined;
	return joinAddress(host, port);
}

function sortShards(shards: ClusterShard[]): ClusterShard[] {
	const start = (s: ClusterShard) => parseSlots(s.slots)[0]?.[0] ?? Number.MAX_SAFE_INTEGER;
	return shards.sort((a, b) => start(a) - start(b) || a.id.localeCompare(b.id));
}

function masterFirst(nodes: ClusterShardNode[]): ClusterShardNode[] {
	return nodes.sort((a, b) => (a.role === b.role ? a.address.localeCompare(b.address) : a.role === 'master' ? -1 : 1));
}

/**
 * CLUSTER NODES text → shards (spec F.2). Migrating/importing markers (`[slot->-id]`, `[slot-<-id]`)
 * are ignored; nodes without a usable address (noaddr, handshake with port 0) are left out.
 * `selfHost` fills the host of a `myself` line printed with an empty ip.
 */
export function parseClusterNodes(text: unknown, selfHost?: string): ClusterShard[] {
	const source = typeof text === 'string' ? text : Buffer.isBuffer(text) ? text.toString('utf8') : '';
	const byShard = new Map<string, {nodes: ClusterShardNode[]; ranges: [number, number][]}>();
	const shardOf = (id: string) => {
		let shard = byShard.get(id);
		if (!shard) byShard.set(id, (shard = {nodes: [], ranges: []}));
		return shard;
	};
	for (const raw of source.split('\n')) {
		const parts = sanitize(raw).trim().split(/\s+/);
		if (parts.length < 8) continue;
		const [id, addressField, flagField, masterId, , , , linkState, ...slotFields] = parts as [string, string, string, string, string, string, string, string, ...string[]];
		const flags = flagField.split(',').filter(Boolean);
		const address = nodeAddress(addressField, flags.includes('myself') ? selfHost : undefined);
		if (!address || flags.includes('noaddr') || flags.includes('handshake')) continue;
		const isMaster = flags.includes('master');
		const health: ClusterHealth | undefined = flags.includes('fail') ? 'fail' : linkState === 'connected' ? 'online' : undefined;
		const node: ClusterShardNode = {address, id, role: isMaster ? 'master' : 'replica', ...(health ? {health} : {}), flags};
		const shard = shardOf(isMaster || masterId === '-' ? id : masterId);
		shard.nodes.push(node);
		if (!isMaster) continue;
		for (const field of slotFields) {
			if (field.startsWith('[')) continue;
			shard.ranges.push(...parseSlots(field).filter(([a, b]) => isSlot(a) && isSlot(b)));
		}
	}
	return sortShards([...byShard].map(([id, shard]) => ({id, slots: formatSlots(shard.ranges), nodes: masterFirst(shard.nodes)})));
}

/** A RESP3 map as a flat array (ioredis legacy mapping), a Map or an object → entries. */
function entries(reply: unknown): [string, unknown][] {
	if (Array.isArray(reply)) {
		const out: [string, unknown][] = [];
		for (let i = 0; i + 1 < reply.length; i += 2) out.push([String(reply[i]), reply[i + 1]]);
		return out;
	}
	if (reply instanceof Map) return [...reply].map(([k, v]) => [String(k), v]);
	if (reply !== null && typeof reply === 'object' && !Buffer.isBuffer(reply)) return Object.entries(reply);
	return [];
}

function text(value: unknown): string {
	return sanitize(Buffer.isBuffer(value) ? value.toString('utf8') : value);
}

/** CLUSTER SHARDS reply (7.0+) → shards. Total: malformed entries are skipped. */
export function parseClusterShards(reply: unknown, selfHost?: string): ClusterShard[] {
	if (!Array.isArray(reply)) return [];
	const shards: ClusterShard[] = [];
	for (const rawShard of reply) {
		const fields = new Map(entries(rawShard));
		const slotList = Array.isArray(fields.get('slots')) ? (fields.get('slots') as unknown[]).map(toInt) : [];
		const ranges: [number, number][] = [];
		for (let i = 0; i + 1 < slotList.length; i += 2) {
			const a = slotList[i];
			const b = slotList[i + 1];
			if (isSlot(a) && isSlot(b)) ranges.push([a, b]);
		}
		const nodes: ClusterShardNode[] = [];
		for (const rawNode of Array.isArray(fields.get('nodes')) ? (fields.get('nodes') as unknown[]) : []) {
			const f = new Map(entries(rawNode));
			const port = toInt(f.get('port')) ?? toInt(f.get('tls-port'));
			const host = text(f.get('ip') ?? f.get('endpoint')) || selfHost || '';
			if (port === undefined || !isValidPort(port) || host === '') continue;
			const health = text(f.get('health'));
			const offset = toInt(f.get('replication-offset'));
			nodes.push({
				address: joinAddress(host, port),
				id: text(f.get('id')),
				role: text(f.get('role')) === 'master' ? 'master' : 'replica',
				...(health === 'online' || health === 'fail' || health === 'loading' ? {health} : {}),
				...(offset === undefined ? {} : {offset}),
				flags: [],
			});
		}
		if (nodes.length === 0) continue;
		masterFirst(nodes);
		const id = text(fields.get('id')) || nodes[0]!.id;
		shards.push({id: nodes.find(n => n.role === 'master')?.id ?? id, slots: formatSlots(ranges), nodes});
	}
	return sortShards(shards);
}
