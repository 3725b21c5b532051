import {formatAddress} from '../model/address.js';
import {nodeView} from '../model/node-view.js';
import type {Address, ParsedInfo} from '../model/types.js';
import {classifyError, configAllowList, configReplyToRecord} from '../redis/connection.js';
import {versionAtLeast} from '../model/units.js';
import type {RoleReply} from '../redis/role.js';
import type {NodeState, Offsets} from './node-state.js';
import type {Reply} from './round-trip.js';

// Every section a check reads, on their cadences (probe-cadence.ts); keyspace, latencystats and
// clients are not read: long or unused.
const counterSections = ['replication', 'stats', 'cpu', 'commandstats', 'errorstats'];
const slowSections = ['server', 'memory', 'persistence', 'cluster'];
const sentinelSections = ['server', 'clients', 'stats', 'cpu', 'sentinel'];

/**
 * The counters, with the slow sections when `slow` (a Sentinel gets its whole list): one command on
 * 7.0+, one per section before (older servers take one). An unknown version also asks for `sentinel`.
 */
export function heavyInfo(state: NodeState, slow = true): string[][] {
	const data = slow ? [...slowSections, ...counterSections] : counterSections;
	const sections = state.sentinel ? sentinelSections : state.version === undefined ? [...data, 'sentinel'] : data;
	return versionAtLeast(state.version, 7) ? [['INFO', ...sections]] : sections.map(s => ['INFO', s]);
}

export const lightInfo = (state: NodeState): string[][] => [['INFO', state.sentinel ? 'sentinel' : 'replication']];

/** CONFIG GET of the allow-list: one command on 7.0+ (several parameters), one per parameter before. */
export function configGets(state: NodeState, configName: string): string[][] {
	return versionAtLeast(state.version, 7) ? [[configName, 'GET', ...configAllowList]] : configAllowList.map(p => [configName, 'GET', p]);
}

export function offsetsOfRole(role: RoleReply, at: number): Offsets | undefined {
	if (role.role === 'master') return {at, own: role.offset, acks: new Map(role.replicas.map(r => [formatAddress(r.ip, r.port), r.ackOffset]))};
	if (role.role === 'replica' && role.offset >= 0) return {at, own: role.offset, acks: new Map()};
	return undefined;
}

export function offsetsOfInfo(info: ParsedInfo, at: number): Offsets | undefined {
	const view = nodeView(info);
	const own = view.role === 'replica' ? view.appliedOffset : view.masterReplOffset;
	if (own === undefined) return undefined;
	return {at, own, acks: new Map(view.replicas.map(r => [formatAddress(r.ip, r.port), r.offset]))};
}

/** The leader a ROLE reply names, for a follower. */
export const leaderOf = (role: RoleReply): Address | undefined => (role.role === 'replica' ? formatAddress(role.masterHost, role.masterPort) : undefined);

/** What a CONFIG GET round trip leaves in the node state: the values, or the error that refused them. */
export function keepConfig(state: NodeState, replies: readonly Reply[], triedAt: number, at: number): void {
	state.configTriedAt = triedAt;
	if (state.sentinel) return;
	const error = replies.find(r => r[0])?.[0];
	if (error) {
		state.configError = classifyError(error);
		return;
	}
	const config: Record<string, string> = {};
	for (const [, reply] of replies) configReplyToRecord(reply, config);
	state.config = config;
	state.configAt = at;
	state.configError = undefined;
}
