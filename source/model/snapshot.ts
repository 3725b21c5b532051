import type {Alert} from './alerts.js';
import type {History} from './history.js';
import type {Address, CheckResult, Topology, TimelineEvent} from './types.js';

/** The most a follower fell behind while watched (recorded time of each peak). */
export interface LagPeak {
	readonly follower: Address;
	readonly leader: Address;
	readonly lagBytes: number;
	readonly lagBytesAt: number | null;
	readonly lagSeconds: number;
	readonly lagSecondsAt: number | null;
}

/** One fix step applied from the UI, as the audit log has it (secrets masked). */
export interface AppliedFix {
	readonly at: number;
	readonly user: string;
	readonly node: Address;
	readonly check: string;
	readonly command: readonly string[];
	readonly before?: string;
	readonly after?: string;
	readonly ok: boolean;
	readonly error?: string;
}

/** Everything the UI and the reports need after one tick. Immutable once published. */
export interface Snapshot {
	readonly tick: number; // 0 before the first completed tick
	readonly startedAt: number;
	readonly lastTickAt: number | null; // when the last tick completed
	readonly lastTickMs: number | null; // how long it took
	readonly intervalMs: number;
	readonly paused: boolean;
	readonly topology: Topology;
	readonly history: History;
	readonly checks: readonly CheckResult[];
	readonly events: readonly TimelineEvent[];
	/** Pending and firing alerts, then recently resolved ones (absent in fixtures). */
	readonly alerts?: readonly Alert[];
	/** Largest lag per follower since the start (of the run or of the recording). */
	readonly lagPeaks?: readonly LagPeak[];
	/** Fixes applied during the run, oldest first. */
	readonly fixes?: readonly AppliedFix[];
	/** Where the run is being recorded (`--record` or the record key); absent when not recording. */
	readonly recording?: string;
	/** Standing conditions for the status line: discovery capped, addresses refused, a library's warning. */
	readonly notices?: readonly string[];
}

/** What hooks see of the running engine. */
export interface MonitorHandle {
	getSnapshot(): Snapshot;
	/** Called after every tick (and on pause/resume). Returns an unsubscribe function. */
	subscribe(listener: (snapshot: Snapshot) => void): () => void;
	setPaused(paused: boolean): void;
	stop(): Promise<void>;
}
