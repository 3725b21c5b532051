import type {Snapshot} from '../model/snapshot.js';
import type {CheckStatus, TopologyNode} from '../model/types.js';
import {viewOf} from '../model/node-view.js';
import {sanitize} from '../model/sanitize.js';
import {worstStatus} from '../checks/index.js';

export interface JsonSummary {
	readonly counts: Readonly<Record<CheckStatus, number>>;
	readonly worst: CheckStatus;
	readonly exitCode: 0 | 1 | 2 | 3;
}

/** Counts per status, the worst status and the exit code `--once` ends with (an unreachable node is a fail). */
export function summaryOf(snapshot: Snapshot): JsonSummary {
	const counts: Record<CheckStatus, number> = {pass: 0, warn: 0, fail: 0, info: 0, unknown: 0};
	for (const c of snapshot.checks) counts[c.status]++;
	const exitCode = exitCodeOf(snapshot);
	const worst: CheckStatus = exitCode === 2 ? 'fail' : exitCode === 1 ? 'warn' : exitCode === 3 ? 'unknown' : worstStatus(snapshot.checks);
	return {counts, worst, exitCode};
}

export interface JsonReport {
	readonly version: 1;
	readonly generatedAt: string;
	readonly windowSeconds: number;
	readonly summary: JsonSummary;
	readonly nodes: readonly Record<string, unknown>[];
	readonly links: readonly Record<string, unknown>[];
	readonly checks: readonly Record<string, unknown>[];
	readonly events: readonly Record<string, unknown>[];
	/** The most each follower fell behind over the run (or the replayed range). */
	readonly lagPeaks: readonly Record<string, unknown>[];
	/** Fixes applied from the UI, as the audit log has them (secrets masked). */
	readonly fixes: readonly Record<string, unknown>[];
}

function nodeEntry(node: TopologyNode): Record<string, unknown> {
	const info = viewOf(node.sample);
	const offset = node.role === 'replica' ? info?.appliedOffset : info?.masterReplOffset;
	const link = node.role === 'replica' ? info?.linkStatus : undefined;
	return {
		address: sanitize(node.address),
		reachable: node.sample.reachable,
		...(node.sample.error ? {error: sanitize(node.sample.error.message)} : {}),
		role: node.role,
		...(node.version ? {version: sanitize(node.version)} : {}),
		...(node.product ? {product: node.product} : {}),
		...(node.masterAddress ? {masterAddress: sanitize(node.masterAddress)} : {}),
		...(link ? {linkStatus: link === 'up' ? 'up' : 'down'} : {}),
		...(offset !== undefined && node.role !== 'sentinel' ? {offset} : {}),
		...(node.role === 'master' && node.writeRateBytesPerSec !== undefined && node.writeRateBytesPerSec !== null
			? {writeRateBytesPerSec: node.writeRateBytesPerSec}
			: {}),
	};
}

/** The `--once --json` report: the shape DESIGN.md promises to scripts. */
export function buildJsonReport(snapshot: Snapshot, windowSeconds: number): JsonReport {
	const {topology} = snapshot;
	const order = topology.groups.flatMap(g => g.members);
	const rest = Object.keys(topology.nodes).filter(a => !order.includes(a)).sort();
	return {
		version: 1,
		generatedAt: new Date(snapshot.lastTickAt ?? Date.now()).toISOString(),
		windowSeconds,
		summary: summaryOf(snapshot),
		nodes: [...order, ...rest].map(a => nodeEntry(topology.nodes[a]!)),
		links: topology.links.map(l => ({
			leader: sanitize(l.leader),
			follower: sanitize(l.follower),
			state: sanitize(l.state),
			linkStatus: l.linkStatus,
			lagBytes: l.lagBytes,
			applyBacklogBytes: l.applyBacklogBytes,
			lagSeconds: l.lagSeconds,
			ackAgeSeconds: l.ackAgeSeconds,
			...(l.heartbeatMs === undefined ? {} : {heartbeatMs: l.heartbeatMs}),
		})),
		checks: snapshot.checks.map(c => ({
			id: c.id,
			section: c.section,
			title: sanitize(c.title),
			status: c.status,
			summary: sanitize(c.summary),
			evidence: c.evidence.map(e => ({node: sanitize(e.node), text: sanitize(e.text)})),
			...(c.recommendation ? {recommendation: sanitize(c.recommendation)} : {}),
			remediations: c.remediations.map(r => ({
				node: sanitize(r.node),
				command: r.secret ? [...r.command.slice(0, -1), '***'] : r.command.map(sanitize),
				current: r.secret ? '***' : sanitize(r.current),
				proposed: r.secret ? '***' : sanitize(r.proposed),
				risk: r.risk,
				...(r.note ? {note: sanitize(r.note)} : {}),
			})),
		})),
		events: snapshot.events.map(e => ({at: new Date(e.at).toISOString(), node: sanitize(e.node), kind: e.kind, text: sanitize(e.text)})),
		lagPeaks: (snapshot.lagPeaks ?? []).map(p => ({
			follower: sanitize(p.follower),
			leader: sanitize(p.leader),
			lagBytes: p.lagBytes,
			lagBytesAt: p.lagBytesAt === null ? null : new Date(p.lagBytesAt).toISOString(),
			lagSeconds: p.lagSeconds,
			lagSecondsAt: p.lagSecondsAt === null ? null : new Date(p.lagSecondsAt).toISOString(),
		})),
		fixes: (snapshot.fixes ?? []).map(f => ({
			at: new Date(f.at).toISOString(),
			user: sanitize(f.user),
			node: sanitize(f.node),
			check: sanitize(f.check),
			command: f.command.map(sanitize),
			...(f.before === undefined ? {} : {before: sanitize(f.before)}),
			...(f.after === undefined ? {} : {after: sanitize(f.after)}),
			ok: f.ok,
			...(f.error === undefined ? {} : {error: sanitize(f.error)}),
		})),
	};
}

const rank: Record<CheckStatus, number> = {pass: 0, info: 0, unknown: 0, warn: 1, fail: 2};

/** 0 all pass, 1 worst warn, 2 worst fail (an unreachable node is a fail), 3 nothing could be evaluated. */
export function exitCodeOf(snapshot: Snapshot): 0 | 1 | 2 | 3 {
	const nodes = Object.values(snapshot.topology.nodes);
	if (!nodes.some(n => n.sample.reachable)) return 3;
	let worst = 0;
	if (nodes.some(n => !n.sample.reachable)) worst = 2;
	for (const c of snapshot.checks) worst = Math.max(worst, rank[c.status]);
	return worst as 0 | 1 | 2;
}
