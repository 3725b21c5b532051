import {humanBytes, humanSeconds} from '../checks/format.js';
import type {Settings} from '../checks/settings.js';
import type {AlertCondition, AlertRule} from '../model/alerts.js';
import type {Address, CheckResult, TimelineEvent, Topology} from '../model/types.js';
import {viewOf} from '../model/node-view.js';

export interface RuleInput {
	readonly topology: Topology;
	readonly checks: readonly CheckResult[];
	/** Events new since the previous evaluation. */
	readonly events: readonly TimelineEvent[];
	readonly at: number;
}

const hourMs = 3_600_000;
const key = (rule: AlertRule, subject: string) => `${rule}|${subject}`;
const round1 = (n: number) => Math.round(n * 10) / 10;

/** The leader's repl-backlog-size share that makes a lag-bytes alert when alertLagBytes is 0 (spec 1.2.4 WARN). */
export function lagBytesThreshold(topology: Topology, leader: Address, settings: Settings): number | undefined {
	if (settings.alertLagBytes > 0) return settings.alertLagBytes;
	const backlog = viewOf(topology.nodes[leader]?.sample)?.backlog.size;
	return backlog === undefined ? undefined : Math.round(backlog * settings.lagBacklogWarnShare);
}

/**
 * Turns one tick (topology, verdicts, new events) into the conditions that hold now. Remembers what
 * a single tick cannot show: full syncs served over the last hour, and recent failovers.
 */
export class AlertRules {
	private readonly fullSyncs = new Map<Address, {runId: string; points: {at: number; total: number}[]}>();
	private readonly failovers = new Map<Address, {at: number; text: string}>();

	constructor(private readonly settings: Settings) {}

	evaluate(input: RuleInput): AlertCondition[] {
		const s = this.settings;
		const {topology: t, at} = input;
		const out: AlertCondition[] = [];
		const add = (rule: AlertRule, subject: string, severity: AlertCondition['severity'], text: string, extra: Partial<AlertCondition> = {}) =>
			out.push({key: key(rule, subject), rule, subject, severity, text, ...extra});

		for (const l of t.links) {
			if (l.linkStatus === 'down') add('link-down', l.follower, 'critical', `link to ${l.leader} down${l.linkDownSinceSeconds ? ` for ${humanSeconds(l.linkDownSinceSeconds)}` : ''}`);
			if (l.lagSeconds !== null && l.lagSeconds > s.alertLagSeconds) {
				add('lag-seconds', l.follower, 'warning', `${round1(l.lagSeconds)} s behind ${l.leader} (alert above ${s.alertLagSeconds} s)`, {value: l.lagSeconds, threshold: s.alertLagSeconds});
			} else if (l.lagSeconds === null) add('lag-seconds', l.follower, 'warning', `lag behind ${l.leader} not measurable now`, {unknown: true});
			const limit = lagBytesThreshold(t, l.leader, s);
			if (l.lagBytes !== null && limit !== undefined && l.lagBytes > limit) {
				add('lag-bytes', l.follower, 'warning', `${humanBytes(l.lagBytes)} behind ${l.leader} (alert above ${humanBytes(limit)})`, {value: l.lagBytes, threshold: limit});
			} else if (l.lagBytes === null || limit === undefined) add('lag-bytes', l.follower, 'warning', `bytes behind ${l.leader} not measurable now`, {unknown: true});
		}
		for (const n of Object.values(t.nodes)) {
			if (n.role !== 'sentinel' && !n.sample.reachable) add('node-down', n.address, 'critical', `unreachable: ${n.sample.error?.message ?? 'no reply'}`);
			const view = viewOf(n.sample);
			// Blocked writes cannot wait for a hold time: they are an outage from the first second.
			if (view?.failoverState === 'waiting-for-sync') add('writes-paused', n.address, 'critical', 'client writes paused: FAILOVER waiting for a replica to catch up (master_failover_state:waiting-for-sync)', {immediate: true});
			else if (view?.failoverState) add('writes-paused', n.address, 'critical', `client writes refused: FAILOVER to ${n.masterAddress ?? '?'} in progress (master_failover_state:${view.failoverState})`, {immediate: true});
			this.countFullSyncs(n.address, view?.runId, view?.resyncs.full, at);
		}
		const loopAt = Math.max(2, s.fullSyncLoopPerHour);
		// One verdict for one cause: syncs 2.3.1 explains (a replica restarted, attached, re-pointed after a failover) are no loop here either.
		const loopCheck = input.checks.find(c => c.id === '2.3.1');
		const explained = loopCheck !== undefined && loopCheck.status !== 'warn' && loopCheck.status !== 'fail';
		for (const [address, memory] of this.fullSyncs) {
			if (!t.nodes[address]) {
				this.fullSyncs.delete(address);
				continue;
			}
			const first = memory.points[0];
			const last = memory.points[memory.points.length - 1];
			const served = first && last ? last.total - first.total : 0;
			if (served >= loopAt && !explained) add('full-sync-loop', address, 'critical', `served ${served} full syncs in the last ${humanSeconds((at - first!.at) / 1000)} (alert at ${loopAt} an hour)`, {value: served, threshold: loopAt});
		}
		for (const e of input.events) if (e.kind === 'failover') this.failovers.set(e.node, {at: e.at, text: e.text});
		for (const [node, f] of this.failovers) {
			if (at - f.at > s.alertEventHoldSeconds * 1000) this.failovers.delete(node);
			else add('failover', node, 'critical', f.text, {immediate: true});
		}
		// Two masters taking writes for one history: critical from the first tick, not after the hold time.
		for (const g of t.groups) {
			if (g.splitBrain) add('split-brain', g.leader ?? g.id, 'critical', `${g.masters.length} masters: ${g.masters.join(', ')}`, {immediate: true});
		}
		for (const c of input.checks) {
			if (c.status === 'fail' || (c.status === 'warn' && s.alertOnCheckWarn)) {
				add('check', c.id, c.status === 'fail' ? 'critical' : 'warning', `${c.id} ${c.title}: ${c.status} (${c.summary})`, {value: c.status === 'fail' ? 2 : 1, title: c.title});
			} else if (c.status === 'unknown') add('check', c.id, 'warning', `${c.id} ${c.title}: unknown (${c.summary})`, {title: c.title, unknown: true});
		}
		return out;
	}

	/** sync_full is read with the heavy INFO: keep the readings of the last hour, per run of the server. */
	private countFullSyncs(address: Address, runId: string | undefined, total: number | undefined, at: number): void {
		if (runId === undefined || total === undefined) return;
		let memory = this.fullSyncs.get(address);
		if (!memory || memory.runId !== runId) {
			memory = {runId, points: []};
			this.fullSyncs.set(address, memory);
		}
		const last = memory.points[memory.points.length - 1];
		if (!last || last.total !== total) memory.points.push({at, total});
		while (memory.points.length > 1 && at - memory.points[1]!.at >= hourMs) memory.points.shift();
		if (memory.points.length > 64) memory.points.splice(1, memory.points.length - 64);
	}
}
