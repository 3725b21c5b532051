import type {History} from './history.js';
import type {CheckResult, Topology, TimelineEvent} from './types.js';

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
}

/** What hooks see of the running engine. */
export interface MonitorHandle {
	getSnapshot(): Snapshot;
	/** Called after every tick (and on pause/resume). Returns an unsubscribe function. */
	subscribe(listener: (snapshot: Snapshot) => void): () => void;
	setPaused(paused: boolean): void;
	stop(): Promise<void>;
}
