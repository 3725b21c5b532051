import {nodeView} from '../model/node-view.js';
import type {CheckStatus, ParsedInfo} from '../model/types.js';
import {Findings, notApplicableSummary, notApplicableText, unknown, unreachableEvidence} from './findings.js';
import {atLeast, infoOf, lineAddress, reachable, replicaLines, view} from './node-fields.js';
import {configNumber, configSet, configValue} from './config-values.js';
import {counterDelta, window} from './counter-window.js';
import {dataNodes, followersOf, leaders, linesByFollower, linkOf, reallySyncing, replicas} from './topology-index.js';
import {humanBytes, percent} from './format.js';
import type {CheckContext, Verdict} from './context.js';

/** 1.2.1 Every replica's link to its master is up. */
export function linkUp(ctx: CheckContext): Verdict {
	const list = replicas(ctx);
	if (list.length === 0) return {status: 'info', summary: 'no replica known', evidence: []};
	const found = new Findings();
	for (const n of list) {
		if (!reachable(n)) {
			found.add('unknown', n.address, unreachableEvidence(n).text);
			continue;
		}
		const v = view(n);
		const status = v?.linkStatus;
		const syncing = reallySyncing(ctx, n);
		const link = linkOf(ctx, n.address);
		const downFor = link?.linkDownSinceSeconds;
		const timeout = configNumber(n, 'repl-timeout') ?? 60;
		const master = n.masterAddress ?? '?';
		const m = n.masterAddress ? ctx.topology.nodes[n.masterAddress] : undefined;
		const queued = m && reachable(m) ? linesByFollower(ctx, m).get(n.address) : undefined;
		if (status === 'up') {
			found.add('pass', n.address, `master_link_status:up (master ${master})`);
		} else if (!syncing && queued && (queued.state === 'wait_bgsave' || queued.state === 'send_bulk' || queued.state === 'bg_transfer')) {
			// The leader has it in line for a full sync (another sync's RDB is being made): queued, not broken.
			const long = downFor !== undefined && downFor > timeout;
			found.add(long ? 'fail' : 'warn', n.address, `master_link_status:down, master_sync_in_progress:0; ${master} lists it as state=${queued.state}: queued for a full sync${downFor !== undefined ? `, down ${downFor} s` : ''}`);
		} else if (syncing) {
			const perc = v?.syncPercent?.toFixed(2);
			const long = downFor !== undefined && downFor > timeout;
			found.add(long ? 'fail' : 'warn', n.address, `master_link_status:down, full sync in progress from ${master}${perc ? ` (${perc} %)` : ''}${downFor !== undefined ? `, down ${downFor} s` : ''}`);
		} else {
			found.add('fail', n.address, `master_link_status:${status ?? '?'}, ${v?.syncInProgress ? 'handshake with the master failing (not attached there)' : 'master_sync_in_progress:0'}, master ${master}${downFor !== undefined ? `, down for ${downFor} s` : ', never connected'}`);
		}
	}
	const down = found.statuses.filter(s => s === 'fail').length;
	return found.verdict({
		pass: `all ${list.length} replica links are up`,
		fail: `${down} replica link(s) down and not syncing`,
		warn: `${found.statuses.filter(s => s === 'warn').length} replica(s) in or queued for a full sync`,
		else: 'link state not known for every replica',
	}, {recommendation: {when: ['fail', 'warn'], text: 'Diagnose the link: authentication (5.2), TLS (5.4), network reachability of the master port, output-buffer disconnections (6.1); the replica log names the cause.'}});
}

/** 1.2.2 Bytes from the master arrive often enough. */
export function masterIoFreshness(ctx: CheckContext): Verdict {
	const list = replicas(ctx).filter(reachable);
	if (list.length === 0) return {status: 'info', summary: 'no reachable replica', evidence: []};
	const found = new Findings();
	for (const n of list) {
		const io = view(n)?.lastIoSeconds;
		const ping = configNumber(n, 'repl-ping-replica-period') ?? 10;
		const timeout = configNumber(n, 'repl-timeout') ?? 60;
		if (io === undefined || io < 0) {
			found.add('fail', n.address, 'master_last_io_seconds_ago:-1: no master link (see 1.2.1)');
			continue;
		}
		const s: CheckStatus = io <= ping + ctx.settings.ioFreshnessSlackSeconds ? 'pass' : io <= timeout / 2 ? 'warn' : 'fail';
		found.add(s, n.address, `master_last_io_seconds_ago:${io} (ping period ${ping} s, repl-timeout ${timeout} s)`);
	}
	return found.verdict({
		pass: 'every replica heard from its master within the ping period',
		warn: 'a replica has not heard from its master for longer than the ping period',
		else: 'a replica has no recent I/O from its master',
	}, {recommendation: {when: ['fail', 'warn', 'unknown', 'info'], text: 'Check the network between master and replica, and whether the master is blocked (slow commands, fork).'}});
}

/** 1.2.3 The master receives ACKs from every replica (liveness). */
export function ackLiveness(ctx: CheckContext): Verdict {
	const masters = leaders(ctx);
	if (masters.length === 0) return unknown('no reachable leader');
	const {ackLagWarnSeconds, ackLagFailSeconds} = ctx.settings;
	const found = new Findings();
	for (const m of masters) {
		const maxLag = configNumber(m, 'min-replicas-max-lag');
		const minToWrite = configNumber(m, 'min-replicas-to-write') ?? 0;
		const failAt = minToWrite > 0 && maxLag !== undefined && maxLag > 0 ? Math.min(ackLagFailSeconds, maxLag) : ackLagFailSeconds;
		const lines = replicaLines(m);
		for (const l of lines) {
			const who = `${l.ip}:${l.port}`;
			let s: CheckStatus;
			if (l.state === 'online') s = l.lag >= failAt ? 'fail' : l.lag >= ackLagWarnSeconds ? 'warn' : 'pass';
			else s = 'warn';
			found.add(s, m.address, `${who} state=${l.state}, lag=${l.lag} s since last ACK`);
		}
		const listed = new Set(lines.map(lineAddress));
		const matched = linesByFollower(ctx, m);
		for (const f of followersOf(ctx, m.address)) {
			const line = matched.get(f.address);
			if (line && line.port === 0) {
				const s: CheckStatus = line.state !== 'online' ? 'warn' : line.lag >= failAt ? 'fail' : line.lag >= ackLagWarnSeconds ? 'warn' : 'pass';
				found.add(s, m.address, `${f.address} (listed as ${line.ip}:0: listening port not announced) state=${line.state}, lag=${line.lag} s since last ACK`);
			} else if (!listed.has(f.address)) {
				found.add('fail', m.address, `${f.address} says it replicates from here but is not attached (no slaveN line)`);
			}
		}
		if (lines.length === 0 && followersOf(ctx, m.address).length === 0) found.evidence.push({node: m.address, text: 'no replica attached'});
	}
	return found.verdict({
		pass: found.statuses.length ? 'every replica ACKs within a second' : 'no replica attached',
		warn: 'a replica ACKs late or is still syncing',
		else: 'a replica stopped acknowledging (blocked, dead or detached)',
	}, {recommendation: {when: ['fail'], text: 'A replica process is blocked or gone: check it (SIGSTOP, DEBUG SLEEP, long commands, host load) and its link (1.2.1).'}});
}

/** 1.2.4 How far behind each follower is, in seconds (D.3 3b) and bytes. */
export function replicationDelay(ctx: CheckContext): Verdict {
	const links = ctx.topology.links;
	if (links.length === 0) return {status: 'info', summary: 'no replication link', evidence: []};
	const {lagWarnSeconds, lagFailSeconds, lagBacklogWarnShare} = ctx.settings;
	const found = new Findings();
	let maxSeconds = 0;
	// The summary names the worst follower with the very numbers its evidence line shows.
	const sentences = new Map<CheckStatus, string>();
	const rank: Record<string, number> = {pass: 0, warn: 1, fail: 2};
	for (const l of links) {
		const leader = ctx.topology.nodes[l.leader];
		const backlog = view(leader)?.backlog.size;
		if (l.lagBytes === null) {
			found.add('unknown', l.follower, `lag not measurable (link ${l.linkStatus}, state ${l.state})`);
			continue;
		}
		const secs = l.lagSeconds;
		const bytes = humanBytes(l.lagBytes);
		const share = backlog !== undefined ? l.lagBytes / Math.max(1, backlog) : undefined;
		const shareText = share !== undefined ? `${percent(share)} of the ${humanBytes(backlog!)} backlog` : '';
		let s: CheckStatus = 'pass';
		let sentence = '';
		if (share !== undefined && share >= 1) {
			s = 'fail';
			sentence = `${l.follower} is ${bytes} behind, more than the ${humanBytes(backlog!)} backlog: a disconnect now would force a full sync`;
		} else if (secs !== null && secs > lagFailSeconds) {
			s = 'fail';
			sentence = `${l.follower} is about ${secs} s behind (over ${lagFailSeconds} s)${shareText ? `; ${bytes} is ${shareText}, so a reconnect would still resync partially` : ''}`;
		} else if ((secs !== null && secs > lagWarnSeconds) || (share !== undefined && share > lagBacklogWarnShare)) {
			s = 'warn';
			sentence = secs !== null && secs > lagWarnSeconds ? `${l.follower} is about ${secs} s behind (over ${lagWarnSeconds} s)` : `${l.follower} is ${bytes} behind, ${shareText}`;
		}
		if (secs !== null) maxSeconds = Math.max(maxSeconds, secs);
		if (s !== 'pass' && (!sentences.has(s) || rank[s]! > 0)) sentences.set(s, sentences.get(s) ?? sentence);
		found.add(s, l.follower, `${bytes} behind ${l.leader}${secs !== null ? `, about ${secs} s` : ''}${shareText ? ` (${shareText})` : ''}`);
	}
	return found.verdict({
		pass: `followers are at most ${maxSeconds} s behind`,
		fail: sentences.get('fail') ?? '',
		warn: sentences.get('warn') ?? '',
		else: 'lag not measurable for every follower',
	}, {recommendation: {when: ['warn', 'fail'], text: 'Look at the follower’s CPU, network and whether it is paused; raise the backlog (2.4.2) if the bytes behind approach it.'}});
}

/** Pending bytes above which a 6.2-or-older replica may stop answering while it catches up. */
const freezeRiskBytes = 10 * 1024 * 1024;

/** 1.2.5 Received but not yet applied on the replica, sustained over several samples. */
export function applyBacklog(ctx: CheckContext): Verdict {
	const list = replicas(ctx).filter(reachable);
	if (list.length === 0) return {status: 'info', summary: 'no reachable replica', evidence: []};
	const {applyBacklogWarnBytes, applyBacklogSamples} = ctx.settings;
	const found = new Findings();
	for (const n of list) {
		const v = view(n);
		if (v?.readOffset === undefined) {
			found.add('info', n.address, notApplicableText(n, 'slave_read_repl_offset', 6, 2, 6));
			continue;
		}
		const recent = ctx.history.samples(n.address).slice(-applyBacklogSamples);
		const gaps = recent.map(s => (s.info ? (nodeView(s.info).readOffset ?? 0) - (nodeView(s.info).appliedOffset ?? 0) : 0));
		const current = Math.max(0, v.readOffset - (v.appliedOffset ?? 0));
		const sustained = gaps.length >= applyBacklogSamples && gaps.every(g => g > applyBacklogWarnBytes);
		// 6.2 and older apply a large pending stream in one go: 6.2.16 stopped answering for 136 s after resuming with 37 MB.
		const freeze = !atLeast(n.version, 7) && current > freezeRiskBytes;
		found.add(sustained || freeze ? 'warn' : 'pass', n.address, `${humanBytes(current)} received but not applied${sustained ? ` for ${gaps.length} samples in a row` : ''}${freeze ? `; freeze risk on ${n.version}: over ${humanBytes(freezeRiskBytes)} pending can stall the replica for minutes when it resumes` : ''}`);
	}
	return found.verdict({
		warn: 'a replica receives faster than it applies',
		pass: 'replicas apply what they receive',
		info: notApplicableSummary,
		else: 'apply backlog not measurable on every replica',
	}, {recommendation: {when: ['warn'], text: 'The replica is CPU-bound, paused (CLIENT PAUSE) or blocked by slow commands: check its load and SLOWLOG.'}});
}

/** 1.2.6 CPU, memory and fork headroom on every node. */
export function resourceHeadroom(ctx: CheckContext): Verdict {
	const nodes = dataNodes(ctx).filter(reachable);
	if (nodes.length === 0) return unknown('no reachable node');
	const s = ctx.settings;
	const found = new Findings();
	for (const n of nodes) {
		const parts: string[] = [];
		let st: CheckStatus = 'pass';
		const d = window(ctx, n.address, s.deltaWindowSeconds);
		const cpu = d ? counterDelta(d, i => nodeView(i).cpuSeconds) : undefined;
		if (d && cpu !== undefined) {
			const pct = (cpu / d.seconds) * 100;
			parts.push(`CPU ${Math.round(pct)} % of one core`);
			if (pct > s.cpuWarnPercent) st = 'warn';
		} else parts.push('CPU not measured yet');
		const v = view(n)!;
		const {used, max, rss, system: total} = v.memory;
		if (used !== undefined && max) {
			parts.push(`memory ${humanBytes(used)} of maxmemory ${humanBytes(max)} (${percent(used / max)})`);
			if (used / max > s.memoryWarnShare) st = 'warn';
		} else if (used !== undefined) parts.push(`memory ${humanBytes(used)} (no maxmemory)`);
		if (rss !== undefined && total) {
			parts.push(`RSS ${percent(rss / total)} of system memory`);
			if (rss / total > s.rssWarnShare) st = 'warn';
		}
		const fork = v.persistence.latestForkUsec;
		if (fork !== undefined) {
			parts.push(`last fork ${Math.round(fork / 1000)} ms`);
			if (fork > s.forkWarnUsec) st = 'warn';
		}
		if (v.persistence.rdbSaveInProgress) parts.push('RDB save in progress');
		if (v.persistence.aofRewriteInProgress) parts.push('AOF rewrite in progress');
		if (used === undefined && fork === undefined) st = 'unknown';
		found.add(st, n.address, parts.join(', '));
	}
	return found.verdict({
		pass: 'CPU, memory and fork cost within limits',
		warn: 'a node is short of CPU or memory, or forks slowly',
		else: 'resource figures not available',
	}, {recommendation: {when: ['warn'], text: 'Scale the host (CPU, memory) or reduce load; a slow fork delays every full sync and save.'}});
}

/** 1.2.7 Round trip from replwatch to each node (a proxy for network health only). */
export function toolLatency(ctx: CheckContext): Verdict {
	const nodes = dataNodes(ctx).filter(reachable);
	const found = new Findings();
	for (const n of nodes) {
		const points = ctx.history.recent(n.address, 'rttMs', 10).map(p => p.v);
		if (points.length === 0 && n.sample.rttMs !== undefined) points.push(n.sample.rttMs);
		if (points.length === 0) continue;
		const sorted = [...points].sort((a, b) => a - b);
		const median = sorted[Math.floor(sorted.length / 2)]!;
		found.add(median > ctx.settings.rttWarnMs ? 'warn' : 'pass', n.address, `median round trip ${median} ms over ${points.length} probe(s)`);
	}
	if (found.statuses.length === 0) return unknown('no round-trip measurement yet');
	return found.verdict({
		pass: 'round trips from replwatch are fast',
		else: `a node answers slower than ${ctx.settings.rttWarnMs} ms`,
	}, {recommendation: {when: ['warn'], text: 'Check network latency and packet loss (ping, traceroute); master↔replica latency cannot be measured from outside.'}});
}

/** 1.2.8 TCP_NODELAY on the replication socket. */
export function tcpNoDelay(ctx: CheckContext): Verdict {
	const masters = leaders(ctx);
	if (masters.length === 0) return unknown('no reachable leader');
	const found = new Findings();
	for (const m of masters) {
		const v = configValue(m, 'repl-disable-tcp-nodelay');
		if (v === undefined) {
			found.add('unknown', m.address, `repl-disable-tcp-nodelay not readable${m.sample.configError ? ` (${m.sample.configError.message})` : ''}`);
		} else if (v === 'yes') {
			found.add('warn', m.address, 'repl-disable-tcp-nodelay yes: up to ~40 ms extra replication delay');
			found.remediations.push(configSet(m.address, 'repl-disable-tcp-nodelay', v, 'no', 'low'));
		} else {
			found.add('pass', m.address, 'repl-disable-tcp-nodelay no');
		}
	}
	return found.verdict({
		warn: 'Nagle batching delays the replication stream',
		pass: 'replication sockets use TCP_NODELAY',
		else: 'setting not readable',
	}, {remediations: found.remediations});
}

