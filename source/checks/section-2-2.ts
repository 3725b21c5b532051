import type {CheckStatus, Evidence, Remediation} from '../model/types.js';
import {Findings, notApplicableSummary, notApplicableText, unknown} from './findings.js';
import {atLeast, onlineReplicaLines, reachable, replicaLines, view} from './node-fields.js';
import {configNumber, configSet, configValue} from './config-values.js';
import {dataNodes, leaders, replicas} from './topology-index.js';
import {humanBytes} from './format.js';
import type {CheckContext, Verdict} from './context.js';

/** 2.2.1 Diskless full syncs on the master (and replicas, for after a promotion). */
export function disklessSync(ctx: CheckContext): Verdict {
	const nodes = dataNodes(ctx).filter(reachable);
	if (nodes.length === 0) return unknown('no reachable node');
	const found = new Findings();
	for (const n of nodes) {
		const v = configValue(n, 'repl-diskless-sync');
		const who = n.role === 'master' ? 'leader' : 'replica (matters after a promotion)';
		if (v === undefined) {
			found.add('unknown', n.address, 'repl-diskless-sync not readable');
		} else if (v === 'no') {
			found.add('warn', n.address, `repl-diskless-sync no on the ${who}: full syncs write an RDB to disk first`);
			found.remediations.push(configSet(n.address, 'repl-diskless-sync', v, 'yes', 'low', {note: 'applies from the next full sync', fixId: 'repl-diskless-sync'}));
		} else {
			found.add('pass', n.address, `repl-diskless-sync ${v}`);
		}
	}
	return found.verdict({
		warn: `diskless sync is off on ${found.remediations.length} node(s)`,
		pass: 'diskless sync is on',
		else: 'setting not readable',
	}, {recommendation: {when: ['warn'], text: 'Enable repl-diskless-sync (CONFIG SET repl-diskless-sync yes) where the network between nodes is fast and stable, and persist it.'}, remediations: found.remediations});
}

/** 2.2.2 Delay before a diskless transfer starts. */
export function disklessDelay(ctx: CheckContext): Verdict {
	const masters = leaders(ctx);
	if (masters.length === 0) return unknown('no reachable leader');
	const max = ctx.settings.disklessDelayMaxSeconds;
	const found = new Findings();
	for (const m of masters) {
		const delay = configNumber(m, 'repl-diskless-sync-delay');
		const diskless = configValue(m, 'repl-diskless-sync');
		const r = replicaLines(m).length;
		if (delay === undefined) {
			found.add('unknown', m.address, 'repl-diskless-sync-delay not readable');
			continue;
		}
		if (diskless === 'no') {
			found.add('info', m.address, `repl-diskless-sync-delay ${delay} s (unused: diskless sync is off)`);
			continue;
		}
		const st: CheckStatus = delay === 0 ? (r >= 2 ? 'warn' : 'pass') : delay > max ? 'warn' : 'pass';
		found.add(st, m.address, `repl-diskless-sync-delay ${delay} s with ${r} replica(s)${st === 'warn' ? (delay === 0 ? ': replicas arriving together each get their own fork and transfer' : ': every full sync waits that long') : ''}`);
		if (st === 'warn') found.remediations.push(configSet(m.address, 'repl-diskless-sync-delay', String(delay), '5', 'low'));
	}
	return found.verdict({
		warn: 'the diskless delay does not fit the number of replicas',
		pass: 'diskless delay is sensible',
		info: 'diskless sync is off (2.2.1)',
		else: 'setting not readable',
	}, {recommendation: {when: ['warn'], text: 'A delay of a few seconds lets replicas that reconnect together share one transfer.'}, remediations: found.remediations});
}

/** 2.2.3 Start the diskless transfer as soon as every replica has arrived (7.0+). */
export function disklessMaxReplicas(ctx: CheckContext): Verdict {
	const masters = leaders(ctx);
	if (masters.length === 0) return unknown('no reachable leader');
	const evidence: Evidence[] = [];
	const remediations: Remediation[] = [];
	let measurable = false;
	let applicable = false;
	for (const m of masters) {
		if (m.version !== undefined && !atLeast(m.version, 7)) {
			evidence.push({node: m.address, text: notApplicableText(m, 'repl-diskless-sync-max-replicas', 7)});
			continue;
		}
		applicable = true;
		const v = configNumber(m, 'repl-diskless-sync-max-replicas');
		const r = replicaLines(m).length;
		if (v === undefined) {
			evidence.push({node: m.address, text: 'repl-diskless-sync-max-replicas not readable'});
			continue;
		}
		measurable = true;
		evidence.push({node: m.address, text: `repl-diskless-sync-max-replicas ${v}${v === 0 ? ' (off)' : ''}; ${r} replica(s): suggest ${r}`});
		if (r > 0 && v !== r) remediations.push(configSet(m.address, 'repl-diskless-sync-max-replicas', String(v), String(r), 'low'));
	}
	if (!applicable) return {status: 'info', summary: notApplicableSummary, evidence, remediations};
	return {status: measurable ? 'info' : 'unknown', summary: measurable ? 'max-replicas can start a diskless transfer before the delay ends' : 'repl-diskless-sync-max-replicas not readable', evidence, remediations};
}

/** 2.2.4 Loading the RDB straight from the socket on replicas. */
export function disklessLoad(ctx: CheckContext): Verdict {
	const list = replicas(ctx).filter(reachable);
	if (list.length === 0) return {status: 'info', summary: 'no reachable replica', evidence: []};
	const found = new Findings();
	for (const n of list) {
		const v = configValue(n, 'repl-diskless-load');
		if (v === undefined) {
			found.add(atLeast(n.version, 6) ? 'unknown' : 'info', n.address, atLeast(n.version, 6) ? 'repl-diskless-load not readable' : notApplicableText(n, 'repl-diskless-load', 6));
			continue;
		}
		if (v !== 'swapdb') {
			found.add('pass', n.address, `repl-diskless-load ${v}`);
			continue;
		}
		const memory = view(n)?.memory;
		const used = memory?.used ?? 0;
		const max = memory?.max ?? 0;
		const system = memory?.system ?? 0;
		const tight = (max > 0 && used * 2 > max) || (system > 0 && used * 2 > system * 0.5);
		found.add(tight ? 'warn' : 'info', n.address, `repl-diskless-load swapdb${atLeast(n.version, 7, 2) ? '' : ' (experimental before 7.2)'}: two copies during a load need ~${humanBytes(used * 2)}${max ? `, maxmemory ${humanBytes(max)}` : ''}${system ? `, system ${humanBytes(system)}` : ''}`);
		if (tight) found.remediations.push(configSet(n.address, 'repl-diskless-load', v, 'disabled', 'low', {note: 'cannot be changed while the replica is loading'}));
	}
	return found.verdict({
		warn: 'swapdb loading could run a replica out of memory',
		pass: 'replicas load RDBs safely',
		info: found.evidence.some(e => e.text.startsWith('not applicable')) ? notApplicableSummary : 'swapdb loading in use: two datasets in memory during a load',
		else: 'setting not readable',
	}, {recommendation: {when: ['warn'], text: 'Use repl-diskless-load disabled or on-empty-db unless the replica has memory for two datasets.'}, remediations: found.remediations});
}

