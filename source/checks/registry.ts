import type {Check} from './context.js';
import * as s11 from './section-1-1.js';
import * as s12 from './section-1-2.js';
import * as s13 from './section-1-3.js';
import * as s21 from './section-2-1.js';
import * as s22 from './section-2-2.js';
import * as s23 from './section-2-3.js';
import * as s24 from './section-2-4.js';
import * as s3 from './section-3.js';
import * as s4 from './section-4.js';
import * as s5 from './section-5.js';
import * as s6 from './section-6.js';

export interface CheckInfo {
	readonly id: string;
	readonly section: string;
	readonly title: string;
	/** What is verified and why it matters. */
	readonly why: string;
	readonly run: Check;
}

/** Section id → title as the checklist document names it (3–6 continue it, spec G). */
export const sections: Readonly<Record<string, string>> = Object.freeze({
	'1.1': '1.1 Leader for Writes, Followers for Reads',
	'1.2': '1.2 Minimize Follower Lag',
	'1.3': '1.3 Use at Least 3 Nodes',
	'2.1': '2.1 Asynchronous Replication',
	'2.2': '2.2 Diskless Replication',
	'2.3': '2.3 Minimize Full Resynchronizations',
	'2.4': '2.4 Configure Replication Backlog',
	'3': '3 Sentinel',
	'4': '4 Persistence Interplay',
	'5': '5 Security',
	'6': '6 Buffers and Timeouts',
});

const c = (id: string, section: string, title: string, why: string, run: Check): CheckInfo => ({id, section, title, why, run});

/** Every check of spec section G, in checklist order. */
export const registry: readonly CheckInfo[] = Object.freeze([
	c('1.1.1', '1.1', 'Roles identified, one leader per group', 'Each node reports its role; every replication group must have exactly one leader that its followers point at. Two leaders for one history (after an interrupted failover) means writes are split and some will be lost.', s11.rolesIdentified),
	c('1.1.2', '1.1', 'Replicas are read-only', 'A writable replica accepts client writes that never reach the leader and vanish at the next full sync. replica-read-only yes turns such misrouted writes into visible errors.', s11.replicasReadOnly),
	c('1.1.3', '1.1', 'No writes sent to replicas', 'Counts client writes refused with READONLY on each replica over the window. Any such write is an application sending writes to the wrong node.', s11.noWritesToReplicas),
	c('1.1.4', '1.1', 'Reads served by followers', 'Compares read-command calls on the leader and its followers over at least the routing window, from commandstats (no MONITOR). Followers serving most reads is what the leader-follower design is for.', s11.readsOnFollowers),
	c('1.1.5', '1.1', 'Traffic sampling (optional)', 'MONITOR shows each command but can halve throughput, so replwatch never runs it on its own. Routing is judged from counters instead.', s11.trafficSampling),
	c('1.2.1', '1.2', 'Link up', 'A replica whose link to the master is down serves ever older data and will need a resync. A link down without a sync in progress points at auth, TLS, network or buffer limits.', s12.linkUp),
	c('1.2.2', '1.2', 'Master I/O freshness', 'Seconds since the replica last heard from its master; an idle master still pings every repl-ping-replica-period. Silence beyond that means the stream has stalled.', s12.masterIoFreshness),
	c('1.2.3', '1.2', 'Ack liveness', 'The leader records when each replica last acknowledged (once a second when healthy). A growing ACK age means a blocked or dead replica; it says nothing about throughput lag.', s12.ackLiveness),
	c('1.2.4', '1.2', 'Replication delay', 'How far each follower trails the leader, in bytes and in seconds from the leader’s offset history. A follower further behind than the backlog needs a full sync if it disconnects.', s12.replicationDelay),
	c('1.2.5', '1.2', 'Apply backlog on the replica', 'Bytes a replica received but has not applied yet, sustained over several samples. It reveals a replica that is CPU-bound, paused or blocked while its network keeps up.', s12.applyBacklog),
	c('1.2.6', '1.2', 'Resource headroom', 'CPU use, memory against maxmemory and system memory, and fork time on every node. Starved nodes replicate slowly and forks stall full syncs.', s12.resourceHeadroom),
	c('1.2.7', '1.2', 'Tool→node latency', 'Round trip from replwatch to each node, as a proxy for network trouble. Leader↔follower latency itself cannot be measured from outside.', s12.toolLatency),
	c('1.2.8', '1.2', 'TCP_NODELAY', 'repl-disable-tcp-nodelay yes batches the replication stream and adds up to about 40 ms of delay. It trades latency for bandwidth and is rarely wanted.', s12.tcpNoDelay),
	c('1.3.1', '1.3', '≥ 2 online replicas', 'Counts online replicas per leader (backup clients excluded). With two or more, losing one follower still leaves a copy and read capacity.', s13.enoughReplicas),
	c('1.3.2', '1.3', 'Survive losing one follower', 'A what-if without fault injection: would losing any single follower stop writes (min-replicas-to-write) or leave no replica to promote? Either turns a routine failure into an outage.', s13.surviveFollowerLoss),
	c('1.3.3', '1.3', 'Leader failure is automated', 'Looks for Sentinel or Cluster to promote a follower when the leader dies. Without one, a leader failure waits for a person.', s13.failoverAutomated),
	c('1.3.4', '1.3', 'Promotable replica exists', 'A replica with replica-priority 0 is never promoted. If every replica has priority 0, no failover can succeed.', s13.promotableReplica),
	c('1.3.5', '1.3', 'Chained replication noticed', 'Replicas that feed sub-replicas add their own lag and become a single point of failure for their children. It may be intended; it should be known.', s13.chainedReplication),
	c('2.1.1', '2.1', 'min-replicas not forcing sync behaviour', 'min-replicas-to-write makes the leader refuse writes when too few replicas acknowledge in time. Set too high it blocks writes on one replica’s hiccup, or right now.', s21.minReplicas),
	c('2.1.2', '2.1', 'Replicas read-only', 'The asynchronous design assumes followers never take writes of their own (same check as 1.1.2). Local writes on a replica diverge silently.', s21.replicasReadOnlyAgain),
	c('2.1.3', '2.1', 'Stale-data policy explicit', 'With the link down, a replica either keeps serving old data or answers MASTERDOWN to everything, PING included. Either is valid; it should be a decision, and stale reads now should be noticed.', s21.staleDataPolicy),
	c('2.1.4', '2.1', 'WAIT used selectively', 'WAIT makes a write wait for replica acknowledgements. Used on most writes it adds latency without giving strong consistency.', s21.waitSelective),
	c('2.2.1', '2.2', 'Diskless sync', 'Diskless sync streams the snapshot straight to the replica instead of writing it to disk first, which speeds up full syncs and spares the disk. Replicas need it too in case they are promoted.', s22.disklessSync),
	c('2.2.2', '2.2', 'Diskless delay', 'The leader waits repl-diskless-sync-delay seconds so replicas arriving together share one transfer. Zero with several replicas means one fork per replica; very long delays slow every sync.', s22.disklessDelay),
	c('2.2.3', '2.2', 'Max replicas (7.0+)', 'repl-diskless-sync-max-replicas starts the transfer as soon as that many replicas are waiting. Setting it to the replica count removes the delay when all arrive.', s22.disklessMaxReplicas),
	c('2.2.4', '2.2', 'Diskless load', 'swapdb loading keeps the old dataset while loading the new one, doubling memory during a sync. Without the memory for two datasets it can run a replica out of memory.', s22.disklessLoad),
	c('2.3.1', '2.3', 'No full-sync loop', 'Counts full syncs the leader served while watched, minus those new or restarted replicas and backups explain. Repeated unexplained full syncs are a loop that burns CPU, memory and network.', s23.fullSyncLoop),
	c('2.3.2', '2.3', 'Partial resyncs succeed', 'A reconnecting replica asks to continue from its offset; a denial forces a full sync. Denials mean the backlog was too small for the disconnection.', s23.partialResyncs),
	c('2.3.3', '2.3', 'Backlog TTL', 'A leader frees its backlog repl-backlog-ttl seconds after its last replica leaves. A short TTL turns a longer outage of all replicas into full syncs.', s23.backlogTtl),
	c('2.3.4', '2.3', 'Log evidence', 'Server logs name every denied partial resync and its reason. replwatch has no log access, so the INFO counters stand in.', s23.logEvidence),
	c('2.4.1', '2.4', 'Backlog active', 'Without an active backlog, the next replica to connect needs a full sync. A leader with replicas always has one.', s24.backlogActive),
	c('2.4.2', '2.4', 'Backlog size vs write rate', 'The backlog must hold every write made while a follower is disconnected, or the follower needs a full sync. The recommended size covers the configured disconnection at the peak write rate with a safety factor; each follower shows whether a reconnect now would resync partially.', s24.backlogSize),
	c('2.4.3', '2.4', 'History coverage', 'How many seconds of writes the backlog holds right now. It is the longest disconnection a follower can survive at the current rate.', s24.historyCoverage),
	c('2.4.4', '2.4', 'Replica backlogs match', 'A promoted follower serves resyncs from its own backlog. If it is smaller than the leader’s, the first disconnections after a failover become full syncs.', s24.replicaBacklogs),
	c('3.1', '3', '≥ 3 Sentinels, independent', 'Sentinel needs a majority to authorise a failover; fewer than three cannot survive the loss of one. Sentinels on the master’s host fail together with it.', s3.sentinelCount),
	c('3.2', '3', 'Quorum reachable', 'SENTINEL CKQUORUM tells whether enough Sentinels are reachable to detect a failure and authorise a failover. NOQUORUM means a dead leader stays dead.', s3.quorumReachable),
	c('3.3', '3', 'Quorum sane', 'A quorum larger than the number of Sentinels is never reached; one below a majority detects failures that cannot then be authorised.', s3.quorumSane),
	c('3.4', '3', 'Agreement', 'Every Sentinel should name the same master, and that node should report role master. Disagreement outside a failover means clients are sent to different leaders.', s3.sentinelAgreement),
	c('3.5', '3', 'down-after-milliseconds', 'How long a master must be silent before a Sentinel considers it down. Too short causes false failovers; too long delays real ones.', s3.downAfter),
	c('3.6', '3', 'failover-timeout', 'A failover that takes longer than this is abandoned. Large datasets need time for replicas to resync with the new leader.', s3.failoverTimeout),
	c('3.7', '3', 'parallel-syncs', 'How many replicas resync with a new leader at once after a failover. All at once leaves no replica serving reads during the resync.', s3.parallelSyncs),
	c('3.8', '3', 'Replica list clean', 'Sentinel never forgets replicas; removed ones linger as down entries. Stale entries confuse operators and failover decisions.', s3.replicaListClean),
	c('3.9', '3', 'Not in TILT', 'A Sentinel in TILT mode (after a clock jump or a stall) observes but does not act. A failover during TILT will not happen.', s3.notInTilt),
	c('3.10', '3', 'Renamed commands known to Sentinel', 'If CONFIG or SLAVEOF are renamed on the data nodes, Sentinel must be told, or its reconfiguration commands fail during a failover. This cannot be queried and is a reminder.', s3.renamedCommands),
	c('4.1', '4', 'Master without persistence + auto-restart', 'A leader without RDB or AOF that restarts comes back empty, and its followers then copy the empty dataset. With an auto-restart this wipes everything.', s4.masterPersistence),
	c('4.2', '4', 'Save health', 'Failed saves or AOF writes mean the data on disk is stale, and with stop-writes-on-bgsave-error the leader refuses writes.', s4.saveHealth),
	c('4.3', '4', 'Fork cost', 'Every save and full sync forks the server, which stalls it for the fork duration. Slow forks make syncs and saves visible to clients.', s4.forkCost),
	c('4.4', '4', 'Stale data after restart', 'A node that restarted as master may serve an old dataset until it is demoted. It is worth checking what it served.', s4.staleAfterRestart),
	c('5.1', '5', 'Auth required', 'Tests whether a connection without credentials is refused. Without authentication anyone reaching the port can read, write or reconfigure the node.', s5.authRequired),
	c('5.2', '5', 'Replicas can authenticate', 'A replica whose master requires a password needs masterauth; otherwise its link stays down. The password itself is never read or shown.', s5.replicasAuthenticate),
	c('5.3', '5', 'Replication user rights (ACL)', 'With ACLs, the replication user needs psync, replconf and ping on the master. A link that is up proves the rights are there.', s5.replicationUser),
	c('5.4', '5', 'TLS on replication', 'A replica must use TLS to reach a TLS-only master, and should wherever replication crosses untrusted networks.', s5.tlsReplication),
	c('5.5', '5', 'protected-mode', 'protected-mode refuses outside connections to a node that has no password. Turning it off without authentication exposes the node.', s5.protectedMode),
	c('5.6', '5', 'Secrets hygiene (tool behaviour)', 'replwatch reads only allow-listed parameters and never masterauth, requirepass or other secrets. This check verifies that nothing secret was fetched.', s5.secretsHygiene),
	c('6.1', '6', 'Replica output buffer', 'During a full sync the leader buffers all writes for the replica; if they exceed the limit the replica is dropped and starts over. The limit must hold a full sync’s worth of writes.', s6.replicaOutputBuffer),
	c('6.2', '6', 'repl-timeout vs ping period', 'repl-timeout must exceed the ping period, or idle links time out; too short a timeout also cuts large syncs.', s6.timeoutVsPing),
	c('6.3', '6', 'Replica buffer memory', 'Memory held in replica output buffers counts against the node. A large share means a replica is not keeping up.', s6.replicaBufferMemory),
]);

const byId = new Map(registry.map(info => [info.id, info]));

export function checkInfo(id: string): CheckInfo | undefined {
	return byId.get(id);
}

export const checkIds: readonly string[] = registry.map(info => info.id);
