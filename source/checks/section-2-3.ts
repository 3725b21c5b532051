import type {CheckStatus} from '../model/types.js';
import {Findings, unknown} from './findings.js';
import {configNumber, configValue, configSet} from './config-values.js';
import {view} from './node-fields.js';
import {counterDelta, window} from './counter-window.js';
import {followersOf, leaders, servingNodes} from './topology-index.js';
import {humanSeconds, percent} from './format.js';
import type {CheckContext, Verdict} from './context.js';
import {nodeView, partialResyncsAccepted} from '../model/node-view.js';

/** 2.3.1 Full syncs served since monitoring began, minus the ones new or restarted replicas explain. */
export function fullSyncLoop(ctx: CheckContext): Verdict {
	const masters = servingNodes(ctx);
	if (masters.length === 0) return unknown('no reachable leader');
	const found = new Findings();
	for (const m of masters) {
		// Since monitoring began; after a restart of the leader, since its restart.
		const d = window(ctx, m.address, ctx.settings.deltaWindowSeconds, true) ?? window(ctx, m.address, ctx.settings.deltaWindowSeconds);
		const total = view(m)?.resyncs.full;
		if (!d) {
			const samples = ctx.history.samples(m.address).length;
			const why = samples < 2 ? 'one sample so far' : `no two samples ${ctx.settings.deltaWindowSeconds} s apart since its last restart`;
			found.add('unknown', m.address, `sync_full:${total ?? '?'} since the server started; no delta yet (${why})`);
			continue;
		}
		const delta = counterDelta(d, i => nodeView(i).resyncs.full) ?? 0;
		const before = new Set(nodeView(d.from.info!).replicas.filter(l => l.port !== 0).map(l => `${l.ip}:${l.port}`));
		const followers = followersOf(ctx, m.address);
		let explained = nodeView(d.to.info!).replicas.filter(l => l.port === 0).length; // backup clients (redis-cli --rdb)
		const reasons: string[] = [];
		if (explained) reasons.push(`${explained} rdb-only client(s)`);
		for (const f of followers) {
			const firstInfo = ctx.history.first(f.address)?.info;
			const lastInfo = ctx.history.latest(f.address)?.info;
			const first = firstInfo && nodeView(firstInfo);
			const last = lastInfo && nodeView(lastInfo);
			const restarted = first && last && first.runId !== last.runId;
			const young = (last?.uptimeSeconds ?? Infinity) <= d.seconds;
			if (!before.has(f.address) || restarted || young) {
				explained++;
				reasons.push(`${f.address} ${restarted || young ? 'restarted' : 'attached'} during the window`);
			}
		}
		if (delta === 0) reasons.length = 0;
		const unexplained = Math.max(0, delta - explained);
		const replicaCount = Math.max(1, followers.length);
		const perHour = (unexplained / replicaCount) * (3600 / d.seconds);
		const st: CheckStatus = unexplained === 0 ? 'pass' : unexplained >= 2 && perHour >= ctx.settings.fullSyncLoopPerHour ? 'fail' : 'warn';
		found.add(st, m.address, `sync_full +${delta} in ${humanSeconds(d.seconds)} (now ${total})${reasons.length ? `; explained: ${reasons.join(', ')}` : ''}${unexplained ? `; ${unexplained} unexplained` : ''}`);
	}
	return found.verdict({
		pass: 'no unexplained full sync',
		fail: 'replicas keep full-syncing: a sync loop',
		warn: 'an unexplained full sync happened',
		else: 'full-sync count has no window yet',
	}, {recommendation: {when: ['warn', 'fail'], text: 'Full syncs after reconnects mean the backlog was too small (2.4.2) or the replica output buffer limit cut the sync (6.1).'}});
}

/** 2.3.2 Partial resyncs are accepted. */
export function partialResyncs(ctx: CheckContext): Verdict {
	const masters = leaders(ctx);
	if (masters.length === 0) return unknown('no reachable leader');
	const s = ctx.settings;
	const found = new Findings();
	let deniedNow = false;
	for (const m of masters) {
		const dual = configValue(m, 'dual-channel-replication-enabled') === 'yes';
		const resyncs = view(m)?.resyncs;
		const ok = partialResyncsAccepted(resyncs?.partialOk ?? 0, resyncs?.full ?? 0, dual);
		const err = resyncs?.partialErr ?? 0;
		const d = window(ctx, m.address, s.deltaWindowSeconds, true);
		const errDelta = d ? counterDelta(d, i => nodeView(i).resyncs.partialErr) : undefined;
		const attempts = ok + err;
		const ratio = attempts ? ok / attempts : 1;
		// Lifetime counters can be hours old: with a window and none denied in it they are history (info), not "being denied".
		const lifetimeLow = attempts >= s.partialMinAttempts && ratio < s.partialOkRatio;
		let st: CheckStatus = 'pass';
		if (errDelta !== undefined && errDelta > 0) {
			st = 'warn';
			deniedNow = true;
		} else if (lifetimeLow) st = errDelta === 0 ? 'info' : 'warn';
		const waiting = view(m)?.replicasWaitingPsync; // Valkey 8: replicas parked until the main channel's PSYNC
		found.add(st, m.address, `${waiting ? `replicas_waiting_psync:${waiting}; ` : ''}sync_partial_ok:${dual ? `${resyncs?.partialOk ?? 0} (${ok} after the ${resyncs?.full ?? 0} dual-channel full syncs' own PSYNC)` : ok}, sync_partial_err:${err}${attempts ? ` (${percent(ratio)} accepted)` : ''}${errDelta !== undefined ? `; +${errDelta} denied while watched` : ''}`);
	}
	return found.verdict({
		warn: deniedNow ? 'partial resyncs are being denied' : 'partial resyncs were denied since the server started (lifetime counters; no window yet)',
		info: 'partial resyncs were denied before watching began (lifetime counters); none denied while watched',
		else: 'partial resyncs succeed',
	}, {
		recommendation: {when: ['warn'], text: 'Denied partial resyncs mostly mean the replica’s offset left the backlog: raise repl-backlog-size (2.4.2).'},
	});
}

/** 2.3.3 The backlog survives a master briefly left without replicas. */
export function backlogTtl(ctx: CheckContext): Verdict {
	const masters = leaders(ctx);
	if (masters.length === 0) return unknown('no reachable leader');
	const s = ctx.settings;
	const found = new Findings();
	for (const m of masters) {
		const ttl = configNumber(m, 'repl-backlog-ttl');
		if (ttl === undefined) {
			found.add('unknown', m.address, 'repl-backlog-ttl not readable');
			continue;
		}
		const st: CheckStatus = ttl === 0 || ttl >= s.backlogTtlPassSeconds ? 'pass' : ttl < s.backlogTtlWarnSeconds ? 'warn' : 'info';
		found.add(st, m.address, `repl-backlog-ttl ${ttl} s${ttl === 0 ? ' (never freed)' : ''}`);
		if (st === 'warn') found.remediations.push(configSet(m.address, 'repl-backlog-ttl', String(ttl), '3600', 'low'));
	}
	return found.verdict({
		warn: 'the backlog is freed quickly when replicas leave',
		pass: 'backlog TTL is long enough',
		info: 'backlog TTL is shorter than an hour',
		else: 'setting not readable',
	}, {recommendation: {when: ['warn'], text: 'Keep repl-backlog-ttl at 3600 s (or 0) so replicas returning after a longer outage can still resync partially.'}, remediations: found.remediations});
}

/** 2.3.4 Log lines about denied partial resyncs (needs log access, which replwatch does not have). */
export function logEvidence(_ctx: CheckContext): Verdict {
	return {status: 'info', summary: 'not evaluated: replwatch reads no server logs (the INFO counters of 2.3.1/2.3.2 stand in)', evidence: []};
}
