import type {CheckStatus} from '../model/types.js';
import {Findings, unknown} from './findings.js';
import {configNumber, configSet, configValue} from './config-values.js';
import {onlineReplicaLines, reachable, view} from './node-fields.js';
import {leaders, linkOf, replicas, staleUpstream} from './topology-index.js';
import {percent} from './format.js';
import type {CheckContext, Verdict} from './context.js';
import {replicasReadOnly, writesOver} from './section-1-1.js';

/** 2.1.1 min-replicas-to-write does not turn replication synchronous (or reject writes now). */
export function minReplicas(ctx: CheckContext): Verdict {
	const masters = leaders(ctx);
	if (masters.length === 0) return unknown('no reachable leader');
	const s = ctx.settings;
	const found = new Findings();
	for (const m of masters) {
		const n = configNumber(m, 'min-replicas-to-write');
		const l = configNumber(m, 'min-replicas-max-lag');
		if (n === undefined || l === undefined) {
			found.add('unknown', m.address, 'min-replicas-to-write / min-replicas-max-lag not readable');
			continue;
		}
		const r = onlineReplicaLines(m).length;
		const good = view(m)?.goodReplicas;
		const text = `min-replicas-to-write ${n}, min-replicas-max-lag ${l} s, ${r} online replica(s)${good !== undefined ? `, min_slaves_good_slaves:${good}` : ''}`;
		let st: CheckStatus;
		let why = '';
		if (n === 0 || l === 0) {
			st = 'pass';
			why = 'disabled: purely asynchronous';
		} else if ((good ?? r) < n) {
			st = 'fail';
			why = `only ${good ?? r} good replica(s) for ${n} required: writes are rejected right now (NOREPLICAS)`;
		} else if (n >= r) {
			st = 'warn';
			why = 'one replica hiccup blocks writes';
		} else if (l < s.minReplicasMaxLagWarn) {
			st = 'warn';
			why = 'max-lag this short rejects writes on normal 1 s ACK jitter';
		} else if (l < s.minReplicasMaxLagPass) {
			st = 'warn';
			why = `max-lag below ${s.minReplicasMaxLagPass} s`;
		} else {
			st = 'pass';
			why = 'leaves room for one replica to fail';
		}
		found.add(st, m.address, `${text}: ${why}`);
		if (st === 'fail' || (st === 'warn' && n >= r)) {
			const proposed = String(Math.max(0, r - 1));
			found.remediations.push(configSet(m.address, 'min-replicas-to-write', String(n), proposed, Number(proposed) > n ? 'high' : 'low', {note: `min_slaves_good_slaves is ${good ?? 'not shown'} now`}));
		}
	}
	return found.verdict({
		fail: 'the leader rejects writes: not enough good replicas for min-replicas-to-write',
		warn: 'min-replicas settings make writes fragile',
		pass: 'replication is asynchronous, or min-replicas leaves headroom',
		else: 'settings not readable',
	}, {recommendation: {when: ['fail', 'warn'], text: 'Keep min-replicas-to-write at most (online replicas − 1), and min-replicas-max-lag ≥ 5 s; use WAIT in the application for the few writes that need an acknowledgement.'}, remediations: found.remediations});
}

/** 2.1.2 Same as 1.1.2 (the fix is offered there). */
export function replicasReadOnlyAgain(ctx: CheckContext): Verdict {
	const v = replicasReadOnly(ctx);
	if (v.status !== 'fail') return v;
	// One cause fails one check: 1.1.2 carries the fail; the same fix works from here too.
	return {...v, status: 'info', summary: `${v.summary}: failed under 1.1.2 (same finding)`, recommendation: 'See 1.1.2; f applies the same fix from here.'};
}

/** 2.1.3 What replicas do with reads while their link is down. */
export function staleDataPolicy(ctx: CheckContext): Verdict {
	const list = replicas(ctx).filter(reachable);
	if (list.length === 0) return {status: 'info', summary: 'no reachable replica', evidence: []};
	const found = new Findings();
	for (const n of list) {
		const v = configValue(n, 'replica-serve-stale-data');
		const up = (linkOf(ctx, n.address)?.linkStatus ?? (view(n)?.linkStatus === 'up' ? 'up' : 'down')) === 'up';
		const above = up ? staleUpstream(ctx, n.address) : undefined;
		const loading = view(n)?.loading === true;
		if (loading) {
			// A loading replica answers LOADING to every read: it serves nothing, stale or not.
			found.add('info', n.address, `loading its dataset (loading:1): reads get LOADING until it finishes, whatever replica-serve-stale-data says`);
		} else if (v === undefined) {
			found.add('unknown', n.address, 'replica-serve-stale-data not readable');
		} else if (v === 'no' && !up) {
			const since = linkOf(ctx, n.address)?.linkDownSinceSeconds;
			found.add('warn', n.address, `replica-serve-stale-data no and master_link_status:down${since === undefined ? '' : ` for ${since} s`}: every read is refused now (MASTERDOWN), PING included`);
		} else if (v === 'no') {
			found.add('info', n.address, `replica-serve-stale-data no: with the link down clients get MASTERDOWN, PING included (health checks must use INFO)${above ? `; its own link is up, so it serves reads although ${above.why}` : ''}`);
		} else if (up && above) {
			found.add('warn', n.address, `replica-serve-stale-data yes, link up, but ${above.why}: serving stale reads now`);
		} else if (up) {
			found.add('pass', n.address, 'replica-serve-stale-data yes, link up');
		} else {
			found.add('warn', n.address, 'replica-serve-stale-data yes while the link is down: serving stale reads now');
			found.remediations.push(configSet(n.address, 'replica-serve-stale-data', v, 'no', 'high', {note: 'stale reads become MASTERDOWN errors (PING too) until the link is back'}));
		}
	}
	return found.verdict({
		warn: found.evidence.some((e, i) => found.statuses[i] === 'warn' && e.text.includes('(MASTERDOWN)')) ? 'a replica refuses every read now (MASTERDOWN) or serves stale data' : 'a replica serves stale data while disconnected',
		pass: 'replicas serve current data',
		info: 'some replicas refuse reads while disconnected',
		else: 'policy not readable',
	}, {recommendation: {when: ['warn'], text: 'Restore the link (1.2.1); if stale reads are unacceptable for the application, set replica-serve-stale-data no.'}, remediations: found.remediations});
}

/** 2.1.4 WAIT is used for few writes. */
export function waitSelective(ctx: CheckContext): Verdict {
	const masters = leaders(ctx);
	if (masters.length === 0) return unknown('no reachable leader');
	const s = ctx.settings;
	const found = new Findings();
	for (const m of masters) {
		const w = writesOver(ctx, m, s.routingWindowSeconds);
		if (!w) {
			found.add('unknown', m.address, `needs two samples at least ${s.routingWindowSeconds} s apart`);
			continue;
		}
		if (w.writes === 0) {
			found.add(w.waits > 0 ? 'info' : 'unknown', m.address, `no write calls in ${Math.round(w.seconds)} s${w.waits ? ` (${w.waits} WAIT)` : ''}`);
			continue;
		}
		const share = w.waits / w.writes;
		found.add(share <= s.waitSharePass ? 'pass' : share > s.waitShareWarn ? 'warn' : 'info', m.address, `${w.waits} WAIT for ${w.writes} writes in ${Math.round(w.seconds)} s (${percent(share)})`);
	}
	return found.verdict({
		warn: 'most writes wait for replica acknowledgements',
		pass: 'WAIT is used selectively (or not at all)',
		info: 'WAIT is used on part of the writes',
		else: `needs writes and samples at least ${s.routingWindowSeconds} s apart`,
	}, {recommendation: {when: ['warn'], text: 'WAIT on most writes adds replica round trips to every write and still is not strong consistency; keep it for the writes that need it.'}});
}
