import type {ParsedInfo, TopologyNode} from '../model/types.js';
import {commandKind} from './command-kinds.js';
import {describeCycle, replicationCycles} from '../model/cycles.js';
import {Findings, notApplicableSummary, notApplicableText, unknown, unreachableEvidence} from './findings.js';
import {atLeast, infoOf, reachable, view} from './node-fields.js';
import {configSet, configValue} from './config-values.js';
import {counterDelta, window} from './counter-window.js';
import {dataNodes, followersOf, leaders, replicas} from './topology-index.js';
import {percent} from './format.js';
import {failingOver, failoverFindings} from './failover-state.js';
import type {CheckContext, Verdict} from './context.js';

/** 1.1.1 One leader per group; every replica points at a node of its group. */
export function rolesIdentified(ctx: CheckContext): Verdict {
	const nodes = dataNodes(ctx);
	if (nodes.length === 0) return unknown('no data node known');
	const found = new Findings();
	for (const group of ctx.topology.groups) {
		if (group.masters.length > 1 || group.splitBrain) {
			found.statuses.push('fail');
			for (const m of group.masters) {
				const n = ctx.topology.nodes[m];
				found.evidence.push({node: m, text: `role:master in the same group as ${group.masters.filter(x => x !== m).join(', ')} (master_replid ${view(n)?.replid?.slice(0, 8) ?? '?'}…): two leaders, as after an interrupted failover`});
			}
		}
	}
	// A loop (A follows B follows A, or A follows itself) has no leader: its members are named once, as the loop.
	const failovers = failoverFindings(ctx);
	const moving = failingOver(failovers);
	for (const f of failovers) found.add(f.status, f.node, f.text);
	// A FAILOVER's old leader follows its target while the target (paused, not yet promoted) still names it: not a loop.
	const loops = replicationCycles(nodes.map(n => n.address), a => ctx.topology.nodes[a]?.masterAddress).filter(loop => !loop.some(a => moving.has(a)));
	for (const loop of loops) {
		found.add('fail', loop[0]!, `replication loop ${describeCycle(loop)}: every node in it follows ${loop.length === 1 ? 'itself' : 'another replica of the loop'}, none holds the data's history (links ${loop.map(a => `${a}:${view(ctx.topology.nodes[a])?.linkStatus ?? '?'}`).join(', ')})`);
	}
	const looped = new Set(loops.flat());
	for (const n of nodes) {
		if (looped.has(n.address)) continue;
		if (!reachable(n)) {
			found.add('unknown', n.address, `${unreachableEvidence(n).text}; role not confirmed now (last known: ${n.role})`);
			continue;
		}
		if (n.role === 'master') {
			const lines = infoOf(n)?.replicas.filter(l => l.port !== 0) ?? [];
			found.add('pass', n.address, `role:master, connected_slaves:${view(n)?.connectedReplicas ?? '?'} (${lines.map(l => `${l.ip}:${l.port} ${l.state}`).join(', ') || 'no replica lines'})`);
		} else if (n.role === 'replica') {
			const master = n.masterAddress;
			const known = master !== undefined && ctx.topology.nodes[master] !== undefined;
			const text = `role:slave of ${master ?? '?'} (master_link_status:${view(n)?.linkStatus ?? '?'})`;
			if (!known) {
				found.add('warn', n.address, `${text}; that master is not in the inventory`);
			} else {
				found.add('pass', n.address, text);
			}
		} else {
			found.add('warn', n.address, `role not recognised (role:${view(n)?.roleText ?? '?'})`);
		}
	}
	// An unreachable node's role is its last sample's, unconfirmed now: a dead former leader is not a second leader.
	const masters = nodes.filter(n => n.role === 'master' && reachable(n)).length;
	const replicaCount = nodes.filter(n => n.role === 'replica').length;
	const former = nodes.filter(n => n.role === 'master' && !reachable(n) && ctx.topology.groups.some(g => g.leader !== undefined && g.leader !== n.address && g.members.includes(n.address) && reachable(ctx.topology.nodes[g.leader]!))).length;
	const worstFailover = failovers.find(f => f.status === 'fail') ?? failovers[0];
	if (worstFailover) {
		const verdict = found.verdict({});
		if (verdict.status === worstFailover.status) return {...verdict, summary: failovers.filter(f => f.status === verdict.status).map(f => f.summary).join('; '), recommendation: 'A FAILOVER command is running: wait for it or its TIMEOUT; FAILOVER ABORT on the leader resumes writes at once.'};
	}
	return found.verdict({
		fail: loops.length > 0 ? `replication loop ${loops.map(describeCycle).join('; ')}: no leader` : 'two leaders claim one replication history (split brain)',
		warn: 'a replica follows a master outside the inventory',
		unknown: `${masters} leader(s), ${replicaCount} follower(s); ${found.statuses.filter(s => s === 'unknown').length} node(s) unreachable, their role unconfirmed${former > 0 ? ` (${former} former leader)` : ''}`,
		else: `${masters} leader(s), ${replicaCount} follower(s), one leader per group`,
	}, {recommendation: {when: ['fail', 'warn'], text: 'Make the node that should follow a replica again with REPLICAOF <leader host> <port> (this discards its data and triggers a full sync); add missing masters to the inventory.'}});
}

function readOnlyOf(n: TopologyNode): string | undefined {
	const config = configValue(n, 'replica-read-only');
	if (config !== undefined) return config;
	const flag = view(n)?.readOnly;
	return flag === undefined ? undefined : flag ? 'yes' : 'no';
}

/** 1.1.2 (and 2.1.2) Replicas refuse client writes. */
export function replicasReadOnly(ctx: CheckContext, withFixes = true): Verdict {
	const list = replicas(ctx);
	if (list.length === 0) return {status: 'info', summary: 'no replica known', evidence: []};
	const found = new Findings();
	for (const n of list) {
		const value = readOnlyOf(n);
		if (value === undefined) {
			found.add('unknown', n.address, reachable(n) ? 'replica-read-only not readable' : unreachableEvidence(n).text);
		} else if (value === 'no') {
			found.add('fail', n.address, 'replica-read-only no (slave_read_only:0): client writes land only on this replica and vanish at the next full sync');
			if (withFixes) found.remediations.push(configSet(n.address, 'replica-read-only', 'no', 'yes', 'high', {note: 'applications writing to this replica will start getting READONLY errors'}));
		} else {
			found.add('pass', n.address, 'replica-read-only yes');
		}
	}
	const bad = found.evidence.filter((_, i) => found.statuses[i] === 'fail').length;
	return found.verdict({
		fail: `${bad} replica(s) accept client writes`,
		pass: `all ${list.length} replicas are read-only`,
		else: 'read-only setting not known for every replica',
	}, {recommendation: {when: ['fail'], text: 'Set replica-read-only yes on the replica, then persist it (CONFIG REWRITE or config management).'}, remediations: found.remediations});
}

/** 1.1.3 Clients do not send writes to replicas (refused writes counted by errorstats). */
export function noWritesToReplicas(ctx: CheckContext): Verdict {
	const list = replicas(ctx).filter(reachable);
	if (list.length === 0) return {status: 'info', summary: 'no reachable replica', evidence: []};
	const found = new Findings();
	let refused = 0;
	for (const n of list) {
		if (!atLeast(n.version, 6, 2)) {
			found.add('info', n.address, notApplicableText(n, 'errorstats/rejected_calls', 6, 2));
			continue;
		}
		const d = window(ctx, n.address, ctx.settings.deltaWindowSeconds);
		if (!d) {
			found.add('unknown', n.address, 'needs two samples at least a second apart');
			continue;
		}
		const readonlyErrors = counterDelta(d, i => i.errorstats.READONLY ?? 0);
		const rejected = counterDelta(d, i => callTotals(i, ctx).writeRejected);
		const count = readonlyErrors ?? rejected;
		if (count === undefined) {
			found.add('unknown', n.address, 'counters reset during the window');
			continue;
		}
		refused += count;
		const writable = readOnlyOf(n) === 'no';
		found.add(count > 0 ? 'warn' : writable ? 'unknown' : 'pass', n.address, `${count} write(s) refused with READONLY in ${Math.round(d.seconds)} s (errorstat_READONLY ${d.from.info!.errorstats.READONLY ?? 0} → ${d.to.info!.errorstats.READONLY ?? 0})${writable ? '; this replica is writable, so client writes succeed and cannot be counted here' : ''}`);
	}
	return found.verdict({
		warn: `${refused} client write(s) sent to read-only replicas`,
		pass: 'no client writes reached a replica',
		info: notApplicableSummary,
		else: 'writes to replicas not measurable for every replica',
	}, {recommendation: {when: ['warn'], text: 'An application routes writes to a replica: fix its client configuration so writes go to the leader (CLIENT LIST on the replica shows the sender).'}});
}

interface CallTotals {
	readonly readCalls: number;
	readonly writeCalls: number;
	readonly writeRejected: number;
}

// A node's commandstats are re-read with the heavy INFO (every 15 s) and shared by the light samples
// in between: they are classified and summed once per reading (and command table), not per check per tick.
const totalsByStats = new WeakMap<ParsedInfo['commandstats'], Map<CheckContext['commandKinds'], CallTotals>>();

function callTotals(info: ParsedInfo, ctx: CheckContext): CallTotals {
	let byKinds = totalsByStats.get(info.commandstats);
	if (!byKinds) {
		byKinds = new Map();
		totalsByStats.set(info.commandstats, byKinds);
	}
	let totals = byKinds.get(ctx.commandKinds);
	if (!totals) {
		let readCalls = 0;
		let writeCalls = 0;
		let writeRejected = 0;
		for (const [name, stat] of Object.entries(info.commandstats)) {
			const kind = commandKind(name, ctx.commandKinds);
			if (kind === 'read') readCalls += stat.calls;
			else if (kind === 'write') {
				writeCalls += stat.calls;
				writeRejected += stat.rejectedCalls ?? 0;
			}
		}
		totals = {readCalls, writeCalls, writeRejected};
		byKinds.set(ctx.commandKinds, totals);
	}
	return totals;
}

/** Successful (and failed) read calls over a window, per node. */
export function readsOver(ctx: CheckContext, n: TopologyNode, minSeconds: number): {reads: number; seconds: number} | undefined {
	const d = window(ctx, n.address, minSeconds);
	if (!d) return undefined;
	const reads = counterDelta(d, i => callTotals(i, ctx).readCalls);
	return reads === undefined ? undefined : {reads, seconds: d.seconds};
}

export function writesOver(ctx: CheckContext, n: TopologyNode, minSeconds: number): {writes: number; waits: number; seconds: number} | undefined {
	const d = window(ctx, n.address, minSeconds);
	if (!d) return undefined;
	const writes = counterDelta(d, i => callTotals(i, ctx).writeCalls);
	const waits = counterDelta(d, i => i.commandstats.wait?.calls ?? 0);
	return writes === undefined || waits === undefined ? undefined : {writes, waits, seconds: d.seconds};
}

/** 1.1.4 Followers serve the reads (commandstats deltas, spec B.2). */
export function readsOnFollowers(ctx: CheckContext): Verdict {
	const {minReads, readShareTarget, routingWindowSeconds} = ctx.settings;
	const masters = leaders(ctx);
	if (masters.length === 0) return unknown('no reachable leader');
	const found = new Findings();
	const summaries: string[] = [];
	for (const m of masters) {
		const followers = followersOf(ctx, m.address).filter(reachable);
		const leaderReads = readsOver(ctx, m, routingWindowSeconds);
		if (!leaderReads) {
			found.add('unknown', m.address, `read counts need two samples at least ${routingWindowSeconds} s apart`);
			summaries.push(`needs samples ${routingWindowSeconds} s apart`);
			continue;
		}
		// Followers over about the leader's window; where their kept samples differ, shares compare rates.
		const per = followers.map(f => ({node: f, r: readsOver(ctx, f, Math.max(routingWindowSeconds, leaderReads.seconds * 0.9))}));
		const rate = (r: {reads: number; seconds: number}) => r.reads / r.seconds;
		const line = (r: {reads: number; seconds: number}, where: string) => `${r.reads} read calls${where} in the last ${Math.round(r.seconds)} s (${rate(r).toFixed(1)}/s)`;
		found.evidence.push({node: m.address, text: line(leaderReads, ' on the leader')});
		for (const {node, r} of per) found.evidence.push({node: node.address, text: r ? line(r, '') : 'read counts not available yet'});
		if (per.some(p => !p.r)) {
			found.statuses.push('unknown');
			summaries.push('read counts missing for a follower (restarted or too few samples)');
			continue;
		}
		const followerReads = per.reduce((s, p) => s + (p.r?.reads ?? 0), 0);
		const total = leaderReads.reads + followerReads;
		if (total < minReads) {
			found.statuses.push('unknown');
			summaries.push(`inconclusive: ${total} reads in the window (need ${minReads})`);
			continue;
		}
		const followerRate = per.reduce((s, p) => s + (p.r ? rate(p.r) : 0), 0);
		const share = followerRate / (followerRate + rate(leaderReads));
		if (followers.length === 0) {
			found.statuses.push('warn');
			summaries.push('the leader serves every read: no follower to read from');
		} else if (share >= readShareTarget) {
			found.statuses.push('pass');
			summaries.push(`followers serve ${percent(share)} of ${total} reads`);
		} else {
			found.statuses.push('warn');
			summaries.push(`followers serve only ${percent(share)} of ${total} reads (target ${percent(readShareTarget)})`);
		}
	}
	return found.verdict({else: summaries.join('; ')}, {recommendation: {when: ['warn'], text: 'Reads are hitting the leader: point read clients (or the proxy) at the followers, e.g. a read-replica pool.'}});
}

/** 1.1.5 MONITOR sampling is opt-in only. */
export function trafficSampling(ctx: CheckContext): Verdict {
	const samples = ctx.monitorSamples ?? [];
	if (samples.length > 0) {
		return {
			status: 'info',
			summary: `MONITOR sampled on ${samples.length} node(s) on request; routing is still judged from commandstats (1.1.3, 1.1.4)`,
			evidence: samples.map(e => ({node: e.node, text: `${e.text} (${new Date(e.at).toISOString().slice(11, 19)} UTC)`})),
		};
	}
	return {
		status: 'info',
		summary: 'MONITOR not run: it is opt-in (can halve throughput); routing is judged from commandstats (1.1.3, 1.1.4)',
		evidence: [],
	};
}
