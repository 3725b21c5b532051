import {Counter, Gauge, Registry} from 'prom-client';
import type {Alert} from '../model/alerts.js';
import type {Snapshot} from '../model/snapshot.js';
import type {CheckStatus, TimelineEvent} from '../model/types.js';
import {sanitize} from '../model/sanitize.js';
import {viewOf, type NodeView} from '../model/node-view.js';
import {topologyEventKinds} from '../model/events.js';
import type {SentinelView, TopologyNode} from '../model/types.js';
import {sentinelState} from '../sentinel/parse.js';
import {linkSeries, OffsetMemory, type LinkSeries} from './link-series.js';

/** replwatch_check_status values: a threshold `>= 1` is "warn or worse". */
export const checkStatusValue: Readonly<Record<CheckStatus, number>> = {unknown: -1, pass: 0, info: 0, warn: 1, fail: 2};
export const alertStateValue: Readonly<Record<Alert['state'], number>> = {resolved: 0, pending: 1, firing: 2};

export interface MetricsSource {
	/** The monitor's latest state; a scrape reads only this (no Redis traffic). */
	snapshot(): Snapshot;
}

export interface Exporter {
	readonly registry: Registry;
	/** Counts events and full syncs of a published snapshot (call for every one: counters must not miss any). */
	observe(snapshot: Snapshot): void;
	metrics(): Promise<string>;
	readonly contentType: string;
}

/** Event kinds from outside the topology diff (Sentinel messages, heartbeat writes, discovery limits, the engine). */
const otherEventKinds = ['sentinel', 'heartbeat-refused', 'heartbeat-accepted', 'discovery-capped', 'discovery-refused', 'replicas-omitted', 'engine-error'];

/** A node that does not answer is not reported as a master: it may have been replaced (split-brain queries count masters). */
function roleOf(n: TopologyNode): string {
	if (n.sample.reachable) return n.role;
	return n.role === 'master' ? 'former_master' : 'unknown';
}

/** After a scrape, texts are rendered ahead (after each tick) for this long; then only on demand. */
const prerenderWhileScrapedMs = 5 * 60_000;

// Labels hold addresses, check ids and titles, rule names: never a credential (addresses are host:port).
const label = (value: string) => sanitize(value).slice(0, 200);

/**
 * The Prometheus view of the monitor: gauges are filled from the latest snapshot at scrape time,
 * counters from every snapshot as it is published.
 */
export function createExporter(source: MetricsSource): Exporter {
	const registry = new Registry();
	type Fill<L extends string> = (gauge: Gauge<L>, snapshot: Snapshot) => void;
	const gauge = <L extends string>(name: string, help: string, labelNames: readonly L[], fill: Fill<L>) =>
		new Gauge<L>({
			name, help, labelNames, registers: [registry],
			collect(this: Gauge<L>) {
				this.reset();
				fill(this, source.snapshot());
			},
		});
	const offsets = new OffsetMemory();
	// One computation of the link series per snapshot: every link gauge reads the same list.
	let linksFor: {snapshot: Snapshot; list: readonly LinkSeries[]} | undefined;
	const linksOf = (s: Snapshot) => {
		if (linksFor?.snapshot !== s) linksFor = {snapshot: s, list: linkSeries(s.topology, s.history, offsets)};
		return linksFor.list;
	};
	const link = (name: string, help: string, value: (l: LinkSeries) => number | null, withState = false) =>
		gauge(name, help, withState ? ['leader', 'follower', 'state'] : ['leader', 'follower'], (g, s) => {
			for (const l of linksOf(s)) {
				const v = value(l);
				if (v === null) continue;
				const labels: Record<string, string> = {leader: label(l.leader), follower: label(l.follower)};
				if (withState) labels.state = l.state;
				g.set(labels, v);
			}
		});
	const lagNote = 'state: online (live), sync (full sync), link_down, unreachable (measured from the last offsets known of both ends).';
	link('replwatch_link_bytes_behind', `Bytes the follower is behind its leader (master_repl_offset - follower offset); ${lagNote}`, l => l.bytesBehind, true);
	link('replwatch_link_seconds_behind', `Seconds the follower is behind, from the leader's offset history; ${lagNote}`, l => l.secondsBehind, true);
	link('replwatch_link_seconds_behind_lower_bound', '1 when seconds behind is only a lower bound: the leader\'s offset history replwatch holds is shorter than the lag.', l => (l.secondsBehind === null ? null : l.secondsLowerBound ? 1 : 0));
	link('replwatch_link_apply_backlog_bytes', 'Bytes received by the follower but not applied yet (6.2.6+).', l => l.applyBacklogBytes);
	link('replwatch_link_ack_age_seconds', 'Seconds since the follower last acknowledged (lag of the leader\'s slaveN line).', l => l.ackAgeSeconds);
	link('replwatch_link_up', '1 when the replication link is up.', l => (l.linkUp ? 1 : 0));
	link('replwatch_master_sync_in_progress', '1 while the follower loads a full sync from its leader (master_sync_in_progress).', l => (l.syncInProgress ? 1 : 0));
	link('replwatch_master_last_io_seconds_ago', 'Seconds since the follower last heard from its leader (master_last_io_seconds_ago), while the link is up.', l => l.lastIoSeconds);
	link('replwatch_master_link_down_since_seconds', 'Seconds the follower\'s link has been down (master_link_down_since_seconds).', l => l.linkDownSinceSeconds);
	gauge('replwatch_node_up', '1 when the node answered its last poll.', ['node'], (g, s) => {
		for (const n of Object.values(s.topology.nodes)) g.set({node: label(n.address)}, n.sample.reachable ? 1 : 0);
	});
	gauge('replwatch_node_role', '1 for the role the node reports (master, replica, sentinel); a node that does not answer: former_master (it was a master) or unknown.', ['node', 'role'], (g, s) => {
		for (const n of Object.values(s.topology.nodes)) g.set({node: label(n.address), role: roleOf(n)}, 1);
	});
	const node = (name: string, help: string, value: (v: NodeView) => number | undefined) =>
		gauge(name, help, ['node'], (g, s) => {
			for (const n of Object.values(s.topology.nodes)) {
				const view = n.sample.reachable && n.role !== 'sentinel' ? viewOf(n.sample) : undefined;
				const v = view && value(view);
				if (v !== undefined && Number.isFinite(v)) g.set({node: label(n.address)}, v);
			}
		});
	node('replwatch_connected_replicas', 'Replicas connected to the node (connected_slaves).', v => v.connectedReplicas);
	node('replwatch_master_repl_offset', 'The node\'s replication offset (master_repl_offset).', v => v.masterReplOffset);
	node('replwatch_repl_backlog_is_active', '1 when the node keeps a replication backlog (repl_backlog_active).', v => (v.backlog.active === undefined ? undefined : v.backlog.active ? 1 : 0));
	node('replwatch_replica_partial_resync_denied', 'Partial resyncs the node refused since its start (sync_partial_err): each one was a full sync.', v => v.resyncs.partialErr);
	node('replwatch_replica_partial_resync_accepted', 'Partial resyncs the node accepted since its start (sync_partial_ok).', v => v.resyncs.partialOk);
	node('replwatch_replica_resyncs_full', 'Full syncs the node served since its start (sync_full).', v => v.resyncs.full);
	type SentinelLabels = 'sentinel' | 'master_name';
	const sentinel = (name: string, help: string, value: (v: SentinelView) => number | undefined) =>
		gauge<SentinelLabels>(name, help, ['sentinel', 'master_name'], (g, s) => {
			for (const v of s.topology.sentinels) {
				const n = v.reachable ? value(v) : undefined;
				if (n !== undefined) g.set({sentinel: label(v.address), master_name: label(v.masterName)}, n);
			}
		});
	sentinel('replwatch_sentinel_tilt', '1 while the Sentinel is in TILT mode (it acts on nothing).', v => (v.tilt === undefined ? undefined : v.tilt ? 1 : 0));
	sentinel('replwatch_sentinel_master_setting_quorum', 'The quorum configured for the master on this Sentinel.', v => sentinelState(v).quorum);
	sentinel('replwatch_sentinel_master_sentinels', 'Sentinels this Sentinel knows for the master, itself included (num-other-sentinels + 1).', v => {
		const others = sentinelState(v).numOtherSentinels;
		return others === undefined ? undefined : others + 1;
	});
	sentinel('replwatch_sentinel_master_ok_sentinels', 'Usable Sentinels for the master per SENTINEL CKQUORUM.', v => sentinelState(v).usableSentinels ?? undefined);
	sentinel('replwatch_sentinel_master_ckquorum_ok', '1 when SENTINEL CKQUORUM says quorum and failover authorization can be reached.', v => {
		const ok = sentinelState(v).quorumOk;
		return ok === undefined ? undefined : ok ? 1 : 0;
	});
	gauge('replwatch_node_version_info', '1, labelled with the server product and version.', ['node', 'product', 'version'], (g, s) => {
		for (const n of Object.values(s.topology.nodes)) if (n.version) g.set({node: label(n.address), product: n.product ?? 'redis', version: label(n.version)}, 1);
	});
	gauge('replwatch_node_repl_backlog_bytes', 'repl-backlog-size of the node (the alert rules compare bytes behind with it).', ['node'], (g, s) => {
		for (const n of Object.values(s.topology.nodes)) {
			const size = viewOf(n.sample)?.backlog.size;
			if (size !== undefined) g.set({node: label(n.address)}, size);
		}
	});
	gauge('replwatch_check_status', 'Checklist verdict: -1 unknown, 0 pass or info, 1 warn, 2 fail.', ['id', 'section', 'title'], (g, s) => {
		for (const c of s.checks) g.set({id: c.id, section: c.section, title: label(c.title)}, checkStatusValue[c.status]);
	});
	gauge('replwatch_alert_state', 'replwatch\'s own alerts: 0 resolved (recently), 1 pending, 2 firing.', ['rule', 'subject', 'severity'], (g, s) => {
		for (const a of [...(s.alerts ?? [])].reverse()) g.set({rule: a.rule, subject: label(a.subject), severity: a.severity}, alertStateValue[a.state]);
	});
	gauge('replwatch_last_tick_timestamp_seconds', 'When the monitor last completed a poll of every node.', [], (g, s) => {
		if (s.lastTickAt !== null) g.set(s.lastTickAt / 1000);
	});
	const events = new Counter<'kind'>({name: 'replwatch_events_total', help: 'Timeline events seen (failover, link-down, restart, full-sync-served, …).', labelNames: ['kind'], registers: [registry]});
	// From zero: increase() over a counter's first sample is 0, so a kind first seen at 1 would never alert.
	for (const kind of [...topologyEventKinds, ...otherEventKinds]) events.inc({kind}, 0);
	const fullSyncs = new Counter<'node'>({name: 'replwatch_full_syncs_total', help: 'Full syncs served by the node since replwatch started (sync_full increases).', labelNames: ['node'], registers: [registry]});

	const seen = new Set<TimelineEvent>();
	let seenList: readonly TimelineEvent[] = [];
	const syncFull = new Map<string, {runId: string; total: number}>();
	// The text is rendered once per published snapshot and kept: prom-client's rendering of a 100-node
	// fleet (~1000 series) costs a few ms, a scrape of the kept text only its write. While someone
	// scrapes, the next text is rendered right after each tick, so a scrape never waits for it.
	let observed = 0;
	let lastScrapeAt = Number.NEGATIVE_INFINITY;
	let rendered: {snapshot: Snapshot; observed: number; text: Promise<string>} | undefined;
	const render = (): Promise<string> => {
		const snapshot = source.snapshot();
		if (rendered?.snapshot === snapshot && rendered.observed === observed) return rendered.text;
		const entry = {snapshot, observed, text: registry.metrics()};
		entry.text.catch(() => {
			if (rendered === entry) rendered = undefined;
		});
		rendered = entry;
		return entry.text;
	};
	return {
		registry,
		contentType: registry.contentType,
		metrics() {
			lastScrapeAt = Date.now();
			return render();
		},
		observe(snapshot) {
			observed++;
			offsets.remember(snapshot.topology);
			if (Date.now() - lastScrapeAt < prerenderWhileScrapedMs) setImmediate(() => void render().catch(() => undefined));
			if (snapshot.events !== seenList) {
				for (const e of snapshot.events) if (!seen.has(e)) events.inc({kind: label(e.kind)});
				seen.clear();
				for (const e of snapshot.events) seen.add(e);
				seenList = snapshot.events;
			}
			for (const n of Object.values(snapshot.topology.nodes)) {
				const view = viewOf(n.sample);
				const runId = view?.runId;
				const total = view?.resyncs.full;
				if (runId === undefined || total === undefined) continue;
				const was = syncFull.get(n.address);
				if (was && was.runId === runId && total > was.total) fullSyncs.inc({node: label(n.address)}, total - was.total);
				else if (!was) fullSyncs.inc({node: label(n.address)}, 0);
				syncFull.set(n.address, {runId, total});
			}
		},
	};
}
