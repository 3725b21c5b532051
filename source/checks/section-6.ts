import type {CheckStatus} from '../model/types.js';
import {Findings, unknown} from './findings.js';
import {configBytes, configNumber, configValue, nextPowerOfTwo, parseMemory} from './config-values.js';
import {dataNodes, leaders, servingNodes} from './topology-index.js';
import {humanBytes, humanSeconds} from './format.js';
import {reachable, view} from './node-fields.js';
import type {CheckContext, Verdict} from './context.js';
import {fullSyncLoop} from './section-2-3.js';
import {peakWriteRate} from './section-2-4.js';

export interface BufferLimit {
	readonly hard: number;
	readonly soft: number;
	readonly seconds: number;
}

/** The replica class of `client-output-buffer-limit` (CONFIG GET prints it as `slave`). */
export function replicaBufferLimit(value: string | undefined): BufferLimit | undefined {
	if (!value) return undefined;
	const parts = value.trim().split(/\s+/);
	for (let i = 0; i + 3 < parts.length; i += 4) {
		if (parts[i] === 'slave' || parts[i] === 'replica') {
			const hard = parseMemory(parts[i + 1]);
			const soft = parseMemory(parts[i + 2]);
			const seconds = Number(parts[i + 3]);
			if (hard === undefined || soft === undefined || !Number.isFinite(seconds)) return undefined;
			return {hard, soft, seconds};
		}
	}
	return undefined;
}

/** 6.1 The replica output buffer can hold the writes of a full sync (E.3). */
export function replicaOutputBuffer(ctx: CheckContext): Verdict {
	const masters = servingNodes(ctx);
	if (masters.length === 0) return unknown('no reachable leader');
	const s = ctx.settings;
	const loop = fullSyncLoop(ctx).status === 'fail';
	const found = new Findings();
	for (const m of masters) {
		const limit = replicaBufferLimit(configValue(m, 'client-output-buffer-limit'));
		if (!limit) {
			found.add('unknown', m.address, 'client-output-buffer-limit not readable');
			continue;
		}
		const v = view(m);
		const backlog = v?.backlog.size ?? 0;
		const rate = peakWriteRate(ctx, m);
		const bgsave = Math.max(0, v?.persistence.rdbLastSaveSeconds ?? 0);
		const syncSeconds = Math.max(s.fullSyncMinSeconds, bgsave + (v?.memory.used ?? 0) / s.syncBandwidthBytesPerSec);
		const need = rate ? rate.rate * syncSeconds : undefined;
		const fits = (l: number) => l === 0 || need === undefined || l >= need;
		const small = !fits(limit.hard) || !fits(limit.soft);
		const hardBelowBacklog = limit.hard > 0 && limit.hard < backlog;
		const {outputDisconnections: disconnections, queryDisconnections, outputReplKbps: outputKbps} = v?.bufferLimits ?? {};
		const st: CheckStatus = small && loop ? 'fail' : small || hardBelowBacklog ? 'warn' : need === undefined ? 'unknown' : 'pass';
		found.add(st, m.address, `replica limit hard ${humanBytes(limit.hard)}, soft ${humanBytes(limit.soft)} for ${limit.seconds} s${need !== undefined ? `; a full sync (~${humanSeconds(syncSeconds)}) at ${humanBytes(rate!.rate)}/s buffers ~${humanBytes(need)}` : '; write rate not known yet'}${hardBelowBacklog ? `; hard limit below repl-backlog-size ${humanBytes(backlog)} (ignored in 7.0+)` : ''}${disconnections !== undefined ? `; client_output_buffer_limit_disconnections:${disconnections}` : ''}${queryDisconnections !== undefined ? `, client_query_buffer_limit_disconnections:${queryDisconnections}` : ''}${outputKbps !== undefined ? `; replication output now ${humanBytes(outputKbps * 1024)}/s` : ''}`);
		if (small) {
			const hard = Math.max(256 * 1024 * 1024, nextPowerOfTwo(need! * 2));
			const soft = Math.max(64 * 1024 * 1024, nextPowerOfTwo(need!));
			const proposed = `replica ${configBytes(hard)} ${configBytes(soft)} ${Math.max(60, limit.seconds)}`;
			found.remediations.push({node: m.address, command: ['CONFIG', 'SET', 'client-output-buffer-limit', proposed], current: `replica ${configBytes(limit.hard)} ${configBytes(limit.soft)} ${limit.seconds}`, proposed, risk: 'high', parameter: 'client-output-buffer-limit', note: 'a larger buffer means more leader memory during a full sync'});
		}
	}
	return found.verdict({
		fail: 'full syncs loop and the replica buffer limit is too small',
		warn: 'the replica output buffer may cut a full sync short',
		pass: 'the replica output buffer holds a full sync’s writes',
		else: 'write rate not known yet',
	}, {recommendation: {when: ['warn', 'fail'], text: 'Raise the replica class of client-output-buffer-limit so a full sync’s writes fit (e.g. "replica 512mb 128mb 60").'}, remediations: found.remediations});
}

/** 6.2 repl-timeout comfortably above the ping period. */
export function timeoutVsPing(ctx: CheckContext): Verdict {
	const nodes = dataNodes(ctx).filter(reachable);
	if (nodes.length === 0) return unknown('no reachable node');
	const found = new Findings();
	for (const n of nodes) {
		const timeout = configNumber(n, 'repl-timeout');
		const ping = configNumber(n, 'repl-ping-replica-period');
		if (timeout === undefined || ping === undefined) {
			found.add('unknown', n.address, 'repl-timeout / repl-ping-replica-period not readable');
			continue;
		}
		const st: CheckStatus = timeout <= ping ? 'fail' : timeout < 2 * ping || timeout < ctx.settings.replTimeoutMinSeconds ? 'warn' : 'pass';
		found.add(st, n.address, `repl-timeout ${timeout} s, repl-ping-replica-period ${ping} s`);
		if (st !== 'pass') found.remediations.push({node: n.address, command: ['CONFIG', 'SET', 'repl-timeout', String(Math.max(60, 2 * ping + 1))], current: String(timeout), proposed: String(Math.max(60, 2 * ping + 1)), risk: 'low', parameter: 'repl-timeout', fixId: 'repl-timeout'});
	}
	return found.verdict({
		fail: 'repl-timeout not above the ping period: idle links time out',
		warn: 'repl-timeout is short: large full syncs may time out',
		pass: 'repl-timeout leaves room above the ping period',
		else: 'not readable',
	}, {remediations: found.remediations});
}

/** 6.3 Memory held for slow replicas. */
export function replicaBufferMemory(ctx: CheckContext): Verdict {
	const nodes = dataNodes(ctx).filter(n => reachable(n) && view(n)?.memory.replicaClients !== undefined);
	if (nodes.length === 0) return unknown('memory section not sampled');
	const found = new Findings();
	for (const n of nodes) {
		const memory = view(n)!.memory;
		const slaves = memory.replicaClients!;
		const total = memory.replicationBuffers;
		const max = memory.max ?? 0;
		const share = max > 0 ? slaves / max : undefined;
		// Valkey dual-channel: the stream a replica buffers locally while its RDB loads.
		const local = view(n)?.replicaBuffer;
		found.add(share !== undefined && share > ctx.settings.replicaBufferWarnShare ? 'warn' : 'pass', n.address, `mem_clients_slaves ${humanBytes(slaves)}${total !== undefined ? `, mem_total_replication_buffers ${humanBytes(total)}` : ''}${max > 0 ? ` (${Math.round((share ?? 0) * 1000) / 10} % of maxmemory ${humanBytes(max)})` : ' (no maxmemory)'}${local && (local.size > 0 || (local.peak ?? 0) > 0) ? `; replicas_repl_buffer_size ${humanBytes(local.size)} (peak ${humanBytes(local.peak ?? local.size)}) during dual-channel syncs` : ''}`);
	}
	return found.verdict({warn: 'a slow replica holds a large share of memory in its output buffer', else: 'replica buffers are small'}, {
		recommendation: {when: ['warn'], text: 'A replica is not keeping up: see 1.2.4 (network, CPU of the replica).'},
	});
}
