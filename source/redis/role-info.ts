import type {ParsedInfo, ReplicaLine} from '../model/types.js';
import type {RoleReply} from './role.js';

const key = (ip: string, port: number) => `${ip}\u0000${port}`;

/**
 * Why the last `INFO replication` says it must be read again on the next tick whatever ROLE says
 * (a reason in words), or undefined: its other fields (each replica line's state and ack age, the
 * follower's link, last I/O and received offset) stay true between readings only while it showed a
 * quiet, healthy link.
 */
export function unsettledReplication(last: ParsedInfo | undefined): string | undefined {
	const f = last?.sections.replication;
	if (!last || !f) return 'no INFO replication read yet';
	if (last.replicasOmitted) return 'more replicas than kept';
	if (Number(f.connected_slaves ?? 0) !== last.replicas.length) return 'a replica line is missing';
	// Writes stay paused until the FAILOVER ends, and ROLE does not show it: its end is read every tick.
	const failover = f.master_failover_state ?? f.primary_failover_state;
	if (failover !== undefined && failover !== 'no-failover') return 'a FAILOVER is under way';
	for (const line of last.replicas) {
		if (line.state !== 'online') return `a replica was ${line.state}`;
		// Acks come once a second: 2 s or more is a replica going silent, watched every tick.
		if (line.lag >= 2) return 'a replica\'s ack was late';
	}
	if (f.role === 'slave') {
		if (f.master_link_status !== 'up' || f.master_sync_in_progress === '1') return 'link was not up';
		if (f.slave_read_repl_offset !== undefined && f.slave_read_repl_offset !== f.slave_repl_offset) return 'received bytes not yet applied';
		// A chained follower's own followers are not in its ROLE reply.
		if (last.replicas.length > 0) return 'has followers of its own';
	} else if (f.role !== 'master') return 'role not understood';
	return undefined;
}

/**
 * Why this ROLE reply cannot stand in for `INFO replication` (a change ROLE reveals: role, leader,
 * replica set, a link no longer connected), or undefined when it can: ROLE carries the offsets and
 * the link state, and the last reading (settled, see unsettledReplication) the rest.
 */
export function roleDiffers(role: RoleReply, last: ParsedInfo): string | undefined {
	const f = last.sections.replication ?? {};
	if (role.role === 'master') {
		if (f.role !== 'master') return 'role changed';
		if (role.omitted > 0) return 'more replicas than kept';
		if (last.replicas.length !== role.replicas.length) return 'replica set changed';
		const listed = new Set(role.replicas.map(r => key(r.ip, r.port)));
		if (last.replicas.some(line => !listed.has(key(line.ip, line.port)))) return 'replica set changed';
		return undefined;
	}
	if (role.role === 'replica') {
		if (f.role !== 'slave') return 'role changed';
		if (f.master_host !== role.masterHost || Number(f.master_port) !== role.masterPort) return 'leader changed';
		if (role.state !== 'connected' || role.offset < 0) return `link ${role.state}`;
		return undefined;
	}
	return 'ROLE not understood';
}

function lineText(fields: Readonly<Record<string, string>>): string {
	return Object.entries(fields).map(([k, v]) => (v === '' ? k : `${k}=${v}`)).join(',');
}

/**
 * The replication section ROLE stands for: the last `INFO replication` with the offsets ROLE
 * carries put in (a leader's own offset and each replica's acked offset; a follower's applied
 * offset). Call only when unsettledReplication and roleDiffers said nothing.
 */
export function replicationFromRole(role: RoleReply, last: ParsedInfo): ParsedInfo {
	const fields = Object.assign(Object.create(null) as Record<string, string>, last.sections.replication);
	let replicas: readonly ReplicaLine[] = last.replicas;
	if (role.role === 'master') {
		fields.master_repl_offset = String(role.offset);
		const acks = new Map(role.replicas.map(r => [key(r.ip, r.port), r.ackOffset]));
		replicas = last.replicas.map(line => {
			const ack = acks.get(key(line.ip, line.port)) ?? line.offset;
			if (ack === line.offset) return line;
			const lineFields = {...line.fields, offset: String(ack)};
			fields[`slave${line.index}`] = lineText(lineFields);
			return {...line, offset: ack, fields: lineFields};
		});
	} else if (role.role === 'replica') {
		const offset = String(role.offset);
		fields.slave_repl_offset = offset;
		// Applied and received were equal at the last reading (else INFO is read every tick).
		if (fields.slave_read_repl_offset !== undefined) fields.slave_read_repl_offset = offset;
		fields.master_repl_offset = offset;
	}
	return {fields, sections: {replication: fields}, replicas, commandstats: {}, errorstats: {}};
}
