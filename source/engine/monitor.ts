import type {NodeTarget} from '../redis/settings.js';
import type {MonitorSettings} from './settings.js';
import {commandName} from '../redis/settings.js';
import {AlertEngine} from '../alerts/engine.js';
import {loadSettings, type Settings} from '../checks/index.js';
import type {Alert} from '../model/alerts.js';
import {Ring} from '../model/ring.js';
import type {AppliedFix, MonitorHandle, Snapshot} from '../model/snapshot.js';
import type {Address, CheckResult, NodeSample, SentinelView, TimelineEvent, Topology} from '../model/types.js';
import {SentinelEventFeed} from '../sentinel/events.js';
import {SentinelTracker} from '../sentinel/tracker.js';
import {clusterAddresses, fetchClusterShards} from '../cluster/fetch.js';
import type {ClusterShard} from '../cluster/parse.js';
import {splitAddress} from '../model/address.js';
import {createConnection, readTls} from '../redis/connection.js';
import {sanitize} from '../model/sanitize.js';
import {Heartbeat, type HeartbeatReading} from '../triage/heartbeat.js';
import {Derivation, type Frame} from './derive.js';
import {discoverNew, neighbours} from './discovery.js';
import {DiscoveryGate} from './discovery-gate.js';
import {Poller, type PollTarget} from './poller.js';
import {viewOf} from '../model/node-view.js';

export type {PollTarget} from './poller.js';

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
	/** Full INFO / CONFIG GET cadence (defaults 15 s / 60 s: the Redis CPU budget, see poller). */
	readonly heavyEveryMs?: number;
	readonly configEveryMs?: number;
	/** Events kept for the timeline (default 500). */
	readonly maxEvents?: number;
}

const emptyTopology = (at: number): Topology => ({at, nodes: {}, links: [], groups: [], sentinels: []});
const maxDiscoveryRounds = 6;
/** Ticks a never-reached node known only from a pointer stays once no live node points at it. */
const orphanTicks = 3;
const clusterRefreshMs = 30_000;

const sentinelAuth = (c: NodeTarget['credentials']) => ({...(c.user ? {username: c.user} : {}), ...(c.password ? {password: c.password} : {})});

function delay(ms: number): Promise<void> {
	return new Promise(resolve => setTimeout(resolve, ms).unref?.());
}

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
	const history = derivation.history;
	const poller = new Poller({
		timeoutMs: options.timeoutMs,
		intervalMs: options.intervalMs,
		tls: options.tls,
		configName: address => commandName(options.renameCommands, address, 'CONFIG'),
		now,
		...(deps.heavyEveryMs ? {heavyEveryMs: deps.heavyEveryMs} : {}),
		...(deps.configEveryMs ? {configEveryMs: deps.configEveryMs} : {}),
	});
	const latest = new Map<Address, NodeSample>();
	/** Each node's probe in flight (settle() waits for the ones that never answered yet). */
	const inFlight = new Map<Address, Promise<unknown>>();
	const via = new Map<Address, string>();
	const seeds = new Set<Address>();
	const aliases = new Set<Address>();
	const runIds = new Map<string, Address>();
	const aliasOf = new Map<Address, Address>();
	/** Samples absorbed since the last frame: a recording stores each sample once. */
	let fresh: NodeSample[] = [];
	let observer: TickObserver | undefined;
	let recording: string | undefined;
	const fixes: AppliedFix[] = [];
	const maxFixes = 200;
	const everReached = new Set<Address>();
	const unpointedTicks = new Map<Address, number>();
	const events = new Ring<TimelineEvent>(deps.maxEvents ?? 500);
	const listeners = new Set<(snapshot: Snapshot) => void>();
	const defaults: Omit<PollTarget, 'address'> = {credentials: options.credentials, tls: options.tls.enabled};

	// --heartbeat is the one feature that writes: without the flag nothing here exists.
	const heartbeat = options.heartbeat
		? new Heartbeat({
				connect: address => {
					const target = poller.target(address);
					return createConnection({address, credentials: target?.credentials ?? options.credentials, tls: options.tls, timeoutMs: options.timeoutMs}, target?.tls ?? options.tls.enabled);
				},
				now,
			})
		: undefined;
	const heartbeatLag = new Map<Address, {lagMs: number; at: number}>();
	const heartbeatRefused = new Map<Address, string>();
	let heartbeatRun: Promise<void> | undefined;

	let tracker: SentinelTracker | undefined;
	let sentinelViews: readonly SentinelView[] = [];
	let sentinelPoll: Promise<void> | undefined;
	const sentinelConnect = () => ({
		timeoutMs: options.timeoutMs,
		// Sentinels with their own credentials get them (--sentinel-user/--sentinel-pass); else the data ones, as before.
		...sentinelAuth(options.sentinelCredentials ?? options.credentials),
		// The same CA, client certificate and --insecure as data nodes.
		...(options.tls.enabled ? {tls: readTls(options.tls)} : {}),
	});
	const sentinelTracker = (seeds: readonly Address[]) => new SentinelTracker({
		seeds,
		...(options.masterName ? {masterNames: [options.masterName]} : {}),
		...sentinelConnect(),
		inNetwork: address => gate.inNetwork(address),
	});
	// Sentinel's own events (+sdown, +odown, failover states, +switch-master) as they happen, into the timeline.
	let sentinelFeed: SentinelEventFeed | undefined;
	const feedSentinels = (sentinels: readonly Address[]) => {
		if (stopped) return;
		sentinelFeed ??= new SentinelEventFeed(event => {
			if (stopped) return;
			pushEvent(event);
			publish();
		}, {...sentinelConnect(), now});
		sentinelFeed.watch(sentinels);
	};
	let clusterShards: readonly ClusterShard[] | undefined;
	let clusterAt = 0;
	let clusterFetch: Promise<void> | undefined;
	if (options.sentinels.length > 0) tracker = sentinelTracker(options.sentinels);

	const gate = new DiscoveryGate({
		given: [...options.nodes.map(n => n.address), ...options.sentinels],
		...(options.maxNodes ? {maxNodes: options.maxNodes} : {}),
		...(options.discoverAllow ? {allow: options.discoverAllow} : {}),
	});
	const addNode = (target: PollTarget, how: string) => {
		if (aliases.has(target.address) || poller.has(target.address)) return false;
		if (how !== 'seed' && !gate.admit(target.address, how, poller.size)) return false;
		if (!poller.add(target)) return false;
		via.set(target.address, how);
		return true;
	};
	for (const node of options.nodes) {
		addNode(toTarget(node), 'seed');
		seeds.add(node.address);
	}

	let tick = 0;
	let lastTickAt: number | null = null;
	let lastTickMs: number | null = null;
	let paused = false;
	let stopped = false;
	let started = false;
	let timer: NodeJS.Timeout | undefined;
	let running: Promise<Snapshot> | undefined;
	let republishQueued = false;
	let topology: Topology = emptyTopology(startedAt);
	let checks: readonly CheckResult[] = [];
	const alerting = new AlertEngine(settings);
	let alerts: readonly Alert[] = [];
	let snapshot: Snapshot = freeze();

	function toTarget(node: NodeTarget): PollTarget {
		return {address: node.address, credentials: node.credentials, tls: node.tls};
	}

	function freeze(): Snapshot {
		return Object.freeze({
			tick,
			startedAt,
			lastTickAt,
			lastTickMs,
			intervalMs: options.intervalMs,
			paused,
			topology,
			history,
			checks,
			events: Object.freeze(events.toArray()),
			lagPeaks: derivation.lagPeaks(),
			alerts,
			fixes: Object.freeze([...fixes]),
			...(recording ? {recording} : {}),
			notices: Object.freeze(gate.notices()),
		});
	}

	function publish(): void {
		snapshot = freeze();
		for (const listener of [...listeners]) {
			try {
				listener(snapshot);
			} catch {
				// a listener's failure must not stop the engine
			}
		}
	}

	/** The same node reached under two names (localhost vs 127.0.0.1): keep the first one. */
	function isAlias(sample: NodeSample): boolean {
		const runId = viewOf(sample)?.runId;
		if (!runId) return false;
		const owner = runIds.get(runId);
		if (owner === undefined || owner === sample.address || !latest.get(owner)?.reachable || viewOf(latest.get(owner))?.runId !== runId) {
			runIds.set(runId, sample.address);
			return false;
		}
		if (seeds.has(sample.address)) return false;
		aliasOf.set(sample.address, owner);
		return true;
	}

	function absorb(sample: NodeSample): void {
		if (stopped || !poller.has(sample.address)) return;
		if (isAlias(sample)) {
			aliases.add(sample.address);
			poller.remove(sample.address);
			latest.delete(sample.address);
			return;
		}
		if (sample.info?.replicasOmitted) gate.replicaLinesOmitted(sample.address, sample.info.replicasOmitted);
		latest.set(sample.address, sample);
		if (sample.reachable) everReached.add(sample.address);
		// A Sentinel given as a plain node: follow what it monitors, as with --sentinel.
		if (!tracker && options.discover && viewOf(sample)?.mode === 'sentinel') tracker = sentinelTracker([sample.address]);
		derivation.absorb(sample);
		if (observer) fresh.push(sample);
	}

	function monitorSamplesOf(all: readonly TimelineEvent[]): {monitorSamples?: readonly TimelineEvent[]} {
		const latestPerNode = new Map<Address, TimelineEvent>();
		for (const e of all) if (e.kind === 'monitor-sample') latestPerNode.set(e.node, e);
		return latestPerNode.size ? {monitorSamples: [...latestPerNode.values()]} : {};
	}

	function rebuild(at: number): void {
		const frame: Frame = {
			at,
			samples: poller.addresses().flatMap(a => (latest.has(a) ? [latest.get(a)!] : [])),
			via: new Map(via),
			aliases: new Map(aliasOf),
			sentinels: sentinelViews,
			...(clusterShards ? {shards: clusterShards} : {}),
			...(heartbeat ? {heartbeat: freshHeartbeats(at)} : {}),
			...monitorSamplesOf(events.toArray()),
		};
		const derived = derivation.derive(frame);
		for (const e of derived.events) events.push(e);
		// The frame before the events noted after it: a replay meets them in the same order.
		if (observer) {
			const record = {tick, lastTickMs, frame, fresh};
			fresh = [];
			try {
				observer.frame(record);
			} catch {
				// a recording's failure must not stop the engine
			}
		}
		for (const e of gate.drainEvents(at)) pushEvent(e);
		topology = derived.topology;
		checks = derived.checks;
		alerts = alerting.evaluate({topology, checks, events: derived.events, at}).alerts;
	}

	function pushEvent(event: TimelineEvent): void {
		events.push(event);
		try {
			observer?.event(event);
		} catch {
			// as above
		}
	}

	/** A straggler (slow or hung node) answered after its tick was published: show it at once. */
	function lateArrival(): void {
		if (republishQueued || stopped) return;
		republishQueued = true;
		setImmediate(() => {
			republishQueued = false;
			if (stopped || running) return;
			rebuild(now());
			publish();
		});
	}

	function probe(addresses: readonly Address[], tickStarted: number): Promise<unknown>[] {
		const pending: Promise<unknown>[] = [];
		for (const address of addresses) {
			const p = poller.probe(address);
			if (!p) continue;
			const done = p.then(sample => {
				absorb(sample);
				if (!running || now() - tickStarted > settleMs()) lateArrival();
			}).catch(() => {
				// run() turns every failure into an unreachable sample; nothing should land here
			}).finally(() => {
				if (inFlight.get(address) === done) inFlight.delete(address);
			});
			inFlight.set(address, done);
			pending.push(done);
		}
		return pending;
	}

	/** Waits (at most the timeout) for the probes of nodes that never answered yet, then publishes. */
	async function settle(): Promise<Snapshot> {
		const unsampled = [...inFlight].filter(([address]) => !latest.has(address)).map(([, p]) => p);
		if (unsampled.length === 0 || stopped) return snapshot;
		await Promise.race([Promise.allSettled(unsampled), delay(options.timeoutMs + 300)]);
		await running?.catch(() => undefined);
		if (stopped) return snapshot;
		rebuild(now());
		publish();
		return snapshot;
	}

	function pollSentinels(): Promise<unknown> | undefined {
		if (!tracker || sentinelPoll) return undefined;
		const t = tracker;
		sentinelPoll = t.poll().then(result => {
			sentinelViews = result.views;
			for (const address of result.dataNodes) addNode({address, ...defaults}, 'sentinel');
			feedSentinels(result.sentinels);
		}).catch(() => {}).finally(() => {
			sentinelPoll = undefined;
		});
		return sentinelPoll;
	}

	/** Cluster mode: a seed with cluster_enabled:1 brings every node of the cluster (CLUSTER SHARDS / NODES). */
	function fetchCluster(): Promise<void> | undefined {
		if (clusterFetch || !options.discover || (clusterShards && now() - clusterAt < clusterRefreshMs)) return undefined;
		const source = [...latest.values()].find(s => viewOf(s)?.clusterEnabled === true);
		if (!source) return undefined;
		// redis_version: the command set (Valkey 8 keeps 7.2.4 here for clients).
		const version = viewOf(source)?.field('redis_version');
		const pending = poller.withClient(source.address, client => fetchClusterShards(client, version, splitAddress(source.address).host));
		if (!pending) return undefined;
		clusterFetch = pending.then(shards => {
			clusterShards = shards;
			clusterAt = now();
			const parent = poller.target(source.address);
			for (const address of clusterAddresses(shards)) {
				addNode({address, credentials: parent?.credentials ?? options.credentials, tls: parent?.tls ?? options.tls.enabled}, 'cluster');
			}
		}).catch(() => {
			clusterAt = now();
		}).finally(() => {
			clusterFetch = undefined;
		});
		return clusterFetch;
	}

	/** One heartbeat round per replication group with a reachable leader (not cluster shards: the key may live elsewhere). */
	function beatHeart(): Promise<void> | undefined {
		if (!heartbeat || heartbeatRun || stopped) return undefined;
		const hb = heartbeat;
		const rounds = topology.groups.flatMap(g => {
			const leader = g.leader ? topology.nodes[g.leader] : undefined;
			if (g.kind !== 'replication' || !leader || leader.role !== 'master' || !leader.sample.reachable) return [];
			const followers = g.members.filter(m => m !== leader.address && topology.nodes[m]?.sample.reachable && topology.nodes[m]?.role === 'replica');
			return [hb.tick(leader.address, followers).then(absorbHeartbeat)];
		});
		if (rounds.length === 0) return undefined;
		heartbeatRun = Promise.allSettled(rounds).then(() => undefined).finally(() => {
			heartbeatRun = undefined;
		});
		return heartbeatRun;
	}

	function absorbHeartbeat(reading: HeartbeatReading): void {
		const refusal = reading.writeError ? `${reading.writeError.kind}` : undefined;
		const was = heartbeatRefused.get(reading.leader);
		if (refusal && was !== refusal) {
			pushEvent({at: now(), node: reading.leader, kind: 'heartbeat-refused', text: `heartbeat write refused: ${sanitize(reading.writeError!.message)}`});
			heartbeatRefused.set(reading.leader, refusal);
		} else if (!refusal && was) {
			pushEvent({at: now(), node: reading.leader, kind: 'heartbeat-accepted', text: 'heartbeat writes accepted again'});
			heartbeatRefused.delete(reading.leader);
		}
		for (const [follower, f] of Object.entries(reading.followers)) {
			// After a refused write the key only ages: its age is not the follower's lag.
			if (f.state === 'ok' && !refusal) heartbeatLag.set(follower, {lagMs: f.lagMs, at: reading.at});
			else heartbeatLag.delete(follower);
		}
	}

	/** Heartbeat readings recent enough to show (a stale one is not the follower's lag). */
	function freshHeartbeats(at: number): Map<Address, number> {
		const fresh = 3 * options.intervalMs + options.timeoutMs;
		const lags = new Map<Address, number>();
		for (const [follower, h] of heartbeatLag) if (at - h.at <= fresh) lags.set(follower, h.lagMs);
		return lags;
	}

	/**
	 * A node known only from a pointer (REPLICAOF to a wrong or closed port) and never reached is
	 * dropped once no live node has pointed at it for a few ticks: else it would stay "down" for
	 * ever. Only a refused connection (a closed port) counts: a node that times out is a real process
	 * that stopped answering (SIGSTOP before our first probe; its leader drops it after repl-timeout)
	 * and stays, like seeds, Sentinel and cluster nodes, and any node once reached.
	 */
	function dropOrphans(): void {
		const pointed = new Set<Address>();
		for (const sample of latest.values()) for (const d of neighbours(sample)) pointed.add(d.address);
		for (const address of poller.addresses()) {
			const how = via.get(address) ?? '';
			const fromPointer = how.startsWith('master-of ') || how.startsWith('replica-of ');
			const closedPort = latest.get(address)?.error?.kind === 'refused';
			if (!fromPointer || !closedPort || seeds.has(address) || everReached.has(address) || pointed.has(address)) {
				unpointedTicks.delete(address);
				continue;
			}
			const ticks = (unpointedTicks.get(address) ?? 0) + 1;
			if (ticks < orphanTicks) {
				unpointedTicks.set(address, ticks);
				continue;
			}
			unpointedTicks.delete(address);
			poller.remove(address);
			latest.delete(address);
			via.delete(address);
		}
	}

	// How long a tick waits for slow nodes before publishing what it has: a hung node must not delay the others.
	const settleMs = () => Math.min(options.timeoutMs + 150, Math.max(250, options.intervalMs * 0.6));

	async function runTick(): Promise<Snapshot> {
		const tickStarted = now();
		const deadline = tickStarted + settleMs();
		const waitSome = async (pending: Promise<unknown>[]) => {
			const left = deadline - now();
			if (pending.length === 0 || left <= 0) return;
			await Promise.race([Promise.allSettled(pending), delay(left)]);
		};
		let sentinelDone = pollSentinels();
		let sentinelAsked = sentinelDone !== undefined;
		let fresh = poller.addresses();
		const pending = probe(fresh, tickStarted);
		const beat = beatHeart();
		await waitSome([...pending, ...(sentinelDone ? [sentinelDone] : []), ...(beat ? [beat] : [])]);
		for (let round = 0; round < maxDiscoveryRounds && !stopped; round++) {
			const clusterDone = fetchCluster();
			if (clusterDone) await waitSome([clusterDone]);
			// A seed that turned out to be a Sentinel: ask it now, so the first frame is complete.
			if (!sentinelAsked && (sentinelDone = pollSentinels())) {
				sentinelAsked = true;
				await waitSome([sentinelDone]);
			}
			const found = options.discover ? discoverNew(fresh.flatMap(a => (latest.has(a) ? [latest.get(a)!] : [])), a => poller.has(a) || aliases.has(a)) : [];
			const added: Address[] = [];
			for (const d of found) {
				const parent = poller.target(d.via.slice(d.via.indexOf(' ') + 1));
				if (addNode({address: d.address, credentials: parent?.credentials ?? options.credentials, tls: parent?.tls ?? options.tls.enabled}, d.via)) added.push(d.address);
			}
			// Nodes Sentinel named that have not been probed yet.
			for (const a of poller.addresses()) if (!latest.has(a) && !fresh.includes(a) && !added.includes(a) && !poller.inFlight(a)) added.push(a);
			if (added.length === 0) break;
			await waitSome(probe(added, tickStarted));
			fresh = added;
		}
		if (options.discover) dropOrphans();
		const at = now();
		tick++;
		rebuild(at);
		lastTickAt = at;
		lastTickMs = at - tickStarted;
		publish();
		return snapshot;
	}

	function tickOnce(): Promise<Snapshot> {
		if (stopped) return Promise.resolve(snapshot);
		if (!running) {
			running = runTick().finally(() => {
				running = undefined;
			});
		}
		return running;
	}

	async function loop(): Promise<void> {
		timer = undefined;
		if (stopped) return;
		const began = now();
		if (!paused) {
			try {
				await tickOnce();
			} catch {
				// a failed tick is retried on the next interval
			}
		}
		if (stopped) return;
		timer = setTimeout(() => void loop(), Math.max(0, options.intervalMs - (now() - began)));
	}

	const monitor: Monitor<S> = {
		options,
		settings,
		targetOf: address => poller.target(address),
		note(event) {
			if (stopped) return;
			pushEvent({at: now(), node: sanitize(event.node), kind: sanitize(event.kind), text: sanitize(event.text)});
			publish();
		},
		noteFix(fix) {
			if (stopped) return;
			const entry: AppliedFix = {...fix, at: now()};
			fixes.push(entry);
			if (fixes.length > maxFixes) fixes.shift();
			try {
				observer?.fix(entry);
			} catch {
				// as above
			}
		},
		setObserver(next, label) {
			observer = next;
			recording = next ? label : undefined;
			// A recording started mid-run begins with every node's latest sample.
			fresh = next ? poller.addresses().flatMap(a => (latest.has(a) ? [latest.get(a)!] : [])) : [];
			if (next && paused) next.paused(true, now());
			publish();
		},
		async refresh(addresses) {
			poller.refresh(addresses);
			// A tick already running may have sent its requests before the change: run one more.
			await running?.catch(() => undefined);
			return tickOnce();
		},
		getSnapshot: () => snapshot,
		subscribe(listener) {
			listeners.add(listener);
			// Whoever watches wants data: the first subscriber starts the polling.
			monitor.start();
			return () => listeners.delete(listener);
		},
		setPaused(value) {
			if (paused === value) return;
			paused = value;
			try {
				observer?.paused(value, now());
			} catch {
				// as above
			}
			publish();
		},
		start() {
			if (started || stopped) return;
			started = true;
			void loop();
		},
		tickOnce,
		settle,
		async stop() {
			if (stopped) return;
			stopped = true;
			if (timer) clearTimeout(timer);
			await running?.catch(() => undefined);
			heartbeat?.close();
			await Promise.all([poller.close(), tracker?.close().catch(() => undefined), sentinelFeed?.close().catch(() => undefined)]);
			listeners.clear();
		},
	};
	return monitor;
}

