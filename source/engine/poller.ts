import type {Redis} from 'ioredis';
import {nodeView} from '../model/node-view.js';
import type {Address, NodeError, NodeSample, ParsedInfo} from '../model/types.js';
import type {TlsSettings} from '../redis/settings.js';
import {maxInfoFields, parseInfo} from '../redis/parse-info.js';
import {withinReplyLimit} from '../redis/reply-bound.js';
import {mergeInfo, joinInfoTexts} from '../redis/merge-info.js';
import {classifyError, plainOnTlsHint, connectWithin, createConnection} from '../redis/connection.js';
import {parseRole} from '../redis/role.js';
import {roleDiffers, withRoleOffsets} from '../redis/role-info.js';
import {forgetReadings, newNodeState, type NodeState, type Offsets, type PollTarget} from './node-state.js';
import {configDue, heavyDue, keepOffsets, slowDue, replicationReason, stoppedOffset, type CadenceSettings} from './probe-cadence.js';
import {configGets, heavyInfo, keepConfig, leaderOf, lightInfo, offsetsOfInfo, offsetsOfRole} from './readings.js';
import {roundTrip, type Reply} from './round-trip.js';
import {probeAuth} from './auth-probe.js';

export type {PollTarget} from './node-state.js';

export interface PollerSettings extends CadenceSettings {
	readonly timeoutMs: number;
	readonly tls: TlsSettings;
	/** The name CONFIG has on a node (`--rename-command`). */
	readonly configName?: (address: Address) => string;
	/** The name ROLE has on a node (`--rename-command`). */
	readonly roleName?: (address: Address) => string;
	readonly now?: () => number;
}

const maxBackoffMs = 5000;
const silentKinds: ReadonlySet<NodeError['kind']> = new Set(['refused', 'timeout', 'other']);
// ioredis' words for a connection the server has closed under us (killed, restarted, CLIENT KILL).
const connectionLost = /Stream isn't writeable|Connection is closed|ECONNRESET|EPIPE|socket hang up/i;

/** A reading that failed: retry once on a fresh connection, or report the node. */
class Failed {
	constructor(readonly error: unknown, readonly reply: boolean) {}
}

/**
 * Probes nodes: ROLE every tick, the INFO sections on their own cadences (probe-cadence.ts), one
 * pipelined round trip per node per tick (two when ROLE reveals a change), at most one probe of a
 * node in flight, a silent node retried once a tick (never a retry storm), back-off for errors a retry cannot fix.
 */
export class Poller {
	private readonly nodes = new Map<Address, NodeState>();
	private readonly now: () => number;

	constructor(private readonly settings: PollerSettings) {
		this.now = settings.now ?? Date.now;
	}

	add(target: PollTarget): boolean {
		if (this.nodes.has(target.address)) return false;
		this.nodes.set(target.address, newNodeState(target));
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
			state.slowAt = undefined;
			state.configTriedAt = undefined;
			state.replicationAt = undefined;
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
		state.startedAt = this.now();
		return this.run(state).then(sample => {
			state.reachable = sample.reachable;
			return sample;
		}).finally(() => {
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
		// A node gone silent (refused, timed out, dropped) is tried again at the next tick: one connection
		// attempt a tick costs a dead or stopped server nothing, and its recovery shows at once instead of
		// up to 5 s late. What a retry cannot fix soon (auth, TLS, a reply too large) backs off.
		state.nextConnectAt = silentKinds.has(error.kind) ? 0 : this.now() + Math.min(this.settings.intervalMs * 2 ** (state.failures - 1), maxBackoffMs);
		return this.unreachable(state, error);
	}

	/** The node's open connection, or the sample saying why there is none. */
	private async connect(state: NodeState): Promise<Redis | NodeSample> {
		const {timeoutMs} = this.settings;
		if (state.client && state.client.status !== 'ready') {
			// The server closed the connection (killed, restarted, CLIENT KILL): start over.
			state.client.disconnect();
			state.client = undefined;
		}
		if (state.client) return state.client;
		if (this.now() < state.nextConnectAt && state.lastError) return this.unreachable(state, state.lastError);
		let client: Redis;
		try {
			client = createConnection({address: state.target.address, credentials: state.target.credentials, tls: this.settings.tls, timeoutMs}, state.target.tls);
		} catch (error) {
			return this.fail(state, classifyError(error));
		}
		state.client = client;
		forgetReadings(state);
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
		return client;
	}

	/** Sends commands; a lost connection or a timeout throws Failed, error replies stay in their slots. */
	private async send(client: Redis, commands: readonly (readonly string[])[]): Promise<Reply[]> {
		try {
			return await roundTrip(client, commands, this.settings.timeoutMs);
		} catch (error) {
			throw new Failed(error, false);
		}
	}

	/** The INFO replies of a round trip, parsed; throws Failed on an error reply. */
	private parsedInfo(replies: readonly Reply[]): ParsedInfo {
		const error = replies.find(r => r[0])?.[0];
		if (error) throw new Failed(error, true);
		return parseInfo(joinInfoTexts(replies.map(r => r[1])));
	}

	private async run(state: NodeState, retried = false): Promise<NodeSample> {
		const reused = state.client !== undefined;
		const connected = await this.connect(state);
		if (!('status' in connected)) return connected;
		const client = connected;
		try {
			return await this.read(state, client);
		} catch (caught) {
			if (!(caught instanceof Failed)) throw caught;
			const error = classifyError(caught.error);
			const lost = !caught.reply || error.kind === 'timeout' || error.kind === 'refused' || client.status !== 'ready' || connectionLost.test(error.message);
			if (!lost) {
				// An error reply on a live connection (NOPERM, LOADING, …): the node answers, but not what we need.
				state.failures = 0;
				state.lastError = error;
				return {address: state.target.address, at: this.now(), reachable: false, error};
			}
			// A connection the server dropped (restart, kill, CLIENT KILL): one fresh attempt tells why, or recovers.
			if (reused && !retried && error.kind !== 'timeout' && error.kind !== 'too-large' && !state.closed) {
				client.disconnect();
				state.client = undefined;
				return this.run(state, true);
			}
			return this.fail(state, error);
		}
	}

	private async read(state: NodeState, client: Redis): Promise<NodeSample> {
		const s = this.settings;
		const address = state.target.address;
		const now = this.now();
		const heavy = heavyDue(state, now, s);
		const slow = heavy && slowDue(state, now, s);
		const wantConfig = configDue(state, now, s);
		const roleName = s.roleName?.(address) ?? 'ROLE';
		if (roleName === '') state.roleless = true;
		const useRole = !heavy && replicationReason(state, now, s, a => this.nodes.get(a)) === undefined;
		const first = heavy ? heavyInfo(state, slow) : useRole ? [[roleName]] : lightInfo(state);
		const configName = s.configName?.(address) ?? 'CONFIG';
		const configCommands = wantConfig ? configGets(state, configName) : [];
		const sentAt = performance.now();
		const replies = await this.send(client, [...first, ...configCommands]);
		const rttMs = Math.round((performance.now() - sentAt) * 100) / 100;
		const at = this.now();
		let light: ParsedInfo | undefined;
		let offsets: Offsets | undefined;
		let fromRole = false;
		if (useRole) {
			const [roleError, roleReply] = replies[0]!;
			if (roleError && (client.status !== 'ready' || connectionLost.test(roleError.message) || ['timeout', 'refused'].includes(classifyError(roleError).kind))) throw new Failed(roleError, true);
			const role = roleError ? undefined : parseRole(roleReply);
			// ROLE renamed, disabled or denied (or not understood): INFO replication from now on.
			if (!role || role.role === 'unknown' || role.role === 'sentinel') state.roleless = true;
			offsets = role && offsetsOfRole(role, at);
			const leader = role && leaderOf(role);
			const stopped = offsets !== undefined && stoppedOffset(state.offsets, offsets, leader === undefined ? undefined : this.nodes.get(leader)?.latestOffsets?.own, leader !== undefined);
			if (role && !state.roleless && !stopped && roleDiffers(role, state.fullInfo!) === undefined) {
				light = withRoleOffsets(role, state.fullInfo!);
				fromRole = true;
			} else {
				// A change ROLE reveals: read INFO replication now, on a second round trip.
				light = this.parsedInfo(await this.send(client, lightInfo(state)));
			}
		}
		const parsed = light ?? this.parsedInfo(replies.slice(0, first.length));
		if (parsed.tooManyFields) return this.fail(state, {kind: 'too-large', message: `reply too large (INFO with more than ${maxInfoFields} fields): not read`});
		const info = slow || fromRole ? parsed : mergeInfo(state.fullInfo, parsed);
		state.fullInfo = info;
		if (heavy) state.heavyAt = at;
		if (slow) {
			state.slowAt = at;
			state.version = nodeView(parsed).version ?? state.version;
			state.sentinel = nodeView(parsed).mode === 'sentinel';
		}
		if (!fromRole && parsed.sections.replication) state.replicationAt = at;
		keepOffsets(state, offsets ?? offsetsOfInfo(info, at));
		if (wantConfig) keepConfig(state, replies.slice(first.length), now, at);
		state.failures = 0;
		state.lastError = undefined;
		if (!state.sentinel && !state.authProbe) probeAuth(state, s.tls, s.timeoutMs);
		return {
			address,
			at,
			rttMs,
			reachable: true,
			info,
			...(state.config ? {config: state.config, configAt: state.configAt} : {}),
			...(state.configError ? {configError: state.configError} : {}),
			...(state.authRequired === undefined ? {} : {authRequired: state.authRequired}),
		};
	}
}
