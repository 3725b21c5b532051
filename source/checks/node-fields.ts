import type {Address, ParsedInfo, TopologyNode} from '../model/types.js';
import {viewOf, type NodeView, type ReplicaView} from '../model/node-view.js';

export const infoOf = (node: TopologyNode | undefined): ParsedInfo | undefined => (node?.sample.reachable ? node.sample.info : undefined);

/** The normalised INFO of a reachable node (role, offsets, link, aliases resolved). */
export const view = (node: TopologyNode | undefined): NodeView | undefined => (node ? viewOf(node.sample) : undefined);

export const reachable = (node: TopologyNode): boolean => node.sample.reachable && node.sample.info !== undefined;

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

/** `ip:port` of a slaveN line, written as addresses are everywhere (IPv6 in brackets). */
export const lineAddress = (l: {ip: string; port: number}): Address => (l.ip.includes(':') ? `[${l.ip}]:${l.port}` : `${l.ip}:${l.port}`);
