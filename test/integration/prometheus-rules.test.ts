import {spawnSync} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {defaultSettings} from '../../source/checks/index.js';
import {checkRules, rulesYaml} from '../../source/export/prometheus-rules.js';
import {which} from '../../source/lab/processes.js';

// promtool (Debian's prometheus package, installed by .ci/run) evaluates the generated rules over
// series written here, second by second, as Prometheus would.
const promtoolBin = which('promtool');
const dir = mkdtempSync(join(tmpdir(), 'replwatch-rules-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

const q = (text: string) => JSON.stringify(text);
const warnRule = (id: string) => checkRules(defaultSettings).find(r => r.alert === 'ReplwatchCheckWarn' && r.labels?.check === id)!;
const series = (id: string, values: string) => `      - series: 'replwatch_check_status{id="${id}",section="1.2",title="t"}'\n        values: '${values}'`;
const warnAlert = (id: string) => [
	'          - exp_labels:',
	'              severity: warning',
	`              check: ${q(id)}`,
	'              section: "1.2"',
	`              id: ${q(id)}`,
	'              title: t',
	'            exp_annotations:',
	`              summary: ${q(warnRule(id).summary)}`,
	`              description: ${q(warnRule(id).description)}`,
].join('\n');
const at = (seconds: number, id: string, firing: boolean) => [
	`      - eval_time: ${seconds}s`,
	'        alertname: ReplwatchCheckWarn',
	firing ? `        exp_alerts:\n${warnAlert(id)}` : '        exp_alerts: []',
].join('\n');

/** Runs promtool test rules on the generated rule file with the given input series and expectations. */
function promtoolTest(inputs: readonly string[], expectations: readonly string[]): {ok: boolean; output: string} {
	writeFileSync(join(dir, 'rules.yml'), rulesYaml(defaultSettings));
	writeFileSync(join(dir, 'test.yml'), [
		'rule_files: [rules.yml]',
		'evaluation_interval: 1s',
		'tests:',
		'  - interval: 1s',
		'    input_series:',
		...inputs,
		'    alert_rule_test:',
		...expectations,
		'',
	].join('\n'));
	const result = spawnSync(promtoolBin!, ['test', 'rules', 'test.yml'], {cwd: dir, encoding: 'utf8'});
	return {ok: result.status === 0, output: result.stdout + result.stderr};
}

describe.skipIf(!promtoolBin)('generated check rules under promtool test rules', () => {
	it('a check flapping warn/pass every 5 s never fires', () => {
		// 5 s warn, 5 s pass, for two minutes.
		const flapping = Array.from({length: 12}, () => '1x4 0x4').join(' ');
		const {ok, output} = promtoolTest([series('1.2.6', flapping)], [4, 14, 34, 64, 94, 118].map(t => at(t, '1.2.6', false)));
		expect(ok, output).toBe(true);
		expect(output).toContain('SUCCESS');
	});

	it('a steady warn fires after the hold, stays firing through a gap shorter than the clear time, and resolves once clear that long', () => {
		// 20 s warn, a 5 s pass, 10 s warn, then pass for good.
		const {ok, output} = promtoolTest([series('1.2.5', '1x19 0x4 1x9 0x40')], [
			at(3, '1.2.5', false),
			at(6, '1.2.5', true),
			// The pass at 20-24 s is shorter than alertClearSeconds (10): still firing.
			at(22, '1.2.5', true),
			at(24, '1.2.5', true),
			// Pass from 35 s on: firing until 10 s of clear have passed.
			at(42, '1.2.5', true),
			at(47, '1.2.5', false),
		]);
		expect(ok, output).toBe(true);
		expect(output).toContain('SUCCESS');
	});
});
