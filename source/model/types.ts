// The shared vocabulary of replwatch. Everything downstream of the poller speaks these types;
// a check never knows whether a person is watching.

/** `host:port`, the identity of a node everywhere (IPv6 hosts are written in brackets: `[::1]:6379`). */
export type Address = string;

export type Role = 'master' | 'replica' | 'sentinel' | 'unknown';
export type Product = 'redis' | 'valkey';

/** One `slaveN:` line of a node's INFO replication, parsed as a map (spec A.4). */
export interface ReplicaLine {
	readonly index: number; // N of slaveN
	readonly ip: string;
	readonly port: number; // 0 = a SYNC client such as `redis-cli --rdb`, not a replica
	readonly state: string; // wait_bgsave | send_bulk | online | bg_transfer | …
	readonly offset: number; // last ACKed offset
	readonly lag: number; // seconds since last ACK (liveness, not freshness)
	readonly fields: Readonly<Record<string, string>>; // every key=value, unknown ones kept
}

/** One replica a leader's ROLE lists: only `online` ones are listed. */
export interface RoleReplica {
	readonly ip: string;
	readonly port: number;
	/** The offset it last acknowledged (REPLCONF ACK, once a second). */
	readonly ackOffset: number;
}

/**
 * The offsets of a ROLE reply read on a tick where ROLE stands in for `INFO replication`
 * (source/redis/role-info.ts): newer than the replication section's text, which stays as INFO last
 * printed it. NodeView takes these over the text's numbers.
 */
export type RoleOffsets =
	/** `offset` is the leader's own (master_repl_offset); each listed replica's acked offset. */
	| {readonly role: 'master'; readonly offset: number; readonly replicas: readonly RoleReplica[]}
	/** `offset` is what the follower applied (and received: equal while ROLE stands in). */
	| {readonly role: 'replica'; readonly offset: number};

export interface CommandStat {
	readonly calls: number;
	readonly usec: number;
	readonly rejectedCalls?: number; // 6.2+
	readonly failedCalls?: number; // 6.2+
}

/** A parsed INFO reply. Total: never throws, keeps unknown fields. */
export interface ParsedInfo {
	/** Every `name:value` field of every section, flattened (names are unique across sections). */
	readonly fields: Readonly<Record<string, string>>;
	/** Section name (lower case, e.g. `replication`) → its fields. */
	readonly sections: Readonly<Record<string, Readonly<Record<string, string>>>>;
	readonly replicas: readonly ReplicaLine[];
	/** `cmdstat_<name>` → stats; names as the server prints them (`config|get` on 7.0+). */
	readonly commandstats: Readonly<Record<string, CommandStat>>;
	/** `errorstat_<CODE>` → count. */
	readonly errorstats: Readonly<Record<string, number>>;
	/** Set when the reply had more fields than parseInfo keeps (the node is then shown "reply too large"). */
	readonly tooManyFields?: true;
	/** `slaveN` lines beyond the ones kept (a hostile or enormous replica list). */
	readonly replicasOmitted?: number;
	/** Offsets read by ROLE after this reply's replication section was. */
	readonly roleOffsets?: RoleOffsets;
}

export type NodeErrorKind =
	| 'refused'
	| 'timeout'
	| 'noauth'
	| 'wrongpass'
	| 'noperm'
	| 'loading'
	| 'masterdown'
	| 'unknown-command'
	| 'tls'
	| 'dns'
	| 'too-large'
	| 'other';

export interface NodeError {
	readonly kind: NodeErrorKind;
	/** One line, control characters stripped, never containing a secret. */
	readonly message: string;
}

/** What one probe of one node returned. Stamped with the time the reply arrived. */
export interface NodeSample {
	readonly address: Address;
	readonly at: number; // ms since epoch
	readonly rttMs?: number;
	readonly reachable: boolean;
	readonly error?: NodeError;
	readonly info?: ParsedInfo;
	/** Allow-listed CONFIG GET values (canonical names), as of `configAt`. Never a secret. */
	readonly config?: Readonly<Record<string, string>>;
	readonly configAt?: number;
	/** Why config is missing or stale (NOPERM, renamed CONFIG, …). */
	readonly configError?: NodeError;
	/** A connection without credentials was refused with NOAUTH (checklist 5.1); absent when not tested. */
	readonly authRequired?: boolean;
}

export type LinkState = 'online' | 'wait_bgsave' | 'send_bulk' | 'bg_transfer' | 'connecting' | 'down' | string;

/** A leader → follower replication link, as measured (spec D.3). */
export interface Link {
	readonly leader: Address;
	readonly follower: Address;
	readonly state: LinkState;
	readonly linkStatus: 'up' | 'down';
	/** master_repl_offset − follower slave_repl_offset, clamped ≥ 0; null when unknown. */
	readonly lagBytes: number | null;
	/** slave_read_repl_offset − slave_repl_offset (6.2.6+), null when unknown. */
	readonly applyBacklogBytes: number | null;
	/** Seconds behind, from the leader's offset history (method 3b). */
	readonly lagSeconds: number | null;
	/** `lag` of the leader's slaveN line: seconds since the last ACK. */
	readonly ackAgeSeconds: number | null;
	/** Full sync progress 0–100 while syncing. */
	readonly syncPercent?: number;
	readonly syncInProgress?: boolean;
	readonly linkDownSinceSeconds?: number;
	/** The leader no longer lists the follower (it stopped answering past repl-timeout): lagBytes is at least this, from its last ack. */
	readonly sinceLastAck?: true;
	/** The link is part of a replication loop (A → B → A, or A → A): its lag is unknown, not 0. */
	readonly loop?: true;
	/** End-to-end lag measured by the opt-in heartbeat key (`--heartbeat`), ms; absent without a fresh reading. */
	readonly heartbeatMs?: number;
}

export interface TopologyNode {
	readonly address: Address;
	readonly sample: NodeSample;
	readonly role: Role;
	readonly product?: Product;
	readonly version?: string; // valkey_version when present, else redis_version
	readonly masterAddress?: Address; // for replicas
	readonly groupId: string;
	/** Where we learned of this node: `seed`, `replica-of <addr>`, `master-of <addr>`, `sentinel`, `cluster`. */
	readonly discoveredVia: string;
	readonly writeRateBytesPerSec?: number | null;
}

export interface Group {
	readonly id: string;
	readonly kind: 'replication' | 'shard';
	readonly leader?: Address;
	readonly members: readonly Address[]; // leader first, then followers in chain order
	readonly splitBrain: boolean;
	readonly masters: readonly Address[]; // > 1 means split brain
	readonly slots?: string; // cluster slot ranges, e.g. "0-5460"
	readonly name?: string; // sentinel master name
}

export interface SentinelView {
	readonly address: Address;
	readonly reachable: boolean;
	readonly error?: NodeError;
	readonly masterName: string;
	/** SENTINEL MASTER fields (flat), never sentinel passwords. */
	readonly master?: Readonly<Record<string, string>>;
	readonly replicas?: readonly Readonly<Record<string, string>>[];
	readonly sentinels?: readonly Readonly<Record<string, string>>[];
	readonly ckquorum?: string;
	readonly masterAddr?: Address;
	readonly tilt?: boolean;
}

export interface Topology {
	readonly at: number;
	readonly nodes: Readonly<Record<Address, TopologyNode>>;
	readonly links: readonly Link[];
	readonly groups: readonly Group[];
	readonly sentinels: readonly SentinelView[];
}

export type CheckStatus = 'pass' | 'warn' | 'fail' | 'info' | 'unknown';

export interface Evidence {
	readonly node: Address;
	readonly text: string;
}

export interface Remediation {
	readonly node: Address;
	/** The exact command, e.g. ["CONFIG","SET","repl-diskless-sync","yes"]. CONFIG is the logical name: renames apply at send time. */
	readonly command: readonly string[];
	readonly current: string;
	readonly proposed: string;
	readonly risk: 'low' | 'high';
	readonly note?: string;
	/** The CONFIG parameter (or SENTINEL SET option) it changes; used for read-back. */
	readonly parameter?: string;
	/** The proposed value is a secret: ask for it masked, never show or log it. */
	readonly secret?: boolean;
	/** The same change belongs to one fix applied node by node (e.g. master and all replicas). */
	readonly fixId?: string;
}

export interface CheckResult {
	readonly id: string;
	readonly section: string;
	readonly title: string;
	readonly status: CheckStatus;
	readonly summary: string;
	readonly evidence: readonly Evidence[];
	readonly recommendation?: string;
	readonly remediations: readonly Remediation[];
}

export interface TimelineEvent {
	readonly at: number;
	readonly node: Address;
	readonly kind: string;
	readonly text: string;
}
