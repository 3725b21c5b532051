import {humanBytes} from './format.js';
import {lineAddress, reachable, replicaLines, view} from './node-fields.js';
import type {CheckContext} from './context.js';
import type {Address, CheckStatus} from '../model/types.js';

/** A FAILOVER command under way on one node, as its INFO says it now. */
export interface FailoverFinding {
	readonly node: Address;
	readonly status: CheckStatus;
	readonly state: string;
	/** Evidence: the state, what it does to writes, the offsets it waits on. */
	readonly text: string;
	/** One clause for a verdict's summary. */
	readonly summary: string;
}

/**
 * `master_failover_state` of every reachable node. While it is `waiting-for-sync` the leader has
 * paused client writes (they block) until the target replica acks its offset or the TIMEOUT ends;
 * during `failover-in-progress` it already follows the target (role:slave, writes get READONLY)
 * and the target is not master until it accepts PSYNC FAILOVER: no node takes writes.
 */
export function failoverFindings(ctx: CheckContext): FailoverFinding[] {
	const out: FailoverFinding[] = [];
	for (const n of Object.values(ctx.topology.nodes)) {
		if (!reachable(n)) continue;
		const v = view(n);
		const state = v?.failoverState;
		if (!v || !state) continue;
		const offset = v.masterReplOffset;
		if (state === 'waiting-for-sync') {
			const acks = replicaLines(n).map(l => `${lineAddress(l)} acked ${l.offset}${offset === undefined ? '' : ` (${humanBytes(Math.max(0, offset - l.offset))} short)`}`);
			out.push({
				node: n.address,
				status: 'warn',
				state,
				text: `master_failover_state:waiting-for-sync: FAILOVER under way, client writes paused here (they block) until the target replica reaches offset ${offset ?? '?'} or the TIMEOUT ends; ${acks.join(', ') || 'no replica line'}`,
				summary: `FAILOVER on ${n.address} waiting for a replica to catch up: client writes paused`,
			});
		} else if (state === 'failover-in-progress') {
			const target = n.masterAddress;
			const t = target === undefined ? undefined : ctx.topology.nodes[target];
			const targetLeads = t !== undefined && reachable(t) && t.role === 'master';
			out.push({
				node: n.address,
				status: targetLeads ? 'warn' : 'fail',
				state,
				text: `master_failover_state:failover-in-progress: this former leader now follows ${target ?? '?'} (role:${v.roleText ?? '?'}, master_link_status:${v.linkStatus ?? '?'}) and refuses writes (READONLY); ${targetLeads ? `${target} is master now` : `${target ?? 'the target'} ${t === undefined ? 'is not watched' : reachable(t) ? `is still ${t.role}` : 'does not answer'}: no node accepts writes`}`,
				summary: targetLeads ? `FAILOVER from ${n.address} to ${target} finishing` : `no node accepts writes: ${n.address} is handing leadership to ${target ?? '?'} (FAILOVER in progress)`,
			});
		} else {
			out.push({node: n.address, status: 'warn', state, text: `master_failover_state:${state}: a FAILOVER is under way`, summary: `FAILOVER on ${n.address}: ${state}`});
		}
	}
	return out;
}

/** The nodes a FAILOVER is moving: what they say of their leader is in flux, not a loop or a second leader. */
export const failingOver = (found: readonly FailoverFinding[]): ReadonlySet<Address> => new Set(found.map(f => f.node));
