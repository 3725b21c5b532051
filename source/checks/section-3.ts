import type {CheckStatus, Evidence, SentinelView} from '../model/types.js';
import {Findings, type ByStatus} from './findings.js';
import {dataNodes} from './topology-index.js';
import {reachable, view} from './node-fields.js';
import type {CheckContext, Verdict} from './context.js';

const noSentinel: Verdict = {status: 'unknown', summary: 'no Sentinel given (--sentinel)', evidence: []};

const numberOf = (v: SentinelView, name: string): number | undefined => {
	const raw = v.master?.[name];
	const n = raw === undefined || raw === '' ? NaN : Number(raw);
	return Number.isFinite(n) ? n : undefined;
};

const hostOf = (address: string): string => address.slice(0, address.lastIndexOf(':')).replace(/^\[|\]$/g, '');

/** Reachable views that answered for their master, and a verdict for when there are none. */
function views(ctx: CheckContext): {live: SentinelView[]; none?: Verdict; down: Evidence[]} {
	const all = ctx.topology.sentinels;
	if (all.length === 0) return {live: [], none: noSentinel, down: []};
	const live = all.filter(v => v.reachable && v.master);
	const down = all.filter(v => !(v.reachable && v.master)).map(v => ({node: v.address, text: `${v.masterName}: ${v.error?.message ?? 'unreachable'}`}));
	if (live.length === 0) return {live, none: {status: 'unknown', summary: 'no Sentinel answered', evidence: down}, down};
	return {live, down};
}

/** Per master name: how many Sentinels exist in total (the largest view). */
function totals(live: readonly SentinelView[]): Map<string, number> {
	const out = new Map<string, number>();
	for (const v of live) out.set(v.masterName, Math.max(out.get(v.masterName) ?? 0, (numberOf(v, 'num-other-sentinels') ?? 0) + 1));
	return out;
}

/** 3.1 At least three Sentinels, each seeing the others, not on the master's host. */
export function sentinelCount(ctx: CheckContext): Verdict {
	const {live, none, down} = views(ctx);
	if (none) return none;
	const min = ctx.settings.minSentinels;
	const found = new Findings();
	const reasons = new Set<string>();
	for (const d of down) {
		found.add('warn', d.node, d.text);
		reasons.add('a Sentinel did not answer');
	}
	for (const v of live) {
		const others = numberOf(v, 'num-other-sentinels') ?? 0;
		const sameHost = v.master?.ip !== undefined && hostOf(v.address) === v.master.ip;
		if (sameHost && others + 1 >= min) reasons.add('Sentinels share a host with their master');
		found.add(others + 1 < min ? 'fail' : sameHost ? 'warn' : 'pass', v.address, `${v.masterName}: sees ${others} other Sentinel(s)${sameHost ? `; runs on the master's host ${v.master!.ip}` : ''}`);
	}
	// Valkey 8 reports availability_zone: a leader and followers all in one zone fail together.
	const zones = dataNodes(ctx).filter(reachable).map(n => ({n, zone: view(n)?.availabilityZone}));
	if (zones.length > 1 && zones.every(z => z.zone)) {
		const distinct = new Set(zones.map(z => z.zone));
		for (const {n, zone} of zones) found.add(distinct.size > 1 ? 'pass' : 'warn', n.address, `availability_zone:${zone}`);
		if (distinct.size === 1) reasons.add(`every data node is in availability zone ${[...distinct][0]}`);
	}
	return found.verdict({
		warn: [...reasons].join('; ') || 'Sentinels are not independent',
		fail: `a Sentinel sees fewer than ${min - 1} others: failover may not be authorised`,
		else: `every Sentinel sees at least ${min - 1} others`,
	}, {recommendation: {when: ['fail', 'warn'], text: `Run at least ${min} Sentinels on hosts (and zones) independent of the master and of each other, so that losing the master's host leaves a majority to authorise the failover.`}});
}

/** 3.2 SENTINEL CKQUORUM is OK on every Sentinel. */
export function quorumReachable(ctx: CheckContext): Verdict {
	const {live, none, down} = views(ctx);
	if (none) return none;
	const found = new Findings();
	found.evidence.push(...down);
	for (const v of live) {
		const text = v.ckquorum ?? '';
		found.add(text.startsWith('OK') ? 'pass' : text.startsWith('NOQUORUM') ? 'fail' : 'unknown', v.address, `${v.masterName}: ${text || 'CKQUORUM not answered'}`);
	}
	return found.verdict({fail: 'NOQUORUM: a failover cannot be authorised', unknown: 'CKQUORUM not answered everywhere', else: 'quorum and failover authorisation can be reached'}, {
		recommendation: {when: ['fail'], text: 'Bring the missing Sentinels back (or add more) until CKQUORUM says OK.'},
	});
}

/** 3.3 quorum between a majority and the number of Sentinels. */
export function quorumSane(ctx: CheckContext): Verdict {
	const {live, none} = views(ctx);
	if (none) return none;
	const total = totals(live);
	const found = new Findings();
	for (const v of live) {
		const q = numberOf(v, 'quorum');
		const n = total.get(v.masterName) ?? 1;
		const majority = Math.floor(n / 2) + 1;
		if (q === undefined) {
			found.add('unknown', v.address, `${v.masterName}: quorum not shown`);
			continue;
		}
		const st: CheckStatus = q > n ? 'fail' : q < majority ? 'warn' : 'pass';
		found.add(st, v.address, `${v.masterName}: quorum ${q} of ${n} Sentinels (majority ${majority})`);
		if (st !== 'pass') found.remediations.push({node: v.address, command: ['SENTINEL', 'SET', v.masterName, 'quorum', String(majority)], current: String(q), proposed: String(majority), risk: 'low', parameter: 'quorum', fixId: `sentinel-quorum@${v.masterName}`, note: 'Sentinel persists its own config file'});
	}
	return found.verdict({warn: 'quorum below a majority: detection is easier than authorisation', fail: 'quorum larger than the number of Sentinels: never reached', else: 'quorum is a majority of the Sentinels'}, {remediations: found.remediations});
}

/** 3.4 All Sentinels name the same master, and it is a master. */
export function sentinelAgreement(ctx: CheckContext): Verdict {
	const {live, none, down} = views(ctx);
	if (none) return none;
	const found = new Findings();
	found.evidence.push(...down);
	const byName = new Map<string, SentinelView[]>();
	for (const v of live) byName.set(v.masterName, [...(byName.get(v.masterName) ?? []), v]);
	for (const [name, group] of byName) {
		const addrs = new Set(group.map(v => v.masterAddr ?? '?'));
		const failing = group.some(v => (v.master?.flags ?? '').includes('failover_in_progress') || (v.master?.['failover-state'] ?? 'none') !== 'none');
		for (const v of group) found.evidence.push({node: v.address, text: `${name}: master ${v.masterAddr ?? '?'} (config-epoch ${v.master?.['config-epoch'] ?? '?'})`});
		if (addrs.size > 1) {
			found.statuses.push(failing ? 'warn' : 'fail');
			continue;
		}
		const addr = [...addrs][0]!;
		const node = ctx.topology.nodes[addr];
		if (node && node.sample.reachable && node.role !== 'master') {
			found.add(failing ? 'warn' : 'fail', addr, `named master by Sentinel but reports role ${node.role}`);
		} else found.statuses.push(failing ? 'warn' : 'pass');
	}
	return found.verdict({warn: 'a failover is in progress', fail: 'Sentinels disagree on the master, or name a node that is not a master', else: 'Sentinels agree on the master'});
}

function perSentinelRange(ctx: CheckContext, option: string, judge: (value: number, v: SentinelView) => {status: CheckStatus; proposed?: number}, summaries: ByStatus, risk: 'low' | 'high' = 'low'): Verdict {
	const {live, none} = views(ctx);
	if (none) return none;
	const found = new Findings();
	for (const v of live) {
		const value = numberOf(v, option);
		if (value === undefined) {
			found.add('unknown', v.address, `${v.masterName}: ${option} not shown`);
			continue;
		}
		const j = judge(value, v);
		found.add(j.status, v.address, `${v.masterName}: ${option} ${value}`);
		if (j.proposed !== undefined) found.remediations.push({node: v.address, command: ['SENTINEL', 'SET', v.masterName, option, String(j.proposed)], current: String(value), proposed: String(j.proposed), risk, parameter: option, fixId: `sentinel-${option}@${v.masterName}`});
	}
	return found.verdict(summaries, {remediations: found.remediations});
}

/** 3.5 down-after-milliseconds between false failovers and slow ones. */
export function downAfter(ctx: CheckContext): Verdict {
	const {downAfterMinMs: lo, downAfterMaxMs: hi} = ctx.settings;
	return perSentinelRange(ctx, 'down-after-milliseconds', v => (v < lo ? {status: 'warn', proposed: 5000} : v > hi ? {status: 'warn', proposed: 30000} : {status: 'pass'}), {
		warn: 'down-after-milliseconds risks false failovers (too short) or slow ones (too long)',
		else: `down-after-milliseconds between ${lo} and ${hi}`,
	});
}

/** 3.6 failover-timeout long enough for large syncs. */
export function failoverTimeout(ctx: CheckContext): Verdict {
	const min = ctx.settings.failoverTimeoutMinMs;
	return perSentinelRange(ctx, 'failover-timeout', v => (v < min ? {status: 'warn', proposed: 180000} : {status: 'pass'}), {
		warn: `failover-timeout below ${min} ms: a failover may abort while replicas still sync`,
		else: `failover-timeout ≥ ${min} ms`,
	});
}

/** 3.7 parallel-syncs below the number of replicas. */
export function parallelSyncs(ctx: CheckContext): Verdict {
	return perSentinelRange(ctx, 'parallel-syncs', (value, v) => {
		const replicas = numberOf(v, 'num-slaves') ?? 0;
		return value === 1 || value < replicas ? {status: 'pass'} : {status: 'warn', proposed: 1};
	}, {warn: 'all replicas would resync at once after a failover', else: 'replicas resync one at a time after a failover'});
}

/** 3.8 No stale replica entries. */
export function replicaListClean(ctx: CheckContext): Verdict {
	const {live, none} = views(ctx);
	if (none) return none;
	const found = new Findings();
	for (const v of live) {
		const stale = (v.replicas ?? []).filter(r => /(^|,)(s_down|o_down|disconnected)(,|$)/.test(r.flags ?? ''));
		found.add(stale.length ? 'warn' : 'pass', v.address, `${v.masterName}: ${(v.replicas ?? []).length} replica(s) listed${stale.length ? `; down or disconnected: ${stale.map(r => `${r.ip}:${r.port} (${r.flags})`).join(', ')}` : ''}`);
		if (stale.length && found.remediations.length === 0) found.remediations.push({node: v.address, command: ['SENTINEL', 'RESET', v.masterName], current: `${stale.length} stale`, proposed: 'reset', risk: 'high', note: 'one Sentinel at a time, at least 30 s apart; replicas are rediscovered within ~10 s'});
	}
	return found.verdict({warn: 'Sentinels still list replicas that are down or gone', else: 'Sentinels list only live replicas'}, {remediations: found.remediations});
}

/** 3.9 No Sentinel in TILT mode. */
export function notInTilt(ctx: CheckContext): Verdict {
	const {live, none} = views(ctx);
	if (none) return none;
	const seen = new Map<string, SentinelView>();
	for (const v of live) seen.set(v.address, v);
	const found = new Findings();
	for (const v of seen.values()) {
		found.add(v.tilt === undefined ? 'unknown' : v.tilt ? 'warn' : 'pass', v.address, `sentinel_tilt:${v.tilt === undefined ? '?' : v.tilt ? 1 : 0}`);
	}
	return found.verdict({warn: 'a Sentinel is in TILT mode (clock jump or blocked process): it will not act', unknown: 'TILT state not known', else: 'no Sentinel in TILT'});
}

/** 3.10 Renamed commands must be told to Sentinel; not queryable. */
export function renamedCommands(ctx: CheckContext): Verdict {
	if (ctx.topology.sentinels.length === 0) return noSentinel;
	return {status: 'info', summary: 'if CONFIG (or SLAVEOF) is renamed on the data nodes, tell every Sentinel: SENTINEL SET <name> rename-command CONFIG <new>', evidence: []};
}

/** The verdicts 1.3.3 relies on. */
export function sentinelVerdicts(ctx: CheckContext): Record<string, Verdict> {
	return {'3.1': sentinelCount(ctx), '3.2': quorumReachable(ctx), '3.4': sentinelAgreement(ctx)};
}
