// The rows of the topology panel, as plain data: one per node, group summary, Sentinel summary and Sentinel.
import type {Point} from '../source/model/history.js';
import type {Address, Link, Role} from '../source/model/types.js';

export interface NodeRow {
	readonly kind: 'node';
	readonly address: Address;
	readonly depth: number; // 0 = leader, 1 = its follower, 2 = a follower of that follower …
	readonly role: Role;
	readonly reachable: boolean;
	/** Why the node cannot be reached, sanitized: the error kind, then its message. */
	readonly reason?: string;
	readonly reasonDetail?: string;
	readonly version?: string;
	readonly link?: Link;
	/** Bytes behind, newest last (the sparkline). */
	readonly lagSeries: readonly Point[];
	/** Unreachable: seconds since it last answered; absent when it never did (`neverAnswered`). */
	readonly silentSeconds?: number;
	readonly neverAnswered?: boolean;
	/** A master that stopped answering while another master leads its group (after a failover). */
	readonly formerLeader?: boolean;
	/** Where a follower whose link is down points, when nothing answers there (REPLICAOF a closed port). */
	readonly pointsAt?: {readonly address: Address; readonly reason: string};
	/** Its own INFO still names the group's former leader (down): nobody has re-pointed it yet (drawn under that leader). */
	readonly repointPending?: {readonly address: Address; readonly bySentinel: boolean};
	readonly writeRate?: number | null;
	/** The group the row belongs to (what `c` collapses); absent outside every group. */
	readonly groupId?: string;
	/** Replica still loading its dataset (INFO loading:1). */
	readonly loading?: boolean;
	/** `master_failover_state` while a FAILOVER command runs on the node (writes paused or refused). */
	readonly failover?: string;
}

/** One line per group: what a person needs when 200 nodes do not fit on the screen. */
export interface HeaderRow {
	readonly kind: 'header';
	readonly groupId: string;
	/** Group name, "shard" or "group", with the slots of a shard. */
	readonly text: string;
	readonly splitBrain: boolean;
	readonly masters: readonly Address[];
	readonly shard: boolean;
	readonly leader?: Address;
	readonly leaderUp: boolean;
	readonly followers: number;
	/** Followers by health: link online / syncing or loading / not answering / answering with the link down. */
	readonly online: number;
	readonly syncing: number;
	readonly unreachable: number;
	readonly linksDown: number;
	/** Dead masters replaced by the group's live leader: not counted as followers. */
	readonly formerLeaders: number;
	readonly maxLagBytes: number | null;
	readonly maxLagSeconds: number | null;
	readonly collapsed: boolean;
}

/** One line per Sentinel master name: how the Sentinels that watch it agree. */
export interface SentinelSummaryRow {
	readonly kind: 'sentinel-summary';
	readonly groupId: string;
	readonly masterName: string;
	readonly total: number;
	readonly reachable: number;
	readonly quorum?: number;
	/** CKQUORUM of the reachable Sentinels: false as soon as one says NOQUORUM. */
	readonly quorumOk?: boolean;
	readonly usable?: number;
	readonly failoverState?: string;
	readonly failoverInProgress: boolean;
	readonly tilt: number;
	readonly odown: boolean;
	readonly sdown: boolean;
	readonly masterAddr?: Address;
	/** Reachable Sentinels name different masters. */
	readonly disagree: boolean;
}

/** One Sentinel as it sees one master name (shown while the group is expanded). */
export interface SentinelRow {
	readonly kind: 'sentinel';
	readonly groupId: string;
	readonly address: Address;
	readonly reachable: boolean;
	readonly reason?: string;
	readonly flags: readonly string[];
	readonly quorum?: number;
	readonly failoverInProgress: boolean;
	readonly failoverState?: string;
	readonly tilt: boolean;
	readonly numOtherSentinels?: number;
	readonly quorumOk?: boolean;
	readonly usable?: number;
	readonly masterAddr?: Address;
	/** The master it names / its quorum are those of the summary line above it (not repeated). */
	readonly sameMaster?: boolean;
	readonly sameQuorum?: boolean;
}

export type TopologyRow = NodeRow | HeaderRow | SentinelSummaryRow | SentinelRow;

export type TopologySort = 'discovery' | 'lag' | 'status';
export const topologySorts: readonly TopologySort[] = ['discovery', 'lag', 'status'];

export interface TopologyView {
	readonly sort: TopologySort;
	/** Group ids whose followers and Sentinel lines are hidden. */
	readonly collapsed: ReadonlySet<string>;
}

export const defaultTopologyView: TopologyView = {sort: 'discovery', collapsed: new Set()};
