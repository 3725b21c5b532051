import {readFileSync} from 'node:fs';
import {describe, expect, test} from 'vitest';
import {checkIds, defaultSettings, runChecks} from '../../source/checks/index.js';
import {dashboard} from '../../source/export/grafana.js';
import {createExporter} from '../../source/export/metrics.js';
import {checkRules, rulesYaml} from '../../source/export/prometheus-rules.js';
import type {Snapshot} from '../../source/model/snapshot.js';
import {contextFor} from './checks-builder.js';

const shipped = (name: string) => readFileSync(new URL(`../../monitoring/${name}`, import.meta.url), 'utf8');

describe('shipped monitoring files', () => {
	test('the committed rule file and dashboard are what the generator writes (run npm run monitoring)', () => {
		expect(shipped('replwatch.rules.yml')).toBe(rulesYaml(defaultSettings));
		expect(shipped('replwatch-dashboard.json')).toBe(`${JSON.stringify(dashboard(), null, 2)}\n`);
	});

	test('every check of the registry has a fail rule and a warn rule, and a dashboard tile', () => {
		const rules = checkRules(defaultSettings);
		expect(rules.filter(r => r.alert === 'ReplwatchCheckFail').map(r => r.labels?.check)).toEqual(checkIds);
		expect(rules.filter(r => r.alert === 'ReplwatchCheckWarn').map(r => r.labels?.check)).toEqual(checkIds);
		const exprs = JSON.stringify(dashboard());
		for (const id of checkIds) expect(exprs).toContain(id.replace(/\./g, '\\\\\\\\.'));
	});

	test('thresholds come from the settings', () => {
		const yaml = rulesYaml({...defaultSettings, alertLagSeconds: 3, alertLagBytes: 1_000_000, alertOnCheckWarn: false});
		expect(yaml).toContain('expr: "replwatch_link_seconds_behind > 3"');
		expect(yaml).toContain('expr: "replwatch_link_bytes_behind > 1000000"');
		expect(yaml).not.toContain('ReplwatchCheckWarn');
	});
});

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
});
