import type {Redis} from 'ioredis';
import type {Address} from '../model/types.js';
import type {Credentials, TlsSettings} from '../redis/settings.js';
import {commandKind, staticCommandKinds} from '../checks/command-kinds.js';
import {formatAddress, splitAddress} from '../model/address.js';
import {classifyError, openRedis, readTls} from '../redis/connection.js';

/** Shown (and confirmed) before a sample starts: spec B.2, quoting the MONITOR documentation. */
export const monitorWarning =
	'MONITOR streams every command the node runs to replwatch. The Redis documentation says one MONITOR client '
	+ 'can reduce throughput by more than 50% (its benchmark: SET 95419 → 41823 rps). replwatch samples one node '
	+ 'for at most 5 s, counts command names only (never keys or values), then closes the connection.';

export const maxMonitorMs = 5000;

export interface MonitorSample {
	readonly node: Address;
	readonly durationMs: number;
	readonly reads: number;
	readonly writes: number;
	readonly other: number;
	/** Commands that came down the replication link from the node's master (not client traffic). */
	readonly replicated: number;
	/** Command name (lower case, `container|sub` for known subcommands) → calls seen. */
	readonly byCommand: Readonly<Record<string, number>>;
}

export type MonitorOutcome =
	| {readonly ok: true; readonly sample: MonitorSample; readonly aborted: boolean}
	| {readonly ok: false; readonly error: string; readonly sample?: MonitorSample};

export interface MonitorTarget {
	readonly address: Address;
	readonly credentials?: Credentials;
	readonly tls?: TlsSettings;
	/** The node's master (`host:port`): MONITOR on a follower shows the replication stream from there (Valkey 8). */
	readonly masterAddress?: Address;
	/** Connect and MONITOR-reply timeout (default 1000 ms). */
	readonly timeoutMs?: number;
}

export interface MonitorSampleOptions {
	/** Capped at 5000 ms. */
	readonly durationMs?: number;
	readonly signal?: AbortSignal;
	/** Called with the running totals about every 250 ms (live counters in the UI). */
	readonly onProgress?: (partial: MonitorSample) => void;
	readonly now?: () => number;
}

const commandName = /^[a-z][a-z0-9_.:-]{0,39}$/;
const containers = new Set(Object.keys(staticCommandKinds).filter(k => k.includes('|')).map(k => k.split('|')[0]!));

/**
 * The command name of one MONITOR entry, from its argument list; nothing else is kept. A subcommand
 * is only read for known containers (`xgroup create`) and only when it is a known name, so a key
 * or a value can never end up in the counts.
 */
export function monitorCommandName(args: readonly unknown[]): string {
	const first = typeof args[0] === 'string' ? args[0].toLowerCase() : '';
	if (!commandName.test(first)) return '?';
	if (containers.has(first) && typeof args[1] === 'string') {
		const full = `${first}|${args[1].toLowerCase()}`;
		if (full in staticCommandKinds) return full;
	}
	return first;
}

export class MonitorTally {
	private readonly counts = new Map<string, number>();
	reads = 0;
	writes = 0;
	other = 0;
	replicated = 0;

	/** A command the replication stream applied, not a client's: counted apart, never as a write. */
	addReplicated(): void {
		this.replicated++;
	}

	add(name: string): void {
		this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
		const kind = name === '?' ? 'other' : commandKind(name);
		if (kind === 'read') this.reads++;
		else if (kind === 'write') this.writes++;
		else this.other++;
	}

	toSample(node: Address, durationMs: number): MonitorSample {
		return {node, durationMs, reads: this.reads, writes: this.writes, other: this.other, replicated: this.replicated, byCommand: Object.fromEntries(this.counts)};
	}
}

/** Whether a MONITOR entry's source (`ip:port` of the client) is the follower's master link. */
export function replicationSource(masterAddress: Address | undefined): (source: unknown) => boolean {
	if (!masterAddress) return () => false;
	const {host, port} = splitAddress(masterAddress);
	// The server prints an IPv6 peer as [addr]:port, like our addresses.
	const wanted = formatAddress(host, port);
	return source => source === wanted;
}

let activeNode: Address | undefined;

function monitorClient(target: MonitorTarget, timeoutMs: number): Redis {
	const {host, port} = splitAddress(target.address);
	const credentials = target.credentials;
	return openRedis(
		{host, port, username: credentials?.user, password: credentials?.password, ...(target.tls?.enabled ? {tls: readTls(target.tls)} : {}), timeoutMs},
		{monitor: true},
	);
}

/**
 * Samples one node's traffic with MONITOR for at most 5 s on a dedicated connection, closed at the
 * end, on abort and on error. Only one sample runs at a time in the process: a second one is
 * refused. Never throws.
 */
export async function sampleMonitor(target: MonitorTarget, options: MonitorSampleOptions = {}): Promise<MonitorOutcome> {
	if (activeNode !== undefined) return {ok: false, error: `a MONITOR sample of ${activeNode} is already running (one node at a time)`};
	if (options.signal?.aborted) return {ok: false, error: 'MONITOR sample cancelled before it started'};
	activeNode = target.address;
	const now = options.now ?? Date.now;
	const limitMs = Math.max(0, Math.min(maxMonitorMs, options.durationMs ?? maxMonitorMs));
	const timeoutMs = target.timeoutMs ?? 1000;
	const tally = new MonitorTally();
	let client: Redis | undefined;
	let startedAt = now();
	let failure: string | undefined;
	let aborted = false;
	let progress: NodeJS.Timeout | undefined;
	try {
		client = monitorClient(target, timeoutMs);
		const c = client;
		let lastError: unknown;
		let fail: ((error: unknown) => void) | undefined;
		c.on('error', error => {
			lastError = error;
			fail?.(error);
		});
		// Only the name is taken from the arguments; the array is dropped with the event.
		const fromMaster = replicationSource(target.masterAddress);
		c.on('monitor', (_time: string, args: unknown, source: unknown) => {
			if (fromMaster(source)) tally.addReplicated();
			else tally.add(monitorCommandName(Array.isArray(args) ? args : []));
		});
		await new Promise<void>((resolve, reject) => {
			const timer = setTimeout(() => reject(Object.assign(new Error('connect timed out'), {code: 'ETIMEDOUT'})), timeoutMs + 100);
			const done = (error?: unknown) => {
				clearTimeout(timer);
				c.off('monitoring', onMonitoring);
				c.off('end', onEnd);
				options.signal?.removeEventListener('abort', onAbort);
				fail = undefined;
				if (error === undefined) resolve();
				else reject(error);
			};
			const onMonitoring = () => done();
			const onEnd = () => done(lastError ?? new Error('connection closed'));
			const onAbort = () => done(new Error('aborted'));
			fail = error => done(error);
			c.once('monitoring', onMonitoring);
			c.once('end', onEnd);
			options.signal?.addEventListener('abort', onAbort, {once: true});
			c.connect().catch(error => done(lastError ?? error));
		});
		startedAt = now();
		if (options.onProgress) {
			const report = options.onProgress;
			progress = setInterval(() => report(tally.toSample(target.address, now() - startedAt)), 250);
		}
		await new Promise<void>(resolve => {
			const timer = setTimeout(finish, limitMs);
			function finish() {
				clearTimeout(timer);
				c.off('end', onEnd);
				options.signal?.removeEventListener('abort', onAbort);
				resolve();
			}
			function onEnd() {
				failure = `MONITOR connection to ${target.address} closed: ${classifyError(lastError ?? 'connection closed').message}`;
				finish();
			}
			function onAbort() {
				aborted = true;
				finish();
			}
			c.once('end', onEnd);
			options.signal?.addEventListener('abort', onAbort, {once: true});
		});
	} catch (error) {
		if (options.signal?.aborted) return {ok: false, error: 'MONITOR sample cancelled'};
		return {ok: false, error: `MONITOR on ${target.address} failed: ${classifyError(error).message}`};
	} finally {
		clearInterval(progress);
		client?.disconnect();
		activeNode = undefined;
	}
	const sample = tally.toSample(target.address, Math.min(limitMs, now() - startedAt));
	return failure === undefined ? {ok: true, sample, aborted} : {ok: false, error: failure, sample};
}
