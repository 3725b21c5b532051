import {readFileSync} from 'node:fs';
import {describe, expect, test} from 'vitest';
import {checkIds, defaultSettings} from '../../source/checks/index.js';
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
		expect(yaml).toContain('expr: "replwatch_link_seconds_behind > 3"');
		expect(yaml).toContain('expr: "replwatch_link_bytes_behind > 1000000"');
		expect(yaml).not.toContain('ReplwatchCheckWarn');
	});
});
