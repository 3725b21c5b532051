import type {CheckStatus, Evidence, TopologyNode} from '../model/types.js';
import {nodeView} from '../model/node-view.js';
import {Findings, unknown} from './findings.js';
import {atLeast, view, reachable, replicaLines} from './node-fields.js';
import {configBytes, configSet, configValue, nextPowerOfTwo, parseMemory} from './config-values.js';
import {counterDelta, window} from './counter-window.js';
import {followersOf, leaders, linkOf} from './topology-index.js';
import {humanBytes, humanSeconds} from './format.js';
import type {CheckContext, Verdict} from './context.js';

/** 2.4.1 The master holds a backlog. */
export function backlogActive(ctx: CheckContext): Verdict {
	const masters = leaders(ctx);
	if (masters.length === 0) return unknown('no reachable leader');
	const found = new Findings();
	for (const m of masters) {
		const active = view(m)?.backlog.active;
		const r = replicaLines(m).length;
		const st: CheckStatus = active === true ? 'pass' : active === undefined ? 'unknown' : r === 0 ? 'info' : 'warn';
		found.add(st, m.address, `repl_backlog_active:${active === undefined ? '?' : active ? 1 : 0} with ${r} replica(s)${active === false ? ': the next replica to connect needs a full sync' : ''}`);
	}
	return found.verdict({
		pass: 'the backlog is active',
		info: 'no backlog: no replica since the TTL expired',
		warn: 'a master with replicas has no backlog',
		else: 'not readable',
	});
}

/** Peak replication write rate of a leader (bytes/s): the recorded series, else the offset delta. */
export function peakWriteRate(ctx: CheckContext, m: TopologyNode): {rate: number; from: string} | undefined {
	const peak = ctx.history.peak(m.address, 'writeRate');
	if (peak) return {rate: peak.max, from: `peak of ${peak.count} rate sample(s)`};
	if (typeof m.writeRateBytesPerSec === 'number') return {rate: m.writeRateBytesPerSec, from: 'last rate'};
	const d = window(ctx, m.address, ctx.settings.deltaWindowSeconds);
	const delta = d ? counterDelta(d, i => nodeView(i).masterReplOffset) : undefined;
	return d && delta !== undefined ? {rate: delta / d.seconds, from: `offset delta over ${Math.round(d.seconds)} s`} : undefined;
}

/** E.2: max(floor, rate × tolerance × safety) rounded up to a power of two. */
export function recommendedBacklog(ctx: CheckContext, m: TopologyNode, rate: number): number {
	const s = ctx.settings;
	return nextPowerOfTwo(Math.max(s.backlogMinBytes, rate * s.disconnectToleranceSeconds * s.backlogSafetyFactor));
}

/** Seconds of writes a backlog of `size` holds at `rate`: the one figure 2.4.2 and 2.4.3 both show. */
export const coverSeconds = (size: number, rate: number): number => (rate > 0 ? size / rate : Infinity);

/** E.1: would this follower get a partial resync if it reconnected now, and for how long would the backlog cover it. */
function followerOutlook(ctx: CheckContext, m: TopologyNode, f: TopologyNode, rate: number | undefined): string {
	const replid = view(f)?.replid;
	const mReplid = view(m)?.replid;
	const mReplid2 = view(m)?.replid2;
	const offset = view(f)?.appliedOffset;
	const leader = view(m);
	const {firstByteOffset: first, histlen, size} = leader?.backlog ?? {};
	const active = leader?.backlog.active === true;
	if (offset === undefined || first === undefined || histlen === undefined || !reachable(f)) return 'partial resync on reconnect: unknown (replica offset not known)';
	const psync = offset + 1;
	const second = leader?.secondReplOffset ?? -1;
	const sameHistory = replid === mReplid || (replid === mReplid2 && psync <= second);
	// A follower read a moment after its leader can be ahead of the leader's sample: caught up, not outside.
	const caughtUp = offset >= (leader?.masterReplOffset ?? Infinity);
	const inBacklog = active && first <= psync && (caughtUp || psync <= first + histlen);
	const would = sameHistory && inBacklog;
	const behind = linkOf(ctx, f.address)?.lagBytes ?? 0;
	const room = rate && rate > 0 && size !== undefined ? Math.max(0, size - behind) / rate : Infinity;
	return `${would ? 'a reconnect now gets a partial resync' : `a reconnect now needs a FULL sync (${sameHistory ? 'offset outside the backlog' : 'different replication history'})`}; ${humanBytes(behind)} behind${rate && rate > 0 ? `, room for about ${humanSeconds(room)} more at the peak rate` : ''}`;
}

/** 2.4.2 Backlog size against the write rate (E.2) and the followers' current distance. */
export function backlogSize(ctx: CheckContext): Verdict {
	const masters = leaders(ctx);
	if (masters.length === 0) return unknown('no reachable leader');
	const s = ctx.settings;
	const tolerance = s.disconnectToleranceSeconds;
	const target = tolerance * s.backlogSafetyFactor;
	const found = new Findings();
	const sentences = new Map<CheckStatus, string>();
	for (const m of masters) {
		const size = view(m)?.backlog.size ?? parseMemory(configValue(m, 'repl-backlog-size'));
		const rate = peakWriteRate(ctx, m);
		const followers = followersOf(ctx, m.address);
		if (size === undefined) {
			found.add('unknown', m.address, 'repl_backlog_size not readable');
			continue;
		}
		if (!rate) {
			found.add('unknown', m.address, `repl_backlog_size ${humanBytes(size)}; write rate not known yet (needs two samples)`);
			continue;
		}
		const rec = recommendedBacklog(ctx, m, rate.rate);
		// How far a follower is behind right now is 1.2.4's finding (one cause, one check); this one judges size against rate.
		const cover = coverSeconds(size, rate.rate);
		const st: CheckStatus = cover >= target ? 'pass' : cover >= tolerance ? 'warn' : 'fail';
		const holds = rate.rate > 0 ? `holds about ${humanSeconds(cover)} of writes at the peak ${humanBytes(rate.rate)}/s` : 'holds any idle disconnection (no writes)';
		if (!sentences.has(st)) {
			sentences.set(st, st === 'pass'
				? `the ${humanBytes(size)} backlog ${holds}: at least ${tolerance} s × ${s.backlogSafetyFactor}`
				: `the ${humanBytes(size)} backlog ${holds}, ${st === 'fail' ? `less than the ${tolerance} s disconnection to survive: a longer one forces a full sync` : `under the ${target} s target (${tolerance} s × ${s.backlogSafetyFactor})`}; recommended ${humanBytes(rec)}`);
		}
		found.add(st, m.address, `repl_backlog_size ${humanBytes(size)} ${holds} (${rate.from}); recommended ${humanBytes(rec)} = max(${humanBytes(s.backlogMinBytes)}, rate × ${tolerance} s × ${s.backlogSafetyFactor}) rounded up to a power of two`);
		for (const f of followers) found.evidence.push({node: f.address, text: followerOutlook(ctx, m, f, rate.rate)});
		if (st !== 'pass' && rec > size) {
			const fixId = `repl-backlog-size@${m.address}`;
			const old62 = (n: TopologyNode) => !atLeast(n.version, 7);
			const used = view(m)?.memory.used ?? 0;
			const max = view(m)?.memory.max ?? 0;
			const memoryTight = max > 0 && max - used < rec - size;
			const note = (n: TopologyNode) => [
				old62(n) ? `${n.version ?? 'this version'} ≤ 6.2: any change discards the backlog (replicas disconnected then need a full sync)` : 'growing keeps the history (7.0+)',
				n === m && memoryTight ? `only ${humanBytes(max - used)} left below maxmemory: the backlog counts toward it` : '',
			].filter(Boolean).join('; ');
			for (const n of [m, ...followers.filter(reachable)]) {
				const current = view(n)?.backlog.size ?? parseMemory(configValue(n, 'repl-backlog-size'));
				if (current !== undefined && current >= rec) continue;
				found.remediations.push(configSet(n.address, 'repl-backlog-size', configValue(n, 'repl-backlog-size') ?? String(current ?? ''), configBytes(rec), old62(n) || (n === m && memoryTight) ? 'high' : 'low', {fixId, note: note(n)}));
			}
		}
	}
	return found.verdict({
		pass: sentences.get('pass') ?? '',
		warn: sentences.get('warn') ?? '',
		fail: sentences.get('fail') ?? '',
		else: 'write rate not known yet',
	}, {recommendation: {when: ['warn', 'fail'], text: `Raise repl-backlog-size on the leader and every follower to the recommended size (covers ${tolerance} s of disconnection ×${s.backlogSafetyFactor}), then persist it.`}, remediations: found.remediations});
}

/** 2.4.3 Seconds of history the backlog holds at the current rate. */
export function historyCoverage(ctx: CheckContext): Verdict {
	const masters = leaders(ctx);
	if (masters.length === 0) return unknown('no reachable leader');
	const evidence: Evidence[] = [];
	let known = false;
	let summary = '';
	for (const m of masters) {
		const {histlen, size} = view(m)?.backlog ?? {};
		const rate = peakWriteRate(ctx, m);
		if (histlen === undefined || size === undefined || !rate) {
			evidence.push({node: m.address, text: `repl_backlog_histlen ${histlen === undefined ? '?' : humanBytes(histlen)}; write rate not known yet`});
			continue;
		}
		known = true;
		const full = rate.rate > 0 ? `the ${humanBytes(size)} backlog holds about ${humanSeconds(coverSeconds(size, rate.rate))} of writes at the peak ${humanBytes(rate.rate)}/s` : `the ${humanBytes(size)} backlog; no writes now`;
		evidence.push({node: m.address, text: `${full}; ${humanBytes(histlen)} filled so far${rate.rate > 0 && histlen < size ? ` (${humanSeconds(histlen / rate.rate)} of history today)` : ''}`});
		if (!summary) summary = full;
	}
	return {status: known ? 'info' : 'unknown', summary: known ? summary : 'write rate not known yet', evidence};
}

/** 2.4.4 Replicas have a backlog as large as their master's (it is theirs after a promotion). */
export function replicaBacklogs(ctx: CheckContext): Verdict {
	const masters = leaders(ctx);
	if (masters.length === 0) return unknown('no reachable leader');
	const found = new Findings();
	for (const m of masters) {
		const size = view(m)?.backlog.size;
		for (const f of followersOf(ctx, m.address).filter(reachable)) {
			const fs = view(f)?.backlog.size;
			if (size === undefined || fs === undefined) {
				found.add('unknown', f.address, 'repl_backlog_size not readable');
				continue;
			}
			const smaller = fs < size;
			found.add(smaller ? 'warn' : 'pass', f.address, `repl_backlog_size ${humanBytes(fs)} vs ${humanBytes(size)} on ${m.address}`);
			if (smaller) found.remediations.push(configSet(f.address, 'repl-backlog-size', configValue(f, 'repl-backlog-size') ?? String(fs), configBytes(size), atLeast(f.version, 7) ? 'low' : 'high', {fixId: `replica-backlog@${m.address}`}));
		}
	}
	if (found.statuses.length === 0) return {status: 'info', summary: 'no reachable follower', evidence: found.evidence};
	return found.verdict({
		warn: 'a follower’s backlog is smaller than its leader’s: after a promotion it would be too small',
		pass: 'followers’ backlogs match their leader',
		else: 'not readable',
	}, {recommendation: {when: ['warn'], text: 'Give every follower the leader’s repl-backlog-size.'}, remediations: found.remediations});
}
