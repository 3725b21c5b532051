import {AlertEngine} from '../alerts/engine.js';
import {loadSettings} from '../checks/index.js';
import type {Alert} from '../model/alerts.js';
import {viewOf} from '../model/node-view.js';
import {sanitize} from '../model/sanitize.js';
import type {Snapshot} from '../model/snapshot.js';
import type {Address, CheckResult, Topology} from '../model/types.js';
import {readTls} from '../redis/connection.js';
import {ClusterSource} from './cluster-source.js';
import {Derivation, type Frame} from './derive.js';
import {HeartbeatSource} from './heartbeat-source.js';
import type {Monitor, MonitorDeps} from './monitor-types.js';
import {NodeBook} from './node-book.js';
import {Outputs} from './outputs.js';
import {Prober} from './prober.js';
import {Scheduler, waiterUntil} from './scheduler.js';
import {SentinelSource} from './sentinel-source.js';
import type {MonitorSettings} from './settings.js';

export type {FrameRecord, Monitor, MonitorDeps, TickObserver} from './monitor-types.js';

const maxDiscoveryRounds = 6;

/**
 * The live engine: polls every known node each interval, follows replicas and masters, builds
 * the topology and runs the checks, and publishes an immutable Snapshot after every tick.
 */
export function createMonitor<S extends MonitorSettings>(options: S, deps: MonitorDeps = {}): Monitor<S> {
	const now = deps.now ?? Date.now;
	const settings = deps.settings ?? loadSettings(options.config);
	// Unreadable TLS files are a usage error now, not a failure inside every probe later.
	if (options.tls.enabled || options.nodes.some(n => n.tls)) readTls(options.tls);
	const startedAt = now();
	const derivation = new Derivation(settings);
	const book = new NodeBook(options, {...deps, now});
	const {poller, gate} = book;
	const prober = new Prober(poller);
	const out = new Outputs(deps.maxEvents ?? 500);
	const scheduler: Scheduler<Snapshot> = new Scheduler({intervalMs: options.intervalMs, now, run: runTick, last: () => snapshot});
	const stopped = () => scheduler.isStopped;
	const sentinels = new SentinelSource(options, {now, inNetwork: address => gate.inNetwork(address), stopped, onEvent: e => (out.pushEvent(e), publish())});
	const cluster = new ClusterSource(poller, now);
	const heartbeat = options.heartbeat ? new HeartbeatSource(options, poller, now, e => out.pushEvent(e)) : undefined;
	const alerting = new AlertEngine(settings);

	let tick = 0;
	let lastTickAt: number | null = null;
	let lastTickMs: number | null = null;
	let topology: Topology = {at: startedAt, nodes: {}, links: [], groups: [], sentinels: []};
	let checks: readonly CheckResult[] = [];
	let alerts: readonly Alert[] = [];
	let snapshot: Snapshot = freeze();

	function freeze(): Snapshot {
		return Object.freeze({
			tick, startedAt, lastTickAt, lastTickMs, intervalMs: options.intervalMs, paused: scheduler.paused, topology, history: derivation.history, checks,
			events: Object.freeze(out.events.toArray()),
			lagPeaks: derivation.lagPeaks(),
			alerts,
			fixes: out.fixes(),
			...(out.recording ? {recording: out.recording} : {}),
			notices: Object.freeze(gate.notices()),
		});
	}

	function publish(): void {
		snapshot = freeze();
		out.publish(snapshot);
	}

	function rebuild(at: number): void {
		const frame: Frame = {
			at,
			samples: book.samples(),
			via: new Map(book.via),
			aliases: book.aliasMap(),
			sentinels: sentinels.views,
			...(cluster.shards ? {shards: cluster.shards} : {}),
			...(heartbeat ? {heartbeat: heartbeat.fresh(at)} : {}),
			...out.monitorSamples(),
		};
		const derived = derivation.derive(frame);
		for (const e of derived.events) out.events.push(e);
		// The frame before the events noted after it: a replay meets them in the same order.
		out.frame(tick, lastTickMs, frame);
		for (const e of gate.drainEvents(at)) out.pushEvent(e);
		topology = derived.topology;
		checks = derived.checks;
		alerts = alerting.evaluate({topology, checks, events: derived.events, at}).alerts;
	}

	/** A straggler (slow or hung node) answered after its tick was published: show it at once. */
	const lateArrival = () => scheduler.soon(() => {
		rebuild(now());
		publish();
	});

	const probe = (addresses: readonly Address[], tickStarted: number) => prober.probe(addresses, sample => {
		if (!stopped() && book.take(sample)) {
			const view = viewOf(sample);
			if (!sentinels.following && options.discover && view?.mode === 'sentinel') sentinels.follow(sample.address);
			// A data node seed: its Sentinels announce themselves on it (1.3.3 and section 3 need them).
			else if (!sentinels.following && options.discover && (view?.role === 'master' || view?.role === 'replica') && !view.clusterEnabled) {
				const target = poller.target(sample.address);
				if (target) void sentinels.discoverFrom(target);
			}
			derivation.absorb(sample);
			out.sampled(sample);
		}
		if (!scheduler.running || now() - tickStarted > settleMs()) lateArrival();
	});

	// How long a tick waits for slow nodes before publishing what it has: a hung node must not delay the others.
	const settleMs = () => Math.min(options.timeoutMs + 150, Math.max(250, options.intervalMs * 0.6));
	const pollSentinels = () => sentinels.poll(address => book.addFound(address, 'sentinel'));

	async function runTick(): Promise<Snapshot> {
		const tickStarted = now();
		const waitSome = waiterUntil(tickStarted + settleMs(), now);
		let sentinelDone = pollSentinels();
		let sentinelAsked = sentinelDone !== undefined;
		let fresh = poller.addresses();
		const pending = probe(fresh, tickStarted);
		const beat = stopped() ? undefined : heartbeat?.beat(topology);
		await waitSome([...pending, ...(sentinelDone ? [sentinelDone] : []), ...(beat ? [beat] : [])]);
		for (let round = 0; round < maxDiscoveryRounds && !stopped(); round++) {
			const clusterDone = options.discover ? cluster.fetch(book.latest.values(), (address, parent) => book.addFound(address, 'cluster', parent)) : undefined;
			if (clusterDone) await waitSome([clusterDone]);
			// A seed that turned out to be a Sentinel: ask it now, so the first frame is complete.
			if (!sentinelAsked && (sentinelDone = pollSentinels())) {
				sentinelAsked = true;
				await waitSome([sentinelDone]);
			}
			const added = book.discoverFrom(fresh);
			if (added.length === 0) break;
			await waitSome(probe(added, tickStarted));
			fresh = added;
		}
		if (options.discover) book.dropOrphans();
		const at = now();
		tick++;
		rebuild(at);
		lastTickAt = at;
		lastTickMs = at - tickStarted;
		publish();
		return snapshot;
	}

	const monitor: Monitor<S> = {
		options,
		settings,
		targetOf: address => poller.target(address),
		note(event) {
			if (stopped()) return;
			out.pushEvent({at: now(), node: sanitize(event.node), kind: sanitize(event.kind), text: sanitize(event.text)});
			publish();
		},
		noteFix(fix) {
			if (!stopped()) out.noteFix({...fix, at: now()});
		},
		setObserver(next, label) {
			out.setObserver(next, label, () => book.samples(), scheduler.paused, now());
			publish();
		},
		async refresh(addresses) {
			poller.refresh(addresses);
			// A tick already running may have sent its requests before the change: run one more.
			await scheduler.running?.catch(() => undefined);
			return scheduler.tickOnce();
		},
		getSnapshot: () => snapshot,
		subscribe(listener) {
			const unsubscribe = out.subscribe(listener);
			// Whoever watches wants data: the first subscriber starts the polling.
			scheduler.start();
			return unsubscribe;
		},
		setPaused(value) {
			if (scheduler.paused === value) return;
			scheduler.paused = value;
			out.paused(value, now());
			publish();
		},
		start: () => scheduler.start(),
		tickOnce: () => scheduler.tickOnce(),
		/** Waits (at most the timeout) for the probes of nodes that never answered yet, then publishes. */
		async settle() {
			if (stopped() || !(await prober.awaitUnsampled(address => book.latest.has(address), options.timeoutMs + 300))) return snapshot;
			await scheduler.running?.catch(() => undefined);
			if (stopped()) return snapshot;
			rebuild(now());
			publish();
			return snapshot;
		},
		async stop() {
			if (stopped()) return;
			await scheduler.stop();
			heartbeat?.close();
			await Promise.all([poller.close(), sentinels.close()]);
			out.clear();
		},
	};
	return monitor;
}
