import {Counter, Gauge, Registry} from 'prom-client';
import type {Alert} from '../model/alerts.js';
import type {Snapshot} from '../model/snapshot.js';
import type {CheckStatus, TimelineEvent} from '../model/types.js';
import {sanitize} from '../model/sanitize.js';
import {viewOf} from '../model/node-view.js';

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
	type LinkOf = Snapshot['topology']['links'][number];
	const link = (name: string, help: string, value: (l: LinkOf) => number | null) =>
		gauge(name, help, ['leader', 'follower'], (g, s) => {
			for (const l of s.topology.links) {
				const v = value(l);
				if (v !== null) g.set({leader: label(l.leader), follower: label(l.follower)}, v);
			}
		});
	link('replwatch_link_bytes_behind', 'Bytes the follower is behind its leader (master_repl_offset - follower offset).', l => l.lagBytes);
	link('replwatch_link_seconds_behind', 'Seconds the follower is behind, from the leader\'s offset history.', l => l.lagSeconds);
	link('replwatch_link_apply_backlog_bytes', 'Bytes received by the follower but not applied yet (6.2.6+).', l => l.applyBacklogBytes);
	link('replwatch_link_ack_age_seconds', 'Seconds since the follower last acknowledged (lag of the leader\'s slaveN line).', l => l.ackAgeSeconds);
	link('replwatch_link_up', '1 when the replication link is up.', l => (l.linkStatus === 'up' ? 1 : 0));
	gauge('replwatch_node_up', '1 when the node answered its last poll.', ['node'], (g, s) => {
		for (const n of Object.values(s.topology.nodes)) g.set({node: label(n.address)}, n.sample.reachable ? 1 : 0);
	});
	gauge('replwatch_node_role', '1 for the role the node reports (master, replica, sentinel, unknown).', ['node', 'role'], (g, s) => {
		for (const n of Object.values(s.topology.nodes)) g.set({node: label(n.address), role: n.role}, 1);
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
