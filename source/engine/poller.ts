import {nodeView} from '../model/node-view.js';
import type {Redis} from 'ioredis';
import type {Address, NodeError, NodeSample, ParsedInfo} from '../model/types.js';
import type {Credentials, TlsSettings} from '../redis/settings.js';
import {maxInfoFields, parseInfo} from '../redis/parse-info.js';
import {withinReplyLimit} from '../redis/reply-bound.js';
import {mergeInfo, joinInfoTexts} from '../redis/merge-info.js';
import {
	classifyError,
	plainOnTlsHint,
	configAllowList,
	configReplyToRecord,
	connectWithin,
	createConnection,
	versionAtLeast,
} from '../redis/connection.js';

export interface PollTarget {
	readonly address: Address;
	readonly credentials: Credentials;
	readonly tls: boolean;
}

export interface PollerSettings {
	readonly timeoutMs: number;
	readonly intervalMs: number;
	readonly tls: TlsSettings;
	/** Full INFO (every section the checks read) this often; `INFO replication` on other ticks. */
	readonly heavyEveryMs?: number;
	readonly configEveryMs?: number;
	/** The name CONFIG has on a node (`--rename-command`). */
	readonly configName?: (address: Address) => string;
	readonly now?: () => number;
}

// Redis CPU per node per tick must stay under 12 µs on average. Measured on 7.0.15 (INFO commandstats):
// INFO replication ≈ 9 µs, the full section list ≈ 38 µs, the multi-parameter CONFIG GET ≈ 13 µs, so at a
// 1 s interval: 9 + 38/15 + 13/60 ≈ 11.8 µs with the full INFO every 15 s and CONFIG every 60 s.
const heavySections = ['server', 'clients', 'memory', 'persistence', 'stats', 'replication', 'cpu', 'commandstats', 'errorstats', 'cluster'];
const sentinelSections = ['server', 'clients', 'stats', 'cpu', 'sentinel'];
const maxBackoffMs = 5000;
// ioredis' words for a connection the server has closed under us (killed, restarted, CLIENT KILL).
const connectionLost = /Stream isn't writeable|Connection is closed|ECONNRESET|EPIPE|socket hang up/i;

interface NodeState {
	readonly target: PollTarget;
	client?: Redis;
	inFlight: boolean;
	failures: number;
	nextConnectAt: number;
	lastError?: NodeError;
	version?: string;
	sentinel?: boolean;
	fullInfo?: ParsedInfo;
	heavyAt?: number;
	config?: Record<string, string>;
	configAt?: number;
	configTriedAt?: number;
	configError?: NodeError;
	/** Checklist 5.1: does a connection without credentials get NOAUTH? Tested once per node. */
	authRequired?: boolean;
	authProbe?: boolean;
	closed: boolean;
}

function versionOf(info: ParsedInfo): string | undefined {
	return nodeView(info).version;
}

/**
 * Probes nodes: one pipelined round trip per node per tick, at most one probe of a node in flight,
 * reconnection with back-off instead of a retry storm.
 */
export class Poller {
	private readonly nodes = new Map<Address, NodeState>();
	private readonly now: () => number;

	constructor(private readonly settings: PollerSettings) {
		this.now = settings.now ?? Date.now;
	}

	add(target: PollTarget): boolean {
		if (this.nodes.has(target.address)) return false;
		this.nodes.set(target.address, {target, inFlight: false, failures: 0, nextConnectAt: 0, closed: false});
		return true;
	}

	get size(): number {
		return this.nodes.size;
	}

	has(address: Address): boolean {
		return this.nodes.has(address);
	}

	target(address: Address): PollTarget | undefined {
		return this.nodes.get(address)?.target;
	}

	addresses(): Address[] {
		return [...this.nodes.keys()];
	}

	inFlight(address: Address): boolean {
		return this.nodes.get(address)?.inFlight ?? false;
	}

	remove(address: Address): void {
		const state = this.nodes.get(address);
		if (!state) return;
		state.closed = true;
		state.client?.disconnect();
		this.nodes.delete(address);
	}

	/** The next probe of these nodes (default: all) reads every INFO section and CONFIG again. */
	refresh(addresses?: readonly Address[]): void {
		for (const [address, state] of this.nodes) {
			if (addresses && !addresses.includes(address)) continue;
			state.heavyAt = undefined;
			state.configTriedAt = undefined;
		}
	}

	/** Runs extra commands on a node's open connection (CLUSTER SHARDS, …); undefined when it has none. */
	withClient<T>(address: Address, fn: (client: Redis) => Promise<T>): Promise<T> | undefined {
		const client = this.nodes.get(address)?.client;
		return client && client.status === 'ready' ? withinReplyLimit(client, () => fn(client)) : undefined;
	}

	/** Probes one node; undefined when a probe of it is still in flight (the caller keeps the last sample). */
	probe(address: Address): Promise<NodeSample> | undefined {
		const state = this.nodes.get(address);
		if (!state || state.inFlight || state.closed) return undefined;
		state.inFlight = true;
		return this.run(state).finally(() => {
			state.inFlight = false;
		});
	}

	async close(): Promise<void> {
		const clients: Redis[] = [];
		for (const state of this.nodes.values()) {
			state.closed = true;
			if (state.client) clients.push(state.client);
			state.client = undefined;
		}
		await Promise.all(clients.map(async c => {
			try {
				if (c.status === 'ready') await Promise.race([c.quit(), new Promise(r => setTimeout(r, 200))]);
			} catch {
				// closing anyway
			}
			c.disconnect();
		}));
	}

	private unreachable(state: NodeState, error: NodeError): NodeSample {
		return {address: state.target.address, at: this.now(), reachable: false, error};
	}

	private fail(state: NodeState, error: NodeError): NodeSample {
		state.client?.disconnect();
		state.client = undefined;
		state.failures++;
		state.lastError = error;
		state.nextConnectAt = this.now() + Math.min(this.settings.intervalMs * 2 ** (state.failures - 1), maxBackoffMs);
		return this.unreachable(state, error);
	}

	private async run(state: NodeState, retried = false): Promise<NodeSample> {
		const {timeoutMs} = this.settings;
		const reused = state.client !== undefined;
		if (state.client && state.client.status !== 'ready') {
			// The server closed the connection (killed, restarted, CLIENT KILL): start over.
			state.client.disconnect();
			state.client = undefined;
		}
		if (!state.client) {
			if (this.now() < state.nextConnectAt && state.lastError) return this.unreachable(state, state.lastError);
			let client: Redis;
			try {
				client = createConnection({address: state.target.address, credentials: state.target.credentials, tls: this.settings.tls, timeoutMs}, state.target.tls);
			} catch (error) {
				return this.fail(state, classifyError(error));
			}
			state.client = client;
			// A new connection may be a restarted server: read everything again.
			state.heavyAt = undefined;
			state.configTriedAt = undefined;
			try {
				await connectWithin(client, timeoutMs);
			} catch (error) {
				const nodeError = classifyError(error);
				return this.fail(state, state.target.tls ? nodeError : plainOnTlsHint(nodeError));
			}
			if (state.closed) {
				client.disconnect();
				return this.unreachable(state, {kind: 'other', message: 'closed'});
			}
		}
		const client = state.client;
		const now = this.now();
		const heavy = state.heavyAt === undefined || now - state.heavyAt >= (this.settings.heavyEveryMs ?? 15_000);
		const wantConfig = !state.sentinel && (state.configTriedAt === undefined || now - state.configTriedAt >= (this.settings.configEveryMs ?? 60_000));
		const modern = versionAtLeast(state.version, 7);
		const pipeline = client.pipeline();
		let infoCalls = 1;
		if (heavy) {
			const sections = state.sentinel ? sentinelSections : state.version === undefined ? [...heavySections, 'sentinel'] : heavySections;
			if (modern) pipeline.info(...sections);
			else {
				for (const s of sections) pipeline.info(s);
				infoCalls = sections.length;
			}
		} else {
			pipeline.info(state.sentinel ? 'sentinel' : 'replication');
		}
		const configName = this.settings.configName?.(state.target.address) ?? 'CONFIG';
		let configCalls = 0;
		if (wantConfig) {
			if (modern) {
				pipeline.call(configName, 'GET', ...configAllowList);
				configCalls = 1;
			} else {
				for (const p of configAllowList) pipeline.call(configName, 'GET', p);
				configCalls = configAllowList.length;
			}
		}
		const sentAt = performance.now();
		let results: [Error | null, unknown][];
		let timer: NodeJS.Timeout | undefined;
		try {
			results = (await Promise.race([
				withinReplyLimit(client, () => pipeline.exec()),
				new Promise<never>((_, reject) => {
					timer = setTimeout(() => reject(Object.assign(new Error('Command timed out'), {code: 'ETIMEDOUT'})), timeoutMs + 100);
				}),
			])) as [Error | null, unknown][];
		} catch (error) {
			clearTimeout(timer);
			const nodeError = classifyError(error);
			// A connection the server dropped (restart, kill, CLIENT KILL): one fresh attempt tells why, or recovers.
			if (reused && !retried && nodeError.kind !== 'timeout' && nodeError.kind !== 'too-large' && !state.closed) {
				state.client?.disconnect();
				state.client = undefined;
				return this.run(state, true);
			}
			return this.fail(state, nodeError);
		} finally {
			clearTimeout(timer);
		}
		const rttMs = Math.round((performance.now() - sentAt) * 100) / 100;
		const at = this.now();
		const infoResults = results.slice(0, infoCalls);
		const infoError = infoResults.find(r => r[0])?.[0];
		if (infoError) {
			const error = classifyError(infoError);
			// A dropped connection surfaces here too: reconnect with back-off.
			if (error.kind === 'timeout' || error.kind === 'refused' || client.status !== 'ready' || connectionLost.test(infoError.message)) {
				if (reused && !retried && error.kind !== 'timeout' && !state.closed) {
					client.disconnect();
					state.client = undefined;
					return this.run(state, true);
				}
				return this.fail(state, error);
			}
			state.failures = 0;
			state.lastError = error;
			return {address: state.target.address, at, rttMs, reachable: false, error};
		}
		const parsed = parseInfo(joinInfoTexts(infoResults.map(r => r[1])));
		if (parsed.tooManyFields) return this.fail(state, {kind: 'too-large', message: `reply too large (INFO with more than ${maxInfoFields} fields): not read`});
		const info = heavy ? parsed : mergeInfo(state.fullInfo, parsed);
		if (heavy) {
			state.fullInfo = parsed;
			state.heavyAt = at;
			state.version = versionOf(parsed) ?? state.version;
			state.sentinel = nodeView(parsed).mode === 'sentinel';
		} else {
			state.fullInfo = info;
		}
		if (wantConfig) {
			state.configTriedAt = now;
			const configResults = results.slice(infoCalls, infoCalls + configCalls);
			const configError = configResults.find(r => r[0])?.[0];
			if (configError && !state.sentinel) {
				state.configError = classifyError(configError);
			} else if (!state.sentinel) {
				const config: Record<string, string> = {};
				for (const [, reply] of configResults) configReplyToRecord(reply, config);
				state.config = config;
				state.configAt = at;
				state.configError = undefined;
			}
		}
		state.failures = 0;
		state.lastError = undefined;
		if (!state.sentinel && !state.authProbe) this.probeAuth(state);
		return {
			address: state.target.address,
			at,
			rttMs,
			reachable: true,
			info,
			...(state.config ? {config: state.config, configAt: state.configAt} : {}),
			...(state.configError ? {configError: state.configError} : {}),
			...(state.authRequired === undefined ? {} : {authRequired: state.authRequired}),
		};
	}

	/** We connected with credentials: would a client without them be let in? (A PING on a separate, short-lived connection.) */
	private probeAuth(state: NodeState): void {
		state.authProbe = true;
		if (!state.target.credentials.password) {
			state.authRequired = false;
			return;
		}
		const anonymous = createConnection({address: state.target.address, credentials: {}, tls: this.settings.tls, timeoutMs: this.settings.timeoutMs}, state.target.tls);
		void connectWithin(anonymous, this.settings.timeoutMs)
			.then(() => anonymous.ping())
			.then(() => {
				state.authRequired = false;
			}, (error: unknown) => {
				const kind = classifyError(error).kind;
				if (kind === 'noauth' || kind === 'wrongpass') state.authRequired = true;
				else state.authProbe = false; // try again later
			})
			.finally(() => anonymous.disconnect());
	}
}
