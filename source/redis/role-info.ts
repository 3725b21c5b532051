import {nodeView} from '../model/node-view.js';
import type {ParsedInfo, RoleOffsets} from '../model/types.js';
import type {RoleReply} from './role.js';

const key = (ip: string, port: number) => `${ip}\u0000${port}`;

/**
 * Why the last `INFO replication` says it must be read again on the next tick whatever ROLE says
 * (a reason in words), or undefined: its other fields (each replica line's state and ack age, the
 * follower's link, last I/O and received offset) stay true between readings only while it showed a
 * quiet, healthy link.
 */
export function unsettledReplication(last: ParsedInfo | undefined): string | undefined {
	if (!last?.sections.replication) return 'no INFO replication read yet';
	if (last.replicasOmitted) return 'more replicas than kept';
	const v = nodeView(last);
	if ((v.connectedReplicas ?? 0) !== last.replicas.length) return 'a replica line is missing';
	// Writes stay paused until the FAILOVER ends, and ROLE does not show it: its end is read every tick.
	if (v.failoverState !== undefined) return 'a FAILOVER is under way';
	for (const line of last.replicas) {
		if (line.state !== 'online') return `a replica was ${line.state}`;
		// Acks come once a second: 2 s or more is a replica going silent, watched every tick.
		if (line.lag >= 2) return 'a replica\'s ack was late';
	}
	if (v.role === 'replica') {
		if (v.linkStatus !== 'up' || v.syncInProgress) return 'link was not up';
		if (v.readOffset !== undefined && v.readOffset !== v.appliedOffset) return 'received bytes not yet applied';
		// A chained follower's own followers are not in its ROLE reply.
		if (last.replicas.length > 0) return 'has followers of its own';
	} else if (v.role !== 'master') return 'role not understood';
	return undefined;
}

/**
 * Why this ROLE reply cannot stand in for `INFO replication` (a change ROLE reveals: role, leader,
 * replica set, a link no longer connected), or undefined when it can: ROLE carries the offsets and
 * the link state, and the last reading (settled, see unsettledReplication) the rest.
 */
export function roleDiffers(role: RoleReply, last: ParsedInfo): string | undefined {
	const v = nodeView(last);
	if (role.role === 'master') {
		if (v.role !== 'master') return 'role changed';
		if (role.omitted > 0) return 'more replicas than kept';
		if (last.replicas.length !== role.replicas.length) return 'replica set changed';
		const listed = new Set(role.replicas.map(r => key(r.ip, r.port)));
		if (last.replicas.some(line => !listed.has(key(line.ip, line.port)))) return 'replica set changed';
		return undefined;
	}
	if (role.role === 'replica') {
		if (v.role !== 'replica') return 'role changed';
		if (v.masterHost !== role.masterHost || v.masterPort !== role.masterPort) return 'leader changed';
		if (role.state !== 'connected' || role.offset < 0) return `link ${role.state}`;
		return undefined;
	}
	return 'ROLE not understood';
}

/**
 * The reading ROLE stands for: the last `INFO replication` as it was read, with ROLE's offsets (a
 * leader's own and each replica's acked offset; a follower's applied offset) beside it for NodeView
 * to take. Call only when unsettledReplication and roleDiffers said nothing.
 */
export function withRoleOffsets(role: RoleReply, last: ParsedInfo): ParsedInfo {
	const roleOffsets: RoleOffsets | undefined = role.role === 'master' ? {role: 'master', offset: role.offset, replicas: role.replicas} : role.role === 'replica' ? {role: 'replica', offset: role.offset} : undefined;
	return roleOffsets ? {...last, roleOffsets} : last;
}
