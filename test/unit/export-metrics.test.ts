import {describe, expect, test} from 'vitest';
import {runChecks} from '../../source/checks/index.js';
import {createExporter} from '../../source/export/metrics.js';
import type {Snapshot} from '../../source/model/snapshot.js';
import {contextFor} from './checks-builder.js';

describe('metrics from a snapshot', () => {
	test('a scrape renders links, nodes and checks from the monitor state, with no password anywhere', async () => {
		const ctx = contextFor('auth-mismatch');
		const checks = runChecks(ctx);
		const snapshot = {tick: 3, startedAt: 0, lastTickAt: ctx.now, lastTickMs: 5, intervalMs: 1000, paused: false, topology: ctx.topology, history: ctx.history, checks, events: []} as Snapshot;
		const exporter = createExporter({snapshot: () => snapshot});
		exporter.observe(snapshot);
		const text = await exporter.metrics();
		for (const l of ctx.topology.links) expect(text).toContain(`replwatch_link_up{leader="${l.leader}",follower="${l.follower}"} ${l.linkStatus === 'up' ? 1 : 0}`);
		for (const c of checks) expect(text).toMatch(new RegExp(`replwatch_check_status\\{id="${c.id.replace(/\./g, '\\.')}",section="${c.section}",title="[^"]+"\\} -?\\d`));
		const configs = Object.values(ctx.topology.nodes).flatMap(n => Object.entries(n.sample.config ?? {}));
		for (const [name, value] of configs) if (/pass|auth/.test(name) && value.length > 3) expect(text).not.toContain(value);
		expect(text).not.toMatch(/masterauth|requirepass/);
	});

	test('a scrape after the next tick shows its numbers, and an event counted between ticks shows at once (the kept text is never stale)', async () => {
		const ctx = contextFor('healthy');
		const first = {tick: 1, startedAt: 0, lastTickAt: ctx.now, lastTickMs: 5, intervalMs: 1000, paused: false, topology: ctx.topology, history: ctx.history, checks: runChecks(ctx), events: []} as Snapshot;
		let current = first;
		const exporter = createExporter({snapshot: () => current});
		exporter.observe(first);
		const link = ctx.topology.links[0]!;
		const series = `replwatch_link_bytes_behind{leader="${link.leader}",follower="${link.follower}",state="online"}`;
		expect(await exporter.metrics()).toContain(`${series} ${link.lagBytes}`);
		const links = ctx.topology.links.map(l => (l === link ? {...l, lagBytes: 123_456} : l));
		current = {...first, tick: 2, lastTickAt: ctx.now + 1000, topology: {...ctx.topology, links}};
		exporter.observe(current);
		expect(await exporter.metrics()).toContain(`${series} 123456`);
		const event = {at: ctx.now + 1500, node: link.follower, kind: 'link-down', text: 'link down'} as const;
		exporter.observe({...current, events: [event]});
		expect(await exporter.metrics()).toContain('replwatch_events_total{kind="link-down"} 1');
	});

	test('every event kind is counted from 0 before it first happens, so increase() sees the first failover', async () => {
		const ctx = contextFor('healthy');
		const snapshot = {tick: 1, startedAt: 0, lastTickAt: ctx.now, lastTickMs: 5, intervalMs: 1000, paused: false, topology: ctx.topology, history: ctx.history, checks: [], events: []} as Snapshot;
		const exporter = createExporter({snapshot: () => snapshot});
		exporter.observe(snapshot);
		const text = await exporter.metrics();
		for (const kind of ['failover', 'link-down', 'restart', 'full-sync-served', 'split-brain', 'sentinel']) expect(text).toContain(`replwatch_events_total{kind="${kind}"} 0`);
		const failover = {at: ctx.now + 1000, node: 'n', kind: 'failover', text: 'became master (was replica)'} as const;
		exporter.observe({...snapshot, events: [failover]});
		expect(await exporter.metrics()).toContain('replwatch_events_total{kind="failover"} 1');
	});

	test('a master that stops answering is reported as former_master, never as a master', async () => {
		const ctx = contextFor('healthy');
		const leader = ctx.topology.groups[0]!.leader!;
		const dead = {...ctx.topology.nodes[leader]!, sample: {address: leader, at: ctx.now, reachable: false, error: {kind: 'refused', message: 'connection refused'}}} as const;
		const topology = {...ctx.topology, nodes: {...ctx.topology.nodes, [leader]: dead}};
		const snapshot = {tick: 1, startedAt: 0, lastTickAt: ctx.now, lastTickMs: 5, intervalMs: 1000, paused: false, topology, history: ctx.history, checks: [], events: []} as Snapshot;
		const exporter = createExporter({snapshot: () => snapshot});
		const text = await exporter.metrics();
		expect(text).toContain(`replwatch_node_role{node="${leader}",role="former_master"} 1`);
		expect(text).not.toMatch(/replwatch_node_role\{node="[^"]+",role="master"\} 1/);
		expect(text).toContain(`replwatch_node_up{node="${leader}"} 0`);
	});
});
