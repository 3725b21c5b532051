import type {Address, NodeSample} from './types.js';
import {Ring} from './ring.js';
import {nodeView} from './node-view.js';

export interface Point {
	readonly t: number; // ms since epoch
	readonly v: number;
}

/** Numeric series kept per node (per follower for the lag series). */
export type SeriesName =
	| 'masterReplOffset' // every node: master_repl_offset (leader's offset history drives lag seconds, D.3 3b)
	| 'writeRate' // leaders: bytes/s of replication stream
	| 'lagBytes' // followers
	| 'lagSeconds' // followers
	| 'ackAge' // followers
	| 'ackOffset' // followers: the offset their leader's slaveN line last showed acked (kept for when the leader drops them)
	| 'rttMs'; // every node

export interface HistoryLimits {
	/** Points kept per series (default 600: ten minutes at 1 s). */
	readonly points: number;
	/** Full samples kept per node for deltas (INFO counters, commandstats). */
	readonly samples: number;
}

export const defaultHistoryLimits: HistoryLimits = {points: 600, samples: 16};

/** Points read by index, oldest first (negative indices count from the newest): an array or a ring. */
export interface PointList {
	readonly length: number;
	at(index: number): Point | undefined;
}

const noPoints: PointList = [];

/**
 * A ring of points as two preallocated number arrays. One object per point, freed in FIFO order once
 * the ring is full, left old-space pages part-empty and the process grew to twice its live heap.
 */
class PointRing {
	private readonly t: Float64Array;
	private readonly v: Float64Array;
	private start = 0;
	size = 0;

	constructor(readonly capacity: number) {
		this.t = new Float64Array(capacity);
		this.v = new Float64Array(capacity);
	}

	push(point: Point): void {
		const index = (this.start + this.size) % this.capacity;
		this.t[index] = point.t;
		this.v[index] = point.v;
		if (this.size < this.capacity) this.size++;
		else this.start = (this.start + 1) % this.capacity;
	}

	get length(): number {
		return this.size;
	}

	/** i = 0 is the oldest kept point; negative i counts from the newest (-1), as Array.at does. */
	at(i: number): Point {
		const k = (this.start + (i < 0 ? this.size + i : i)) % this.capacity;
		return {t: this.t[k]!, v: this.v[k]!};
	}

	/** The largest value kept (undefined when empty). */
	maxV(): number | undefined {
		let max: number | undefined;
		for (let i = 0; i < this.size; i++) {
			const v = this.v[(this.start + i) % this.capacity]!;
			if (max === undefined || v > max) max = v;
		}
		return max;
	}

	last(): Point | undefined {
		return this.size === 0 ? undefined : this.at(this.size - 1);
	}

	lastT(): number | undefined {
		return this.size === 0 ? undefined : this.t[(this.start + this.size - 1) % this.capacity];
	}

	slice(from: number): Point[] {
		const out: Point[] = [];
		for (let i = Math.max(0, from); i < this.size; i++) out.push(this.at(i));
		return out;
	}
}

/**
 * Bounded history of what was polled. Keeps, per node: numeric series, the last few reachable
 * samples (for counter deltas), and the first reachable sample seen (baseline since start).
 */
export class History {
	private readonly seriesByKey = new Map<string, PointRing>();
	/** series() copies of the rings, until their next point: many readers per tick share one copy. */
	private readonly seriesCopies = new Map<string, readonly Point[]>();
	private readonly samplesByNode = new Map<Address, Ring<NodeSample>>();
	/** samples() copies, until the node's next sample: the checks read each node's list many times a tick. */
	private readonly sampleCopies = new Map<Address, readonly NodeSample[]>();
	private readonly firstByNode = new Map<Address, NodeSample>();
	/** The first sample of each node's current run (its run_id): how it came back after a restart. */
	private readonly runStartByNode = new Map<Address, NodeSample>();

	constructor(readonly limits: HistoryLimits = defaultHistoryLimits) {}

	record(address: Address, name: SeriesName, point: Point): void {
		const key = `${address}\u0000${name}`;
		let ring = this.seriesByKey.get(key);
		if (!ring) {
			ring = new PointRing(this.limits.points);
			this.seriesByKey.set(key, ring);
		}
		const lastT = ring.lastT();
		// Same-timestamp points would make rates divide by zero.
		if (lastT !== undefined && lastT >= point.t) return;
		ring.push(point);
		this.seriesCopies.delete(key);
	}

	series(address: Address, name: SeriesName): readonly Point[] {
		const key = `${address}\u0000${name}`;
		let copy = this.seriesCopies.get(key);
		if (!copy) {
			const ring = this.seriesByKey.get(key);
			if (!ring) return [];
			copy = ring.slice(0);
			this.seriesCopies.set(key, copy);
		}
		return copy;
	}

	/**
	 * The points of a series read in place (valid until its next point): a copy of 600 points per
	 * leader each tick, kept until the next one, was most of what a 100-node tick promoted to old space.
	 */
	points(address: Address, name: SeriesName): PointList {
		return this.seriesByKey.get(`${address}\u0000${name}`) ?? noPoints;
	}

	/** The largest value of a series and how many points it has. */
	peak(address: Address, name: SeriesName): {max: number; count: number} | undefined {
		const ring = this.seriesByKey.get(`${address}\u0000${name}`);
		const max = ring?.maxV();
		return ring && max !== undefined ? {max, count: ring.size} : undefined;
	}

	/** The newest `count` points of a series, oldest first, without copying the rest. */
	recent(address: Address, name: SeriesName, count: number): Point[] {
		const ring = this.seriesByKey.get(`${address}\u0000${name}`);
		if (!ring) return [];
		return ring.slice(ring.size - count);
	}

	lastPoint(address: Address, name: SeriesName): Point | undefined {
		return this.seriesByKey.get(`${address}\u0000${name}`)?.last();
	}

	/** Remember a reachable sample with INFO (unreachable ones carry no counters). */
	addSample(sample: NodeSample): void {
		if (!sample.reachable || !sample.info) return;
		if (!this.firstByNode.has(sample.address)) this.firstByNode.set(sample.address, sample);
		const start = this.runStartByNode.get(sample.address);
		if (!start || nodeView(start.info!).runId !== nodeView(sample.info).runId) this.runStartByNode.set(sample.address, sample);
		let ring = this.samplesByNode.get(sample.address);
		if (!ring) {
			ring = new Ring<NodeSample>(this.limits.samples);
			this.samplesByNode.set(sample.address, ring);
		}
		ring.push(sample);
		this.sampleCopies.delete(sample.address);
	}

	/** Kept samples of a node, oldest first. */
	samples(address: Address): readonly NodeSample[] {
		let copy = this.sampleCopies.get(address);
		if (!copy) {
			const ring = this.samplesByNode.get(address);
			if (!ring) return [];
			copy = ring.toArray();
			this.sampleCopies.set(address, copy);
		}
		return copy;
	}

	latest(address: Address): NodeSample | undefined {
		return this.samplesByNode.get(address)?.last();
	}

	/** The first reachable sample seen for this node since the monitor started. */
	first(address: Address): NodeSample | undefined {
		return this.firstByNode.get(address);
	}

	/** The first sample seen of the node's current run (since its last restart while watched, else the first). */
	runStart(address: Address): NodeSample | undefined {
		return this.runStartByNode.get(address);
	}

	/** The oldest kept sample at least `minAgeMs` older than the latest, for windowed deltas. */
	baseline(address: Address, minAgeMs: number): NodeSample | undefined {
		const kept = this.samples(address);
		const latest = kept.at(-1);
		if (!latest) return undefined;
		let found: NodeSample | undefined;
		for (const s of kept) if (latest.at - s.at >= minAgeMs) found = s;
		const first = this.first(address);
		if (!found && first && latest.at - first.at >= minAgeMs) return first;
		return found ?? undefined;
	}

	addresses(): Address[] {
		return [...this.samplesByNode.keys()];
	}

	forget(address: Address): void {
		this.samplesByNode.delete(address);
		this.sampleCopies.delete(address);
		this.firstByNode.delete(address);
		this.runStartByNode.delete(address);
		for (const key of [...this.seriesByKey.keys()]) {
			if (!key.startsWith(`${address}\u0000`)) continue;
			this.seriesByKey.delete(key);
			this.seriesCopies.delete(key);
		}
	}
}
