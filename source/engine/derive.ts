import {runChecks, type Settings} from '../checks/index.js';
import type {ClusterShard} from '../cluster/parse.js';
import {diffEvents, type RunIdMemory} from '../model/events.js';
import {History} from '../model/history.js';
import {recordLink, recordSample} from '../model/lag.js';
import type {LagPeak} from '../model/snapshot.js';
import {buildTopology} from '../model/topology.js';
import type {Address, CheckResult, NodeSample, SentinelView, TimelineEvent, Topology} from '../model/types.js';

/**
 * Everything one tick's derivation reads besides the samples already absorbed. Plain data: the
 * live monitor builds it from its pollers, a replay from the recording; both derive the same way.
 */
export interface Frame {
	readonly at: number;
	/** The latest sample of every watched node, in polling order. */
	readonly samples: readonly NodeSample[];
	readonly via: ReadonlyMap<Address, string>;
	readonly aliases: ReadonlyMap<Address, Address>;
	readonly sentinels: readonly SentinelView[];
	readonly shards?: readonly ClusterShard[];
	/** Fresh heartbeat lag per follower, ms (`--heartbeat`). */
	readonly heartbeat?: ReadonlyMap<Address, number>;
	/** MONITOR samples taken on request (`m`), latest per node: 1.1.5 reports them. */
	readonly monitorSamples?: readonly TimelineEvent[];
}

export interface Derived {
	readonly topology: Topology;
	readonly checks: readonly CheckResult[];
	/** Events this frame produced (the caller keeps the timeline). */
	readonly events: readonly TimelineEvent[];
}

/**
 * The pure part of a tick: samples in, topology, checks and events out. Holds only what the
 * derivation itself needs from one frame to the next (history, the previous topology, run ids).
 */
export class Derivation {
	readonly history = new History();
	private topology: Topology | undefined;
	private readonly runIds: RunIdMemory = new Map();
	private readonly peaks = new Map<Address, LagPeak>();
	private checks: readonly CheckResult[] = [];

	constructor(private readonly settings: Settings) {}

	/** A new sample of a node: its series and the samples kept for deltas. */
	absorb(sample: NodeSample): void {
		this.history.addSample(sample);
		recordSample(this.history, sample);
	}

	derive(frame: Frame): Derived {
		const prev = this.topology;
		const at = frame.at;
		const built = buildTopology(frame.samples, this.history, prev, {via: frame.via, sentinels: frame.sentinels, at, aliases: frame.aliases});
		const next = withHeartbeat(withShards(built, frame.shards), frame.heartbeat);
		for (const link of next.links) {
			recordLink(this.history, link, at);
			this.notePeak(link.follower, link.leader, link.lagBytes, link.lagSeconds, at);
		}
		const events = diffEvents(prev, next, this.runIds);
		this.topology = next;
		let checks: readonly CheckResult[] = [];
		try {
			checks = keepUnchanged(this.checks, runChecks({topology: next, history: this.history, settings: this.settings, now: at, ...(frame.monitorSamples?.length ? {monitorSamples: frame.monitorSamples} : {})}));
			this.checks = checks;
		} catch (error) {
			events.push({at, node: '', kind: 'engine-error', text: `checks failed: ${error instanceof Error ? error.message.split('\n')[0] : 'error'}`});
		}
		return {topology: next, checks, events};
	}

	/** Peaks count again from now (a report of part of a recording). */
	resetPeaks(): void {
		this.peaks.clear();
	}

	/** The largest lag each follower showed since the derivation started (or resetPeaks). */
	lagPeaks(): readonly LagPeak[] {
		return [...this.peaks.values()];
	}

	private notePeak(follower: Address, leader: Address, bytes: number | null, seconds: number | null, at: number): void {
		const p = this.peaks.get(follower) ?? {follower, leader, lagBytes: 0, lagBytesAt: null, lagSeconds: 0, lagSecondsAt: null};
		const next = {
			...p,
			leader,
			...(bytes !== null && bytes > p.lagBytes ? {lagBytes: bytes, lagBytesAt: at} : {}),
			...(seconds !== null && seconds > p.lagSeconds ? {lagSeconds: seconds, lagSecondsAt: at} : {}),
		};
		this.peaks.set(follower, next);
	}
}

/**
 * The previous tick's results where a check found the same (and its evidence lines that did not
 * change): most verdicts and lines repeat tick after tick, and the ones kept are already old, while
 * a fresh copy of ~2000 evidence lines at 100 nodes lived one tick and was promoted, then collected,
 * every tick (old space grew to 3x the live heap). Equal data, so the output is the same.
 */
function keepUnchanged(prev: readonly CheckResult[], next: readonly CheckResult[]): readonly CheckResult[] {
	if (prev.length === 0) return next;
	const before = new Map(prev.map(c => [c.id, c]));
	const kept = next.map(c => {
		const was = before.get(c.id);
		if (!was) return c;
		if (sameResult(was, c)) return was;
		const evidence = c.evidence.map((e, i) => {
			const old = was.evidence[i];
			return old && old.node === e.node && old.text === e.text ? old : e;
		});
		return {...c, evidence};
	});
	// Nothing changed: the same list, so the checklist's rows are not rebuilt nor redrawn.
	return kept.length === prev.length && kept.every((c, i) => c === prev[i]) ? prev : kept;
}

/** The same verdict, texts and evidence, and fixes equal as data (key order included, so it prints the same). */
function sameResult(a: CheckResult, b: CheckResult): boolean {
	return a.status === b.status && a.summary === b.summary && a.recommendation === b.recommendation && ('recommendation' in a) === ('recommendation' in b)
		&& a.title === b.title && a.section === b.section
		&& a.evidence.length === b.evidence.length && a.evidence.every((e, i) => e.node === b.evidence[i]!.node && e.text === b.evidence[i]!.text)
		&& sameData(a.remediations, b.remediations);
}

/** Deep equality of plain data (objects, arrays, strings, numbers, booleans, null), key order included. */
function sameData(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
	if (Array.isArray(a)) {
		if (!Array.isArray(b) || a.length !== b.length) return false;
		for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i])) return false;
		return true;
	}
	if (Array.isArray(b)) return false;
	const ka = Object.keys(a);
	const kb = Object.keys(b);
	if (ka.length !== kb.length) return false;
	for (let i = 0; i < ka.length; i++) {
		const k = ka[i]!;
		if (k !== kb[i] || !sameData((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
	}
	return true;
}

function withHeartbeat(t: Topology, heartbeat: ReadonlyMap<Address, number> | undefined): Topology {
	if (!heartbeat || heartbeat.size === 0) return t;
	const links = t.links.map(l => {
		const ms = heartbeat.get(l.follower);
		return ms === undefined ? l : {...l, heartbeatMs: ms};
	});
	return {...t, links};
}

/** Replication groups that are cluster shards say so, with their slots. */
function withShards(t: Topology, shards: readonly ClusterShard[] | undefined): Topology {
	if (!shards) return t;
	const groups = t.groups.map(g => {
		const shard = shards.find(s => s.nodes.some(n => n.address === (g.leader ?? g.members[0])));
		return shard ? {...g, kind: 'shard' as const, slots: shard.slots} : g;
	});
	return {...t, groups};
}
