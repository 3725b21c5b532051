import type {Evidence, Remediation, TopologyNode} from '../model/types.js';
import {Findings, unknown} from './findings.js';
import {configNumber, configSet} from './config-values.js';
import {dataNodes, followersOf, leaders, linesByFollower, replicas} from './topology-index.js';
import {lineAddress, onlineReplicaLines, reachable, replicaLines, view} from './node-fields.js';
import type {CheckContext, Verdict} from './context.js';
import {describeCycle, replicationCycles} from '../model/cycles.js';
import {sentinelVerdicts} from './section-3.js';

/** 1.3.1 At least two online replicas per leader. */
export function enoughReplicas(ctx: CheckContext): Verdict {
	const masters = leaders(ctx);
	if (masters.length === 0) return {status: 'fail', summary: 'no reachable leader', evidence: []};
	const min = ctx.settings.minOnlineReplicas;
	const found = new Findings();
	const counts: number[] = [];
	for (const m of masters) {
		const online = onlineReplicaLines(m).map(l => lineAddress(l));
		// Followers listed with port=0 because their listening port was never announced.
		const unannounced = [...linesByFollower(ctx, m)].filter(([, l]) => l.port === 0 && l.state === 'online').map(([a]) => a);
		const all = [...online, ...unannounced];
		const others = replicaLines(m).filter(l => l.state !== 'online');
		counts.push(all.length);
		found.add(all.length >= min ? 'pass' : all.length >= 1 ? 'warn' : 'fail', m.address, `${all.length} online replica(s)${all.length ? `: ${all.join(', ')}` : ''}; connected_slaves:${view(m)?.connectedReplicas ?? '?'}${unannounced.length ? `; ${unannounced.join(', ')} listed with port=0 (listening port not announced)` : ''}${others.length ? `; not online: ${others.map(l => `${l.ip}:${l.port} ${l.state}`).join(', ')}` : ''}`);
	}
	return found.verdict({else: `${counts.join(', ')} online replica(s) per leader (want ≥ ${min})`}, {
		recommendation: {when: ['fail', 'warn', 'unknown', 'info'], text: 'Add followers so that losing one still leaves a copy and read capacity; then add them to the read pool of the applications.'},
	});
}

function priorityOf(n: TopologyNode): number | undefined {
	return configNumber(n, 'replica-priority') ?? view(n)?.priority;
}

/** 1.3.2 What if one follower is lost: writes still accepted and a promotable replica left? */
export function surviveFollowerLoss(ctx: CheckContext): Verdict {
	const masters = leaders(ctx);
	if (masters.length === 0) return unknown('no reachable leader');
	const found = new Findings();
	for (const m of masters) {
		const online = onlineReplicaLines(m).length;
		const n = configNumber(m, 'min-replicas-to-write') ?? 0;
		const l = configNumber(m, 'min-replicas-max-lag') ?? 10;
		const followers = followersOf(ctx, m.address);
		const silent = followers.filter(f => !f.sample.reachable);
		if (silent.length > 0) {
			found.add('unknown', m.address, `${silent.map(f => f.address).join(', ')} unreachable: the what-if waits until every follower answers`);
			continue;
		}
		const candidates = followers.filter(f => (priorityOf(f) ?? 100) > 0 && f.sample.reachable);
		// Only an online follower holds current data: one still syncing (or looping in full syncs) is no failover candidate yet.
		const onlineNow = new Set(onlineReplicaLines(m).map(lineAddress));
		const promotable = candidates.filter(f => onlineNow.has(f.address)).length;
		const problems: string[] = [];
		if (n > 0 && l > 0 && online - 1 < n) problems.push(`with one of ${online} online replicas gone, min-replicas-to-write ${n} rejects writes (NOREPLICAS)`);
		if (promotable <= 1 && candidates.length > promotable) {
			const states = new Map(replicaLines(m).map(x => [lineAddress(x), x.state]));
			const waiting = candidates.filter(f => !onlineNow.has(f.address)).map(f => `${f.address} ${states.get(f.address) ?? 'not listed by the leader'}`);
			// Not online is 1.3.1's fail; here it is what losing one more would leave.
			found.add(problems.length ? 'fail' : 'warn', m.address, `${online} online, ${promotable} promotable and online now (not online: ${waiting.join(', ')}): ${promotable === 0 ? 'no follower holds current data to promote' : 'losing the online one leaves none with current data'}${problems.length ? `; ${problems.join('; ')}` : ''}`);
			continue;
		}
		if (promotable <= 1) problems.push(promotable === 0 ? 'no replica can be promoted (none with replica-priority > 0)' : 'losing the only promotable replica leaves none to promote');
		found.add(problems.length ? 'fail' : 'pass', m.address, problems.length ? problems.join('; ') : `${online} online, ${promotable} promotable; min-replicas-to-write ${n}`);
	}
	return found.verdict({
		pass: 'losing any one follower keeps writes and a failover candidate',
		unknown: 'a follower is unreachable: not judged until it answers',
		warn: 'too few followers online now: losing one would leave no current copy to promote',
		else: 'losing one follower would stop writes or leave no failover candidate',
	}, {recommendation: {when: ['fail'], text: 'Add a follower, or lower min-replicas-to-write (2.1.1), and keep at least two replicas with replica-priority > 0.'}});
}

/** 1.3.3 Something promotes a follower when the leader dies. */
export function failoverAutomated(ctx: CheckContext): Verdict {
	const cluster = dataNodes(ctx).filter(n => view(n)?.clusterEnabled === true);
	if (cluster.length > 0) return {status: 'pass', summary: 'Redis Cluster handles leader failure', evidence: cluster.map(n => ({node: n.address, text: 'cluster_enabled:1'}))};
	if (ctx.topology.sentinels.length > 0) {
		const v = sentinelVerdicts(ctx);
		const bad = Object.entries(v).filter(([id, r]) => ['3.1', '3.2', '3.4'].includes(id) && r.status === 'fail');
		const evidence = ctx.topology.sentinels.map(s => ({node: s.address, text: `Sentinel for ${s.masterName}${s.reachable ? '' : ' (unreachable)'}`}));
		if (bad.length) return {status: 'warn', summary: `Sentinel found but ${bad.map(([id]) => id).join(', ')} fail${bad.length === 1 ? 's' : ''}`, evidence, recommendation: 'Fix the Sentinel findings in section 3 so a failover can be authorised.'};
		return {status: 'pass', summary: `${new Set(ctx.topology.sentinels.map(s => s.address)).size} Sentinel(s) watch the leader`, evidence};
	}
	return {
		status: 'warn',
		summary: 'no Sentinel or Cluster found: leader failure needs a person (or an orchestrator replwatch does not see)',
		evidence: [],
		recommendation: 'Run at least three Sentinels (pass them with --sentinel), or confirm that another orchestrator promotes a follower.',
	};
}

/** 1.3.4 At least one replica may be promoted. */
export function promotableReplica(ctx: CheckContext): Verdict {
	const list = replicas(ctx).filter(reachable);
	if (list.length === 0) return {status: 'fail', summary: 'no reachable replica to promote', evidence: []};
	const evidence: Evidence[] = list.map(n => ({node: n.address, text: `replica-priority ${priorityOf(n) ?? '?'}`}));
	const promotable = list.filter(n => (priorityOf(n) ?? 100) > 0);
	if (promotable.length > 0) return {status: 'pass', summary: `${promotable.length} replica(s) can be promoted`, evidence};
	const chosen = list[0]!;
	const remediations: Remediation[] = [configSet(chosen.address, 'replica-priority', String(priorityOf(chosen) ?? 0), '100', 'low')];
	return {status: 'fail', summary: 'every replica has replica-priority 0: none can be promoted', evidence, recommendation: 'Give at least one replica a priority above 0.', remediations};
}

/** 1.3.5 Replicas of replicas. */
export function chainedReplication(ctx: CheckContext): Verdict {
	const loops = replicationCycles(replicas(ctx).map(n => n.address), a => ctx.topology.nodes[a]?.masterAddress);
	if (loops.length > 0) return {status: 'info', summary: `replication loop ${loops.map(describeCycle).join('; ')}: not a chain (see 1.1.1)`, evidence: []};
	const chained = replicas(ctx).filter(n => (view(n)?.connectedReplicas ?? 0) > 0);
	if (chained.length === 0) return {status: 'pass', summary: 'no chained replication', evidence: []};
	return {
		status: 'warn',
		summary: `${chained.length} replica(s) feed sub-replicas: lag adds up along the chain`,
		evidence: chained.map(n => ({node: n.address, text: `replica of ${n.masterAddress ?? '?'} with connected_slaves:${view(n)?.connectedReplicas} (${replicaLines(n).map(l => `${l.ip}:${l.port}`).join(', ')})`})),
		recommendation: 'Informational: sub-replicas depend on the intermediate replica; make sure that is intended.',
	};
}
