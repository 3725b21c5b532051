import type {Redis} from 'ioredis';
import type {Address, Group} from '../model/types.js';
import {parseClusterNodes, parseClusterShards, type ClusterShard} from './parse.js';

/** "7.0.15" → true for 7.0 and later; unknown versions try CLUSTER SHARDS and fall back. */
function hasClusterShards(version: string | undefined): boolean {
	const major = Number(/^(\d+)\./.exec(version ?? '')?.[1]);
	return !Number.isFinite(major) || major >= 7;
}

/**
 * The shards of the cluster `client` belongs to: CLUSTER SHARDS on 7.0+ (Valkey 7.2+ too),
 * CLUSTER NODES before, or when SHARDS fails (renamed, NOPERM, …). Throws when both fail.
 * `selfHost` fills an empty own ip (a node that never met another prints `:port`).
 */
export async function fetchClusterShards(client: Redis, version?: string, selfHost?: string): Promise<ClusterShard[]> {
	if (hasClusterShards(version)) {
		try {
			const shards = parseClusterShards(await client.call('CLUSTER', 'SHARDS'), selfHost);
			if (shards.length > 0) return shards;
		} catch {
			// fall through to CLUSTER NODES
		}
	}
	return parseClusterNodes(await client.call('CLUSTER', 'NODES'), selfHost);
}

/** Every node address of the shards, masters first: the monitor's node set from one cluster seed. */
export function clusterAddresses(shards: readonly ClusterShard[]): Address[] {
	const masters = shards.flatMap(s => s.nodes.filter(n => n.role === 'master').map(n => n.address));
	const replicas = shards.flatMap(s => s.nodes.filter(n => n.role !== 'master').map(n => n.address));
	return [...new Set([...masters, ...replicas])];
}

/** Shards → topology groups (kind 'shard'): the leader is the live master, failed masters are not counted as masters. */
export function shardGroups(shards: readonly ClusterShard[]): Group[] {
	return shards.map(shard => {
		const live = shard.nodes.filter(n => n.role === 'master' && n.health !== 'fail').map(n => n.address);
		const leader = live[0] ?? shard.nodes.find(n => n.role === 'master')?.address;
		const members = [...new Set([...(leader ? [leader] : []), ...shard.nodes.map(n => n.address)])];
		return {
			id: `shard:${shard.id}`,
			kind: 'shard' as const,
			...(leader ? {leader} : {}),
			members,
			splitBrain: live.length > 1,
			masters: live,
			slots: shard.slots,
		};
	});
}
