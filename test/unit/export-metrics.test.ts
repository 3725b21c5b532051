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
		const series = `replwatch_link_bytes_behind{leader="${link.leader}",follower="${link.follower}"}`;
		expect(await exporter.metrics()).toContain(`${series} ${link.lagBytes}`);
		const links = ctx.topology.links.map(l => (l === link ? {...l, lagBytes: 123_456} : l));
		current = {...first, tick: 2, lastTickAt: ctx.now + 1000, topology: {...ctx.topology, links}};
		exporter.observe(current);
		expect(await exporter.metrics()).toContain(`${series} 123456`);
		const event = {at: ctx.now + 1500, node: link.follower, kind: 'link-down', text: 'link down'} as const;
		exporter.observe({...current, events: [event]});
		expect(await exporter.metrics()).toContain('replwatch_events_total{kind="link-down"} 1');
	});
});
