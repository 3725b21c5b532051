import {Ring} from '../model/ring.js';
import type {AppliedFix, Snapshot} from '../model/snapshot.js';
import type {Address, NodeSample, TimelineEvent} from '../model/types.js';
import type {Frame} from './derive.js';
import type {TickObserver} from './monitor-types.js';

const maxFixes = 200;

/** What the monitor hands out: the timeline, the fixes applied, the recording's observer and the snapshot's subscribers. */
export class Outputs {
	readonly events: Ring<TimelineEvent>;
	/** Where the run is being recorded, while it is. */
	recording: string | undefined;
	private readonly fixList: AppliedFix[] = [];
	private observer: TickObserver | undefined;
	/** Samples absorbed since the last frame: a recording stores each sample once. */
	private fresh: NodeSample[] = [];
	private readonly listeners = new Set<(snapshot: Snapshot) => void>();

	constructor(maxEvents: number) {
		this.events = new Ring<TimelineEvent>(maxEvents);
	}

	/** An event that does not come from the samples (a note, a heartbeat refusal, a Sentinel event). */
	pushEvent(event: TimelineEvent): void {
		this.events.push(event);
		this.tell(o => o.event(event));
	}

	noteFix(fix: AppliedFix): void {
		this.fixList.push(fix);
		if (this.fixList.length > maxFixes) this.fixList.shift();
		this.tell(o => o.fix(fix));
	}

	fixes(): readonly AppliedFix[] {
		return Object.freeze([...this.fixList]);
	}

	/** The latest MONITOR sample per node (1.1.5 reports them). */
	monitorSamples(): {monitorSamples?: readonly TimelineEvent[]} {
		const latestPerNode = new Map<Address, TimelineEvent>();
		for (const e of this.events.toArray()) if (e.kind === 'monitor-sample') latestPerNode.set(e.node, e);
		return latestPerNode.size ? {monitorSamples: [...latestPerNode.values()]} : {};
	}

	sampled(sample: NodeSample): void {
		if (this.observer) this.fresh.push(sample);
	}

	/** A recording started mid-run begins with `latest`, every node's latest sample. */
	setObserver(next: TickObserver | undefined, label: string | undefined, latest: () => NodeSample[], paused: boolean, at: number): void {
		this.observer = next;
		this.recording = next ? label : undefined;
		this.fresh = next ? latest() : [];
		if (next && paused) next.paused(true, at);
	}

	frame(tick: number, lastTickMs: number | null, frame: Frame): void {
		if (!this.observer) return;
		const record = {tick, lastTickMs, frame, fresh: this.fresh};
		this.fresh = [];
		this.tell(o => o.frame(record));
	}

	paused(value: boolean, at: number): void {
		this.tell(o => o.paused(value, at));
	}

	subscribe(listener: (snapshot: Snapshot) => void): () => void {
		this.listeners.add(listener);
		return () => this.listeners.delete(listener);
	}

	publish(snapshot: Snapshot): void {
		for (const listener of [...this.listeners]) {
			try {
				listener(snapshot);
			} catch {
				// a listener's failure must not stop the engine
			}
		}
	}

	clear(): void {
		this.listeners.clear();
	}

	private tell(call: (observer: TickObserver) => void): void {
		try {
			if (this.observer) call(this.observer);
		} catch {
			// a recording's failure must not stop the engine
		}
	}
}
