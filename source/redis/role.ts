import {formatAddress} from '../model/address.js';
import {sanitize} from '../model/sanitize.js';
import type {Address, RoleReplica} from '../model/types.js';
import {maxReplicaLines} from './parse-info.js';

/**
 * A ROLE reply (spec D.1), the same shape from 2.8.12 through Redis 8.0 and Valkey 8.0:
 * `["master", offset, [[ip, port, ack], …]]`, `["slave", host, port, state, offset]`,
 * `["sentinel", [name, …]]`. Numbers may come as integers or bulk strings.
 */
export type RoleReply =
	| {readonly role: 'master'; readonly offset: number; readonly replicas: readonly RoleReplica[]; readonly omitted: number}
	| {readonly role: 'replica'; readonly masterHost: string; readonly masterPort: number; readonly state: string; readonly offset: number}
	| {readonly role: 'sentinel'}
	| {readonly role: 'unknown'};

const text = (v: unknown): string => sanitize(Buffer.isBuffer(v) ? v.toString('utf8') : typeof v === 'string' || typeof v === 'number' ? String(v) : '').slice(0, 256);

function integer(v: unknown): number | undefined {
	const s = text(v);
	if (!/^-?\d{1,18}$/.test(s)) return undefined;
	return Number(s);
}

/**
 * A ROLE reply as ioredis returns it → a RoleReply. Total (never throws) and bounded: strings are
 * cut at 256 characters and at most `maxReplicaLines` replicas are kept (the rest counted).
 */
export function parseRole(reply: unknown): RoleReply {
	if (!Array.isArray(reply) || reply.length === 0) return {role: 'unknown'};
	const kind = text(reply[0]).toLowerCase();
	if (kind === 'master' || kind === 'primary') {
		const offset = integer(reply[1]);
		const list = Array.isArray(reply[2]) ? (reply[2] as unknown[]) : undefined;
		if (offset === undefined || !list) return {role: 'unknown'};
		const replicas: RoleReplica[] = [];
		let omitted = 0;
		for (const entry of list) {
			if (!Array.isArray(entry)) continue;
			const port = integer(entry[1]);
			const ackOffset = integer(entry[2]);
			if (port === undefined || ackOffset === undefined) continue;
			if (replicas.length < maxReplicaLines) replicas.push({ip: text(entry[0]), port, ackOffset});
			else omitted++;
		}
		return {role: 'master', offset, replicas, omitted};
	}
	if (kind === 'slave' || kind === 'replica') {
		const masterPort = integer(reply[2]);
		const offset = integer(reply[4]);
		if (masterPort === undefined || offset === undefined) return {role: 'unknown'};
		return {role: 'replica', masterHost: text(reply[1]), masterPort, state: text(reply[3]), offset};
	}
	if (kind === 'sentinel') return {role: 'sentinel'};
	return {role: 'unknown'};
}

/** The address of a node a ROLE reply points at: its leader (follower) or its followers (leader). */
export function roleNeighbours(role: RoleReply | undefined): Address[] {
	if (role?.role === 'replica') return [formatAddress(role.masterHost, role.masterPort)];
	if (role?.role === 'master') return role.replicas.map(r => formatAddress(r.ip, r.port));
	return [];
}
