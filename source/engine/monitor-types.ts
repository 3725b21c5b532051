import type {Settings} from '../checks/index.js';
import type {AppliedFix, MonitorHandle, Snapshot} from '../model/snapshot.js';
import type {Address, NodeSample, TimelineEvent} from '../model/types.js';
import type {Frame} from './derive.js';
import type {PollTarget} from './poller.js';
import type {MonitorSettings} from './settings.js';

/** `S`: the caller's settings type (the CLI's Options carries more than the monitor reads). */
export interface Monitor<S extends MonitorSettings = MonitorSettings> extends MonitorHandle {
	/** Starts polling every interval (a setTimeout chain: ticks never overlap). Idempotent. */
	start(): void;
	/** One tick now (or the one already running): probe, discover, build, check, publish. */
	tickOnce(): Promise<Snapshot>;
	/**
	 * A hung seed's first probe may outlast a short window (--timeout ≥ --window): waits, at most the
	 * timeout, for nodes that never answered to get their first sample (unreachable: timeout), so
	 * that a report never silently lacks a node it was given.
	 */
	settle(): Promise<Snapshot>;
	readonly options: S;
	/** Re-reads INFO and CONFIG of these nodes (default: all) at once, e.g. after a CONFIG SET. */
	refresh(addresses?: readonly Address[]): Promise<Snapshot>;
	/** How a node is reached (credentials from its seed URL, TLS); undefined for an unknown node. */
	targetOf(address: Address): PollTarget | undefined;
	/** Adds an event to the timeline now (a fix applied, a MONITOR sample taken) and publishes it. */
	note(event: NoteEvent): void;
	/** Remembers a fix step applied from the UI (for the report and a recording). */
	noteFix(fix: Omit<AppliedFix, 'at'>): void;
	/** Sees every derived frame and every noted event (a recording); undefined detaches. */
	setObserver(observer: TickObserver | undefined, label?: string): void;
	readonly settings: Settings;
}

/** What a recording needs of each tick: the frame as derived, and only the samples new since the last one. */
export interface FrameRecord {
	readonly tick: number;
	readonly lastTickMs: number | null;
	readonly frame: Frame;
	readonly fresh: readonly NodeSample[];
}

export interface TickObserver {
	frame(record: FrameRecord): void;
	/** An event that does not come from the samples (a note, a heartbeat refusal). */
	event(event: TimelineEvent): void;
	fix(fix: AppliedFix): void;
	paused(paused: boolean, at: number): void;
}

export interface NoteEvent {
	readonly node: Address;
	readonly kind: string;
	readonly text: string;
}

export interface MonitorDeps {
	readonly settings?: Settings;
	readonly now?: () => number;
	/** Counters / INFO replication / CONFIG GET cadence (defaults 15 s / 15 s / 60 s; the slow sections follow heavyEveryMs when given, else 60 s: the Redis CPU budget, see probe-cadence). */
	readonly heavyEveryMs?: number;
	readonly replicationEveryMs?: number;
	readonly configEveryMs?: number;
	readonly slowEveryMs?: number;
	/** Events kept for the timeline (default 500). */
	readonly maxEvents?: number;
}
