import type {CheckStatus} from '../model/types.js';
import {Findings, unknown} from './findings.js';
import {atLeast, reachable, view} from './node-fields.js';
import {configSet, configValue} from './config-values.js';
import {dataNodes, leaders} from './topology-index.js';
import type {CheckContext, Verdict} from './context.js';
import {nodeView} from '../model/node-view.js';

/** 4.1 A master without persistence that restarts empties every replica. */
export function masterPersistence(ctx: CheckContext): Verdict {
	const masters = leaders(ctx);
	if (masters.length === 0) return unknown('no reachable leader');
	const found = new Findings();
	for (const m of masters) {
		const save = configValue(m, 'save');
		const v = view(m);
		const aofEnabled = v?.persistence.aofEnabled;
		const aof = configValue(m, 'appendonly') ?? (aofEnabled === undefined ? undefined : aofEnabled ? 'yes' : 'no');
		const supervised = v?.processSupervised;
		if (save === undefined || aof === undefined) {
			found.add('unknown', m.address, 'save / appendonly not readable');
			continue;
		}
		const none = save.trim() === '' && aof === 'no';
		const uptime = v?.uptimeSeconds;
		const text = [`save "${save}", appendonly ${aof}`, supervised === undefined ? (m.version && !atLeast(m.version, 6) ? `supervision not reported by ${m.version}` : '') : `process_supervised:${supervised}`, uptime === undefined ? '' : `uptime ${uptime} s`].filter(Boolean).join(', ');
		if (!none) {
			found.add('pass', m.address, text);
			continue;
		}
		const autoRestart = supervised !== undefined && supervised !== 'no';
		found.add(autoRestart ? 'fail' : 'warn', m.address, `${text}: no persistence${autoRestart ? ' and an auto-restart' : ' (an auto-restart by a container or operator cannot be ruled out)'}; a restart comes back empty and every replica full-syncs the empty dataset`);
		found.remediations.push(configSet(m.address, 'save', save, '3600 1 300 100 60 10000', 'low', {fixId: `persistence-save@${m.address}`, note: 'the next snapshot forks the server'}));
		found.remediations.push(configSet(m.address, 'appendonly', aof, 'yes', 'high', {fixId: `persistence-aof@${m.address}`, note: 'alternative: starts an AOF rewrite fork at once (memory and latency on large datasets)'}));
	}
	return found.verdict({
		pass: 'leaders persist their data',
		unknown: 'persistence settings not readable',
		else: 'a leader has no persistence: a restart would wipe every follower',
	}, {recommendation: {when: ['warn', 'fail'], text: 'Enable RDB snapshots (or AOF) on the leader, or make sure it is never restarted automatically as a master.'}, remediations: found.remediations});
}

/** 4.2 Last save and AOF writes succeeded. */
export function saveHealth(ctx: CheckContext): Verdict {
	const nodes = dataNodes(ctx).filter(reachable);
	if (nodes.length === 0) return unknown('no reachable node');
	const found = new Findings();
	for (const n of nodes) {
		const values = view(n)?.persistence.statuses ?? [];
		if (values.length === 0) {
			found.add('unknown', n.address, 'persistence section not sampled');
			continue;
		}
		const bad = values.filter(([, v]) => v === 'err');
		found.add(bad.length ? 'fail' : 'pass', n.address, values.map(([f, v]) => `${f}:${v}`).join(', '));
	}
	return found.verdict({
		fail: 'a save or AOF write failed (with stop-writes-on-bgsave-error the master refuses writes)',
		pass: 'saves and AOF writes succeed',
		else: 'not readable',
	}, {recommendation: {when: ['fail'], text: 'Check disk space and permissions of the data directory; the server log names the error.'}});
}

/** 4.3 Fork cost of saves and full syncs. */
export function forkCost(ctx: CheckContext): Verdict {
	const nodes = dataNodes(ctx).filter(reachable);
	const found = new Findings();
	for (const n of nodes) {
		const usec = view(n)?.persistence.latestForkUsec;
		if (usec === undefined) continue;
		found.add(usec > ctx.settings.forkWarnUsec ? 'warn' : 'pass', n.address, `latest_fork_usec:${usec} (${Math.round(usec / 1000)} ms)`);
	}
	if (found.statuses.length === 0) return unknown('latest_fork_usec not sampled');
	return found.verdict({warn: `a fork took over ${ctx.settings.forkWarnUsec / 1000} ms: every save and full sync stalls the server that long`, else: 'forks are fast'}, {
		recommendation: {when: ['warn'], text: 'Reduce the dataset per node, disable transparent huge pages, or give the host more memory bandwidth.'},
	});
}

/**
 * 4.4 A node that restarted recently and came back as a master may have served a stale dataset (and
 * caused a split brain). How it came back is the first sample of its new run, not its role now: a
 * follower restarted and promoted later resynced first; a killed leader restarted as master and then
 * re-pointed by Sentinel did not.
 */
export function staleAfterRestart(ctx: CheckContext): Verdict {
	if (leaders(ctx).length === 0) return unknown('no reachable leader');
	const found = new Findings();
	const cameBackAsMaster: string[] = [];
	for (const n of dataNodes(ctx)) {
		if (!reachable(n)) continue;
		const firstInfo = ctx.history.first(n.address)?.info;
		const first = firstInfo ? nodeView(firstInfo).runId : undefined;
		const now = view(n)?.runId;
		const uptime = view(n)?.uptimeSeconds ?? Infinity;
		const restarted = first !== undefined && now !== undefined && first !== now && uptime < ctx.settings.recentRestartSeconds;
		if (!restarted) {
			if (n.role === 'master') found.add('pass', n.address, `uptime ${Number.isFinite(uptime) ? uptime : '?'} s; no restart while watched`);
			continue;
		}
		const startInfo = ctx.history.runStart(n.address)?.info;
		const cameBack = startInfo ? nodeView(startInfo).role : n.role;
		const ids = `run_id ${first!.slice(0, 8)}… → ${now!.slice(0, 8)}…, uptime ${uptime} s`;
		if (cameBack === 'master') {
			cameBackAsMaster.push(n.address);
			found.add('warn', n.address, `restarted while watched (${ids}) and came back as master${n.role === 'master' ? '' : `; now a replica of ${n.masterAddress ?? '?'}`}`);
		} else {
			found.add('pass', n.address, `restarted while watched (${ids}) as a follower: it resynced from its leader${n.role === 'master' ? ' before it was promoted' : ''}`);
		}
	}
	return found.verdict({warn: `${cameBackAsMaster.join(', ')} restarted and came back as master: it may have served a stale dataset (a split brain)`, else: 'no node came back as master after a restart while watched'}, {
		recommendation: {when: ['warn'], text: 'Check that the restarted master did not take writes with old data (and that replicas did not resync from it); a supervisor should not restart a failed leader as master while Sentinel fails over.'},
	});
}
