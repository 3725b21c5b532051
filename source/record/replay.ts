// A recording played back through the same derivation as the live engine: the checks run again
// from the recorded samples, so a replay shows what the live screen showed.
import {settingsFrom} from '../checks/index.js';
import type {ClusterShard} from '../cluster/parse.js';
import {Derivation} from '../engine/derive.js';
import {AlertEngine} from '../alerts/engine.js';
import type {Alert} from '../model/alerts.js';
import {Ring} from '../model/ring.js';
import type {AppliedFix, Snapshot} from '../model/snapshot.js';
import type {Address, CheckResult, NodeSample, SentinelView, TimelineEvent, Topology} from '../model/types.js';
import {isFrame, SampleDecoder, type FrameLine, type RecordLine} from './format.js';
import type {Recording} from './reader.js';

export interface ReplayRange {
	/** Report only from this recorded time (ms); earlier frames still build the state. */
	readonly from?: number;
	/** Stop after this recorded time (ms). */
	readonly to?: number;
	/** Events kept (default 5000: a report covers the whole recording). */
	readonly maxEvents?: number;
}

export interface ReplayIndex {
	readonly totalFrames: number;
	readonly firstAt: number | undefined;
	readonly lastAt: number | undefined;
}

const emptyTopology = (at: number): Topology => ({at, nodes: {}, links: [], groups: [], sentinels: []});

/** A forward-only cursor over a recording that publishes a Snapshot after each frame. */
export class Replay {
	private readonly derivation: Derivation;
	/** Alerts evaluated on the recorded frames, hold and clear times in recorded time. */
	private readonly alerting: AlertEngine;
	private alerts: readonly Alert[] = [];
	private readonly decoder = new SampleDecoder();
	private readonly latest = new Map<Address, NodeSample>();
	private order: readonly Address[] = [];
	private via = new Map<Address, string>();
	private aliases = new Map<Address, Address>();
	private sentinels: readonly SentinelView[] = [];
	private shards: readonly ClusterShard[] | undefined;
	private heartbeat = new Map<Address, number>();
	private readonly events: Ring<TimelineEvent>;
	private fixes: AppliedFix[] = [];
	/** The latest MONITOR sample per node: the live engine hands them to the checks (1.1.5). */
	private readonly monitorSamples = new Map<Address, TimelineEvent>();
	private index = 0;
	private streaming = false;
	private frames = 0;
	private inRange: boolean;
	private snapshotValue: Snapshot;
	private tick = 0;
	private lastTickAt: number | null = null;
	private lastTickMs: number | null = null;
	private paused = false;
	private topology: Topology;
	private checks: readonly CheckResult[] = [];
	readonly totalFrames: number;
	readonly firstAt: number | undefined;
	readonly lastAt: number | undefined;

	/**
	 * `index`: the frame count and clock of a recording streamed through push() (its records are not
	 * kept); without it they come from `recording.records`.
	 */
	constructor(readonly recording: Recording, private readonly range: ReplayRange = {}, index?: ReplayIndex) {
		const settings = settingsFrom(recording.header.settings, 'recording');
		this.derivation = new Derivation(settings);
		this.alerting = new AlertEngine(settings);
		this.events = new Ring(range.maxEvents ?? 5000);
		if (index) {
			this.totalFrames = index.totalFrames;
			this.firstAt = index.firstAt;
			this.lastAt = index.lastAt;
		} else {
			const frames = recording.records.filter(isFrame).filter(f => range.to === undefined || f.at <= range.to);
			this.totalFrames = frames.length;
			this.firstAt = frames.find(f => range.from === undefined || f.at >= range.from)?.at;
			this.lastAt = frames.at(-1)?.at;
		}
		this.inRange = range.from === undefined;
		this.topology = emptyTopology(recording.header.startedAt);
		this.snapshotValue = this.freeze();
	}

	get snapshot(): Snapshot {
		return this.snapshotValue;
	}

	/** Frames derived so far. */
	get position(): number {
		return this.frames;
	}

	get atEnd(): boolean {
		return this.nextFrame() === undefined;
	}

	/** Recorded time of the next frame, if any. */
	nextAt(): number | undefined {
		return this.nextFrame()?.at;
	}

	/** Applies records up to and including the next frame; false when the recording is over. */
	step(): boolean {
		const records = this.recording.records;
		while (this.index < records.length) {
			const r = records[this.index]!;
			if (isFrame(r)) {
				if (this.range.to !== undefined && r.at > this.range.to) return false;
				this.index++;
				this.applyFrame(r);
				return true;
			}
			this.index++;
			this.applyOther(r);
		}
		return false;
	}

	/** One record of a streamed recording, in file order (headless: nothing is kept but the state). */
	push(r: RecordLine): void {
		this.streaming = true;
		if (!isFrame(r)) return this.applyOther(r);
		if (this.range.to !== undefined && r.at > this.range.to) return;
		this.applyFrame(r);
	}

	/** The snapshot after the last pushed record. */
	finish(): Snapshot {
		this.snapshotValue = this.freeze();
		return this.snapshotValue;
	}

	private applyOther(r: Exclude<RecordLine, FrameLine>): void {
		const at = 'e' in r ? r.e.at : 'x' in r ? r.x.at : 'p' in r ? r.at : r.end;
		if (this.range.to !== undefined && at > this.range.to) return;
		if ('e' in r && r.e.kind === 'monitor-sample') this.monitorSamples.set(r.e.node, r.e);
		if ('e' in r && this.inRange) this.events.push(r.e);
		else if ('x' in r && this.inRange) this.fixes.push(r.x);
		else if ('p' in r) this.paused = r.p;
	}

	/** Plays every remaining frame (headless). */
	runToEnd(): Snapshot {
		while (this.step()) {
			// each step derives one frame
		}
		this.snapshotValue = this.freeze();
		return this.snapshotValue;
	}

	private nextFrame(): FrameLine | undefined {
		const records = this.recording.records;
		for (let i = this.index; i < records.length; i++) {
			const r = records[i]!;
			if (isFrame(r)) return this.range.to !== undefined && r.at > this.range.to ? undefined : r;
		}
		return undefined;
	}

	private applyFrame(f: FrameLine): void {
		if (!this.inRange && this.range.from !== undefined && f.at >= this.range.from) {
			this.inRange = true;
			this.events.clear();
			this.fixes = [];
			this.derivation.resetPeaks();
		}
		if (f.o) {
			this.order = f.o;
			const kept = new Set(f.o);
			for (const a of [...this.latest.keys()]) if (!kept.has(a)) this.latest.delete(a);
		}
		if (f.v) this.via = new Map(Object.entries(f.v));
		if (f.al) this.aliases = new Map(Object.entries(f.al));
		if (f.sv) this.sentinels = f.sv;
		if (f.cs) this.shards = f.cs;
		if (f.hb) this.heartbeat = new Map(Object.entries(f.hb));
		for (const record of f.s) {
			const sample = this.decoder.decode(record);
			this.latest.set(sample.address, sample);
			this.derivation.absorb(sample);
		}
		const derived = this.derivation.derive({
			at: f.at,
			samples: this.order.flatMap(a => (this.latest.has(a) ? [this.latest.get(a)!] : [])),
			via: this.via,
			aliases: this.aliases,
			sentinels: this.sentinels,
			...(this.shards ? {shards: this.shards} : {}),
			...(this.heartbeat.size > 0 ? {heartbeat: this.heartbeat} : {}),
			...(this.monitorSamples.size > 0 ? {monitorSamples: [...this.monitorSamples.values()]} : {}),
		});
		if (this.inRange) for (const e of derived.events) this.events.push(e);
		this.topology = derived.topology;
		this.checks = derived.checks;
		this.alerts = this.alerting.evaluate({topology: derived.topology, checks: derived.checks, events: derived.events, at: f.at}).alerts;
		this.tick = f.f;
		this.lastTickAt = f.at;
		this.lastTickMs = f.ms;
		this.frames++;
		// Streamed (headless): only the last snapshot is read, at finish().
		if (!this.streaming) this.snapshotValue = this.freeze();
	}

	private freeze(): Snapshot {
		return Object.freeze({
			tick: this.tick,
			startedAt: this.firstAt ?? this.recording.header.startedAt,
			lastTickAt: this.lastTickAt,
			lastTickMs: this.lastTickMs,
			intervalMs: this.recording.header.intervalMs,
			paused: this.paused,
			topology: this.topology,
			history: this.derivation.history,
			checks: this.checks,
			events: Object.freeze(this.events.toArray()),
			lagPeaks: this.derivation.lagPeaks(),
			fixes: Object.freeze([...this.fixes]),
			alerts: this.alerts,
		});
	}
}
