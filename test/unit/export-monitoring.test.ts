import {readFileSync} from 'node:fs';
import {describe, expect, test} from 'vitest';
import {checkIds, defaultSettings} from '../../source/checks/index.js';
import {registry} from '../../source/checks/registry.js';
import {dashboard} from '../../source/export/grafana.js';
import {checkRules, rulesYaml} from '../../source/export/prometheus-rules.js';

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
		expect(yaml).toContain('expr: "max without (state) (replwatch_link_seconds_behind) > 3"');
		expect(yaml).toContain('expr: "max without (state) (replwatch_link_bytes_behind) > 1000000"');
		expect(yaml).not.toContain('ReplwatchCheckWarn');
	});

	test('the dashboard provisions from a file: a datasource variable every panel uses, job and instance variables in every query', () => {
		const d = dashboard() as {__inputs?: unknown; templating: {list: {name: string; type: string; query: unknown}[]}; panels: {type: string; datasource?: {uid: string}; targets?: {expr: string; datasource: {uid: string}}[]}[]};
		expect(d.__inputs).toBeUndefined();
		expect(d.templating.list.map(v => [v.name, v.type])).toEqual([['datasource', 'datasource'], ['job', 'query'], ['instance', 'query']]);
		expect(d.templating.list[0]!.query).toBe('prometheus');
		const panels = d.panels.filter(p => p.type !== 'row');
		for (const p of panels) {
			expect(p.datasource?.uid).toBe('${datasource}');
			for (const t of p.targets ?? []) {
				expect(t.datasource.uid).toBe('${datasource}');
				expect(t.expr).toContain('job=~"$job", instance=~"$instance"');
			}
		}
		expect(JSON.stringify(d)).not.toContain('DS_PROMETHEUS');
	});

	test('the checklist panels follow the checklist: 1.1 … 2.4 before 3, 4, 5, 6', () => {
		const d = dashboard() as {panels: {type: string; title: string; targets?: {expr: string}[]}[]};
		const order = registry.map(c => c.section).filter((s, i, all) => all.indexOf(s) === i);
		expect(order.slice(0, 2)).toEqual(['1.1', '1.2']);
		const sectionTitles = d.panels.filter(p => p.type === 'stat').map(p => p.title.split(' ')[0]);
		expect(sectionTitles).toEqual(order);
		expect(sectionTitles.indexOf('1.1')).toBeLessThan(sectionTitles.indexOf('3'));
	});

	test('the shipped rules cover the exporter down and its series absent, and the lag rules ignore the state label', () => {
		const yaml = rulesYaml(defaultSettings);
		expect(yaml).toContain('- alert: ReplwatchExporterDown\n        expr: "up{job=\\"replwatch\\"} == 0"\n        for: 60s');
		expect(yaml).toContain('- alert: ReplwatchAbsent\n        expr: "absent(replwatch_last_tick_timestamp_seconds{job=\\"replwatch\\"})"\n        for: 60s');
		expect(yaml).toContain('expr: "max without (state) (replwatch_link_seconds_behind) > 10"\n        for: 5s\n        keep_firing_for: 10s');
		expect(rulesYaml(defaultSettings, {exporterDownSeconds: 3})).toContain('up{job=\\"replwatch\\"} == 0"\n        for: 3s');
	});
});
