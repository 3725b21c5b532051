import type {ParsedInfo, Product, ReplicaLine, RoleReplica} from './types.js';
import {sanitize} from './sanitize.js';

/**
 * The one reader of raw INFO field names. Every version and product spells some fields its own way
 * (Valkey: `server_mode`, `primary_*`, `replicas_*`; Redis 5–8: `redis_mode`, `slave_*`); the rest
 * of replwatch reads a NodeView, so a new spelling is one line in `aliases` below.
 */

/** Canonical name → other spellings servers print, tried in order after the canonical one. */
const aliases: Readonly<Record<string, readonly string[]>> = {
	redis_mode: ['server_mode'],
	master_host: ['primary_host'],
	master_port: ['primary_port'],
	master_link_status: ['primary_link_status'],
	master_last_io_seconds_ago: ['primary_last_io_seconds_ago'],
	master_sync_in_progress: ['primary_sync_in_progress'],
	master_sync_perc: ['primary_sync_perc'],
	master_link_down_since_seconds: ['primary_link_down_since_seconds'],
	master_replid: ['primary_replid', 'replid'],
	master_replid2: ['primary_replid2', 'replid2'],
	master_repl_offset: ['primary_repl_offset'],
	slave_repl_offset: ['replica_repl_offset'],
	slave_read_repl_offset: ['replica_read_repl_offset'],
	slave_read_only: ['replica_read_only'],
	slave_priority: ['replica_priority'],
	connected_slaves: ['connected_replicas'],
	master_failover_state: ['primary_failover_state'],
};

/** A field by its canonical (Redis 7) name or any alias. */
export function rawField(info: ParsedInfo | undefined, name: string): string | undefined {
	if (!info) return undefined;
	const direct = info.fields[name];
	if (direct !== undefined) return direct;
	for (const alias of aliases[name] ?? []) {
		const v = info.fields[alias];
		if (v !== undefined) return v;
	}
	return undefined;
}

/** A numeric field (canonical name or alias), undefined when absent or not a number. */
export function rawNumber(info: ParsedInfo | undefined, name: string): number | undefined {
	const value = rawField(info, name);
	if (value === undefined || value === '') return undefined;
	const n = Number(value);
	return Number.isFinite(n) ? n : undefined;
}

/** One replica of a leader. Valkey's dual-channel sync lists a replica twice (rdb-channel and main-channel): merged here. */
export interface ReplicaView extends ReplicaLine {
	/** The replica is in a dual-channel full sync (Valkey 8 `dual-channel-replication-enabled yes`). */
	readonly dualChannel?: {readonly rdbState?: string; readonly mainState?: string};
}

export interface Backlog {
	readonly active?: boolean;
	readonly size?: number;
	readonly firstByteOffset?: number;
	readonly histlen?: number;
}

/** MEMORY section, in bytes. */
export interface Memory {
	readonly used?: number;
	readonly rss?: number;
	readonly max?: number; // maxmemory: 0 = no limit
	readonly system?: number; // total_system_memory
	readonly replicaClients?: number; // mem_clients_slaves: output buffers of attached replicas
	readonly replicationBuffers?: number; // mem_total_replication_buffers (7.0+)
}

/** PERSISTENCE section (and latest_fork_usec from STATS). */
export interface Persistence {
	readonly aofEnabled?: boolean;
	readonly rdbSaveInProgress: boolean;
	readonly aofRewriteInProgress: boolean;
	readonly latestForkUsec?: number;
	readonly rdbLastSaveSeconds?: number; // rdb_last_bgsave_time_sec
	/** `ok` / `err` as printed, by INFO name (absent fields left out). */
	readonly statuses: readonly (readonly [name: string, value: string])[];
}

/** Resync counters of a leader (STATS), since the server started. */
export interface Resyncs {
	readonly full?: number;
	readonly partialOk?: number;
	readonly partialErr?: number;
}

/** Replication client limits hit (STATS). */
export interface BufferLimits {
	readonly outputDisconnections?: number; // client_output_buffer_limit_disconnections
	readonly queryDisconnections?: number; // client_query_buffer_limit_disconnections (7.4+)
	readonly outputReplKbps?: number; // instantaneous_output_repl_kbps
}

export interface NodeView {
	readonly role: 'master' | 'replica' | 'sentinel' | 'unknown';
	/** `role:` as the server printed it (for evidence when it is not understood). */
	readonly roleText?: string;
	readonly mode?: string; // standalone | sentinel | cluster
	readonly product: Product;
	readonly version?: string; // valkey_version on Valkey, else redis_version
	/** redis_version: the command set (Valkey 8 keeps 7.2.4 here for clients). */
	readonly redisVersion?: string;
	readonly runId?: string;
	readonly uptimeSeconds?: number;
	readonly loading: boolean;
	readonly clusterEnabled: boolean;
	/** `config_file:` — '' when the server runs without one (CONFIG REWRITE then fails). Undefined when not reported. */
	readonly configFile?: string;
	readonly processSupervised?: string; // 5.0 and older do not report it
	readonly availabilityZone?: string; // Valkey 8
	readonly totalCommandsProcessed?: number;
	/** used_cpu_sys + used_cpu_user, seconds since start; undefined unless both are reported. */
	readonly cpuSeconds?: number;
	readonly aclDeniedAuth?: number; // acl_access_denied_auth (7.2+)
	readonly memory: Memory;
	readonly persistence: Persistence;
	readonly resyncs: Resyncs;
	readonly bufferLimits: BufferLimits;
	// replica side
	readonly masterHost?: string;
	readonly masterPort?: number;
	readonly linkStatus?: 'up' | 'down';
	readonly syncInProgress: boolean;
	readonly syncPercent?: number;
	readonly lastIoSeconds?: number;
	readonly linkDownSinceSeconds?: number;
	readonly appliedOffset?: number; // slave_repl_offset
	readonly readOffset?: number; // slave_read_repl_offset (6.2.6+)
	readonly readOnly?: boolean;
	readonly priority?: number; // slave_priority / replica_priority
	/** Valkey dual-channel: the replication stream buffered on the replica while the RDB loads. */
	readonly replicaBuffer?: {readonly size: number; readonly peak?: number};
	// leader side (every node has these)
	readonly masterReplOffset?: number;
	readonly replid?: string;
	readonly replid2?: string;
	readonly secondReplOffset?: number;
	readonly backlog: Backlog;
	readonly connectedReplicas?: number;
	readonly goodReplicas?: number; // min_slaves_good_slaves
	readonly replicasWaitingPsync?: number;
	readonly replicas: readonly ReplicaView[];
	/** `master_failover_state` while a FAILOVER command runs (`waiting-for-sync`, `failover-in-progress`); undefined at `no-failover` or before 6.2. */
	readonly failoverState?: string;
}

function mergeChannels(lines: readonly ReplicaLine[]): readonly ReplicaView[] {
	// Nothing to merge (no dual-channel line): the reply's own list, not a copy per view.
	if (!lines.some(l => l.fields.type === 'rdb-channel' || l.fields.type === 'main-channel')) return lines;
	const out: ReplicaView[] = [];
	const byKey = new Map<string, number>();
	for (const line of lines) {
		const type = line.fields.type;
		if (type !== 'rdb-channel' && type !== 'main-channel') {
			out.push(line);
			continue;
		}
		const key = `${line.ip}:${line.port}`;
		const at = byKey.get(key);
		const prev = at === undefined ? undefined : out[at]!;
		const rdbState = type === 'rdb-channel' ? line.state : prev?.dualChannel?.rdbState;
		const mainState = type === 'main-channel' ? line.state : prev?.dualChannel?.mainState;
		// The main channel carries the replication stream: its state and offset are the link's.
		const base = type === 'main-channel' || !prev ? line : prev;
		const merged: ReplicaView = {...base, state: mainState ?? rdbState ?? line.state, dualChannel: {...(rdbState ? {rdbState} : {}), ...(mainState ? {mainState} : {})}};
		if (at === undefined) {
			byKey.set(key, out.length);
			out.push(merged);
		} else out[at] = merged;
	}
	return out;
}

const ackKey = (ip: string, port: number) => `${ip}\u0000${port}`;

/** The replica lines with the acked offsets a later ROLE reply listed (a line ROLE does not list keeps its own). */
function withAcks(lines: readonly ReplicaLine[], acks: readonly RoleReplica[]): readonly ReplicaLine[] {
	const byKey = new Map(acks.map(r => [ackKey(r.ip, r.port), r.ackOffset]));
	let changed = false;
	const out = lines.map(line => {
		const ack = byKey.get(ackKey(line.ip, line.port));
		if (ack === undefined || ack === line.offset) return line;
		changed = true;
		return {...line, offset: ack};
	});
	return changed ? out : lines;
}

/**
 * One class, every property assigned (undefined when absent): the checks read these fields at ~1000
 * nodes each tick, and views of one hidden class keep those reads monomorphic. A view is built for
 * every new reply (each tick per node); its section groups are small plain objects.
 */
class InfoView implements NodeView {
	readonly role: NodeView['role'];
	readonly roleText: string | undefined;
	readonly mode: string | undefined;
	readonly product: Product;
	readonly version: string | undefined;
	readonly redisVersion: string | undefined;
	readonly runId: string | undefined;
	readonly uptimeSeconds: number | undefined;
	readonly loading: boolean;
	readonly clusterEnabled: boolean;
	readonly configFile: string | undefined;
	readonly processSupervised: string | undefined;
	readonly availabilityZone: string | undefined;
	readonly totalCommandsProcessed: number | undefined;
	readonly cpuSeconds: number | undefined;
	readonly aclDeniedAuth: number | undefined;
	readonly memory: Memory;
	readonly persistence: Persistence;
	readonly resyncs: Resyncs;
	readonly bufferLimits: BufferLimits;
	readonly masterHost: string | undefined;
	readonly masterPort: number | undefined;
	readonly linkStatus: 'up' | 'down' | undefined;
	readonly syncInProgress: boolean;
	readonly syncPercent: number | undefined;
	readonly lastIoSeconds: number | undefined;
	readonly linkDownSinceSeconds: number | undefined;
	readonly appliedOffset: number | undefined;
	readonly readOffset: number | undefined;
	readonly readOnly: boolean | undefined;
	readonly priority: number | undefined;
	readonly replicaBuffer: {readonly size: number; readonly peak?: number} | undefined;
	readonly masterReplOffset: number | undefined;
	readonly replid: string | undefined;
	readonly replid2: string | undefined;
	readonly secondReplOffset: number | undefined;
	readonly backlog: Backlog;
	readonly connectedReplicas: number | undefined;
	readonly goodReplicas: number | undefined;
	readonly replicasWaitingPsync: number | undefined;
	readonly replicas: readonly ReplicaView[];
	readonly failoverState: string | undefined;

	constructor(info: ParsedInfo) {
		const f = (name: string) => rawField(info, name);
		const n = (name: string) => rawNumber(info, name);
		const mode = f('redis_mode');
		const rawRole = f('role');
		const role = mode === 'sentinel' ? 'sentinel' : rawRole === 'master' || rawRole === 'primary' ? 'master' : rawRole === 'slave' || rawRole === 'replica' ? 'replica' : 'unknown';
		const replica = role === 'replica';
		const valkey = info.fields.valkey_version;
		const link = f('master_link_status');
		const readOnly = f('slave_read_only');
		const bufferSize = n('replicas_repl_buffer_size');
		// ROLE read after the replication section: its offsets are the newer ones.
		const fromRole = info.roleOffsets;
		const followerRole = fromRole?.role === 'replica' ? fromRole : undefined;
		const backlogActive = n('repl_backlog_active');
		this.role = role;
		this.roleText = rawRole;
		this.mode = mode;
		this.product = valkey !== undefined || info.fields.server_name === 'valkey' ? 'valkey' : 'redis';
		this.version = sanitize(valkey ?? info.fields.redis_version ?? '') || undefined;
		this.redisVersion = info.fields.redis_version;
		this.runId = f('run_id');
		this.uptimeSeconds = n('uptime_in_seconds');
		this.loading = f('loading') === '1';
		this.clusterEnabled = f('cluster_enabled') === '1';
		this.configFile = f('config_file');
		this.processSupervised = f('process_supervised');
		this.availabilityZone = f('availability_zone');
		this.totalCommandsProcessed = n('total_commands_processed');
		const cpuSys = n('used_cpu_sys');
		const cpuUser = n('used_cpu_user');
		this.cpuSeconds = cpuSys === undefined || cpuUser === undefined ? undefined : cpuSys + cpuUser;
		this.aclDeniedAuth = n('acl_access_denied_auth');
		this.memory = {
			used: n('used_memory'),
			rss: n('used_memory_rss'),
			max: n('maxmemory'),
			system: n('total_system_memory'),
			replicaClients: n('mem_clients_slaves'),
			replicationBuffers: n('mem_total_replication_buffers'),
		};
		const aof = f('aof_enabled');
		this.persistence = {
			aofEnabled: aof === undefined ? undefined : aof === '1',
			rdbSaveInProgress: f('rdb_bgsave_in_progress') === '1',
			aofRewriteInProgress: f('aof_rewrite_in_progress') === '1',
			latestForkUsec: n('latest_fork_usec'),
			rdbLastSaveSeconds: n('rdb_last_bgsave_time_sec'),
			statuses: persistenceStatuses(info),
		};
		this.resyncs = {full: n('sync_full'), partialOk: n('sync_partial_ok'), partialErr: n('sync_partial_err')};
		this.bufferLimits = {
			outputDisconnections: n('client_output_buffer_limit_disconnections'),
			queryDisconnections: n('client_query_buffer_limit_disconnections'),
			outputReplKbps: n('instantaneous_output_repl_kbps'),
		};
		this.masterHost = replica ? f('master_host') : undefined;
		this.masterPort = replica ? n('master_port') : undefined;
		this.linkStatus = replica && link !== undefined ? (link === 'up' ? 'up' : 'down') : undefined;
		this.syncInProgress = replica && f('master_sync_in_progress') === '1';
		this.syncPercent = n('master_sync_perc');
		this.lastIoSeconds = n('master_last_io_seconds_ago');
		this.linkDownSinceSeconds = n('master_link_down_since_seconds');
		this.appliedOffset = replica ? followerRole?.offset ?? n('slave_repl_offset') : undefined;
		const readOffset = replica ? n('slave_read_repl_offset') : undefined;
		// Received and applied were equal at the last reading (else INFO replication is read every tick).
		this.readOffset = readOffset !== undefined && followerRole ? followerRole.offset : readOffset;
		this.readOnly = readOnly === undefined ? undefined : readOnly === '1';
		this.priority = n('slave_priority');
		if (bufferSize === undefined) this.replicaBuffer = undefined;
		else {
			const peak = n('replicas_repl_buffer_peak');
			this.replicaBuffer = peak === undefined ? {size: bufferSize} : {size: bufferSize, peak};
		}
		this.masterReplOffset = fromRole?.offset ?? n('master_repl_offset');
		this.replid = f('master_replid');
		this.replid2 = f('master_replid2');
		this.secondReplOffset = n('second_repl_offset');
		this.backlog = {
			active: backlogActive === undefined ? undefined : backlogActive === 1,
			size: n('repl_backlog_size'),
			firstByteOffset: n('repl_backlog_first_byte_offset'),
			histlen: n('repl_backlog_histlen'),
		};
		this.connectedReplicas = n('connected_slaves');
		this.goodReplicas = n('min_slaves_good_slaves');
		this.replicasWaitingPsync = n('replicas_waiting_psync');
		this.replicas = mergeChannels(fromRole?.role === 'master' ? withAcks(info.replicas, fromRole.replicas) : info.replicas);
		const failover = f('master_failover_state');
		this.failoverState = failover === undefined || failover === '' || failover === 'no-failover' ? undefined : sanitize(failover);
	}
}

const statusFields = ['rdb_last_bgsave_status', 'aof_last_write_status', 'aof_last_bgrewrite_status'] as const;
const noStatuses: Persistence['statuses'] = [];

function persistenceStatuses(info: ParsedInfo): Persistence['statuses'] {
	let out: [string, string][] | undefined;
	for (const name of statusFields) {
		const v = info.fields[name];
		if (v !== undefined) (out ??= []).push([name, v]);
	}
	return out ?? noStatuses;
}

const cache = new WeakMap<ParsedInfo, NodeView>();

/** The normalised view of one INFO reply, computed once per reply. */
export function nodeView(info: ParsedInfo): NodeView {
	let view = cache.get(info);
	if (!view) {
		view = new InfoView(info);
		cache.set(info, view);
	}
	return view;
}

/**
 * The replication section as text to show (node detail): as INFO printed it, with the offsets a later
 * ROLE read (ParsedInfo.roleOffsets) in place of the older ones, under whichever spelling the server uses.
 */
export function replicationFields(info: ParsedInfo): Readonly<Record<string, string>> | undefined {
	const section = info.sections.replication;
	const o = info.roleOffsets;
	if (!section || !o) return section;
	const out: Record<string, string> = {...section};
	const put = (name: string) => {
		for (const spelling of [name, ...(aliases[name] ?? [])]) if (out[spelling] !== undefined) out[spelling] = String(o.offset);
	};
	put('master_repl_offset');
	if (o.role === 'replica') {
		put('slave_repl_offset');
		put('slave_read_repl_offset');
	}
	return out;
}

/** The view of a sample's INFO, or undefined when the node did not answer. */
export function viewOf(sample: {readonly reachable: boolean; readonly info?: ParsedInfo} | undefined): NodeView | undefined {
	return sample?.reachable && sample.info ? nodeView(sample.info) : undefined;
}

/**
 * Partial resyncs a leader really accepted. In a Valkey dual-channel full sync the main channel
 * continues with a PSYNC that counts in sync_partial_ok: one per full sync served that way.
 */
export function partialResyncsAccepted(okDelta: number, fullDelta: number, dualChannel: boolean): number {
	return dualChannel ? Math.max(0, okDelta - fullDelta) : okDelta;
}
