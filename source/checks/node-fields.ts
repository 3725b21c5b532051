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

export {versionAtLeast as atLeast} from '../model/units.js';

/** `ip:port` of a slaveN line, written as addresses are everywhere (IPv6 in brackets). */
export const lineAddress = (l: {ip: string; port: number}): Address => (l.ip.includes(':') ? `[${l.ip}]:${l.port}` : `${l.ip}:${l.port}`);
