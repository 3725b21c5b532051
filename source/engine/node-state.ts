import type {Redis} from 'ioredis';
import type {Address, NodeError, ParsedInfo} from '../model/types.js';
import type {Credentials} from '../redis/settings.js';

export interface PollTarget {
	readonly address: Address;
	readonly credentials: Credentials;
	readonly tls: boolean;
}

export interface Offsets {
	readonly at: number;
	readonly own: number;
	readonly acks: ReadonlyMap<Address, number>;
}

/** What the poller keeps of one node between probes. */
export interface NodeState {
	readonly target: PollTarget;
	client?: Redis;
	inFlight: boolean;
	/** When the probe in flight started (a neighbour in trouble makes a node read INFO replication). */
	startedAt?: number;
	/** The last probe's outcome; undefined before the first one. */
	reachable?: boolean;
	failures: number;
	nextConnectAt: number;
	lastError?: NodeError;
	version?: string;
	sentinel?: boolean;
	/** Every field read so far: the last full INFO with lighter readings (or ROLE) laid over it. */
	fullInfo?: ParsedInfo;
	/** When the counters (with replication) were last read, and the slow sections (probe-cadence.ts). */
	heavyAt?: number;
	slowAt?: number;
	/** When `INFO replication` (or the full INFO, which holds it) was last read. */
	replicationAt?: number;
	/** ROLE is renamed, disabled or denied here: `INFO replication` every tick instead. */
	roleless?: boolean;
	/** Offsets of a reading (the node's own, each listed replica's acked one), kept as the baseline for a second. */
	offsets?: Offsets;
	/** The newest reading's offsets. */
	latestOffsets?: Offsets;
	config?: Record<string, string>;
	configAt?: number;
	configTriedAt?: number;
	configError?: NodeError;
	/** Checklist 5.1: does a connection without credentials get NOAUTH? Tested once per node. */
	authRequired?: boolean;
	authProbe?: boolean;
	closed: boolean;
}

export function newNodeState(target: PollTarget): NodeState {
	return {target, inFlight: false, failures: 0, nextConnectAt: 0, closed: false};
}

/** A new connection may be a restarted server: read everything again. */
export function forgetReadings(state: NodeState): void {
	state.heavyAt = undefined;
	state.slowAt = undefined;
	state.configTriedAt = undefined;
	state.replicationAt = undefined;
	state.roleless = undefined;
}
