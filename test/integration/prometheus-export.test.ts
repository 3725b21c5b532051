import {spawn, spawnSync, type ChildProcess} from 'node:child_process';
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startLab, type Lab} from '../../source/lab/lab.js';
import {startLoad, type LoadGenerator} from '../../source/lab/load.js';
import {findFreePort, waitFor, which} from '../../source/lab/processes.js';
import {defaultSettings} from '../../source/checks/index.js';
import {rulesYaml} from '../../source/export/prometheus-rules.js';
import {ensureBuilt, root, startCli, type Running} from './cli-runner.js';

// Debian's prometheus package (installed by .ci/run) gives both binaries.
const prometheusBin = which('prometheus');
const promtoolBin = which('promtool');

interface PromAlert {
	labels: Record<string, string>;
	state: 'pending' | 'firing';
}

async function alerts(port: number): Promise<PromAlert[]> {
	const res = await fetch(`http://127.0.0.1:${port}/api/v1/alerts`);
	return ((await res.json()) as {data: {alerts: PromAlert[]}}).data.alerts;
}

async function query(port: number, expr: string): Promise<{metric: Record<string, string>; value: [number, string]}[]> {
	const res = await fetch(`http://127.0.0.1:${port}/api/v1/query?query=${encodeURIComponent(expr)}`);
	const body = (await res.json()) as {status: string; data: {result: {metric: Record<string, string>; value: [number, string]}[]}};
	if (body.status !== 'success') throw new Error(JSON.stringify(body));
	return body.data.result;
}

describe('replwatch serve scraped by a real Prometheus', () => {
	let lab: Lab;
	let load: LoadGenerator;
	let serve: Running;
	let prometheus: ChildProcess | undefined;
	let dir: string;
	let servePort: number;
	let promPort: number;

	beforeAll(async () => {
		if (!prometheusBin || !promtoolBin) throw new Error('prometheus and promtool are needed: apt-get install prometheus');
		ensureBuilt();
		lab = await startLab({followers: 1});
		load = startLoad(lab, {rate: 200});
		dir = mkdtempSync(join(tmpdir(), 'replwatch-prom-16-'));
		servePort = await findFreePort();
		promPort = await findFreePort();
		serve = startCli(['serve', '--listen', `127.0.0.1:${servePort}`, '--interval', '500ms', '--timeout', '500ms', lab.leader.address]);
		// The shipped rules with the exporter-down hold shortened from 60 s, so the test stays short.
		writeFileSync(join(dir, 'rules.yml'), rulesYaml(defaultSettings, {exporterDownSeconds: 2}));
		writeFileSync(join(dir, 'prometheus.yml'), [
			'global:',
			'  scrape_interval: 1s',
			'  evaluation_interval: 1s',
			'rule_files: [rules.yml]',
			'scrape_configs:',
			'  - job_name: replwatch',
			'    static_configs:',
			`      - targets: ["127.0.0.1:${servePort}"]`,
			'',
		].join('\n'));
		prometheus = spawn(prometheusBin, [
			`--config.file=${join(dir, 'prometheus.yml')}`,
			`--storage.tsdb.path=${join(dir, 'data')}`,
			`--web.listen-address=127.0.0.1:${promPort}`,
		], {cwd: dir, stdio: ['ignore', 'ignore', 'pipe']});
		let log = '';
		prometheus.stderr!.on('data', chunk => (log = (log + String(chunk)).slice(-4000)));
		const ready = await waitFor(async () => (await fetch(`http://127.0.0.1:${promPort}/-/ready`).catch(() => undefined))?.ok === true, 20_000, 200);
		if (!ready) throw new Error(`prometheus did not start: ${log}`);
		const scraped = await waitFor(async () => (await query(promPort, 'up{job="replwatch"} == 1').catch(() => [])).length === 1, 20_000, 250);
		if (!scraped) throw new Error(`prometheus never scraped replwatch: ${serve.stderr()}`);
	}, 60_000);

	afterAll(async () => {
		if (prometheus?.pid && prometheus.exitCode === null) {
			const exited = new Promise(resolve => prometheus!.once('close', resolve));
			prometheus.kill('SIGTERM');
			const force = setTimeout(() => prometheus!.kill('SIGKILL'), 5000);
			await exited;
			clearTimeout(force);
		}
		await serve?.stop();
		await load?.stop();
		await lab?.stop();
		if (dir) rmSync(dir, {recursive: true, force: true});
	});

	it('a follower paused under write load shows in Prometheus: seconds behind above 0.5 and check 1.2.4 at warn or fail', async () => {
		const follower = lab.followers[0]!;
		const selector = `follower="${follower.address}"`;
		const before = await query(promPort, `replwatch_link_seconds_behind{${selector}}`);
		expect(before).toHaveLength(1);
		expect(Number(before[0]!.value[1])).toBeLessThan(0.5);
		follower.pause();
		let behind = 0;
		let status = 0;
		try {
			await waitFor(async () => {
				behind = Number((await query(promPort, `max(max_over_time(replwatch_link_seconds_behind{${selector}}[1m]))`))[0]?.value[1] ?? 0);
				status = Number((await query(promPort, 'max_over_time(replwatch_check_status{id="1.2.4"}[1m])'))[0]?.value[1] ?? 0);
				return behind > 0.5 && status >= 1;
			}, 15_000, 500);
		} finally {
			follower.resume();
		}
		expect(behind).toBeGreaterThan(0.5);
		expect(status).toBeGreaterThanOrEqual(1); // 1 warn, 2 fail
		const check = await query(promPort, 'replwatch_check_status{id="1.2.4"}');
		expect(check[0]!.metric).toMatchObject({id: '1.2.4', section: '1.2', title: 'Replication delay'});
	}, 30_000);

	it('exports nodes, links, counters and alerts, and /healthz says ok', async () => {
		const expected = ['replwatch_link_bytes_behind', 'replwatch_link_seconds_behind', 'replwatch_link_apply_backlog_bytes', 'replwatch_link_ack_age_seconds', 'replwatch_link_up',
			'replwatch_node_up', 'replwatch_node_role', 'replwatch_node_version_info', 'replwatch_check_status', 'replwatch_full_syncs_total', 'replwatch_events_total'];
		let names = new Set<string>();
		// The follower paused by the previous test answers again within a scrape or two.
		await waitFor(async () => {
			names = new Set((await query(promPort, '{job="replwatch", __name__=~"replwatch_.+"}')).map(r => r.metric.__name__!));
			return expected.every(name => names.has(name));
		}, 10_000, 500);
		for (const name of expected) expect(names.has(name), name).toBe(true);
		const role = await query(promPort, `replwatch_node_role{node="${lab.leader.address}"}`);
		expect(role.map(r => r.metric.role)).toEqual(['master']);
		const version = await query(promPort, 'replwatch_node_version_info');
		expect(version[0]!.metric).toMatchObject({product: 'redis'});
		const health = await fetch(`http://127.0.0.1:${servePort}/healthz`);
		expect(health.status).toBe(200);
		expect(await health.text()).toBe('ok\n');
	});

	it('promtool accepts the shipped rule file', () => {
		const result = spawnSync(promtoolBin!, ['check', 'rules', join(root, 'monitoring/replwatch.rules.yml')], {encoding: 'utf8'});
		expect(result.stdout + result.stderr).toMatch(/SUCCESS: \d+ rules found/);
		expect(result.status).toBe(0);
	});

	it('the first failover this process sees fires ReplwatchFailover (the counter starts at 0)', async () => {
		const follower = lab.followers[0]!;
		expect((await query(promPort, 'replwatch_events_total{kind="failover"}'))[0]?.value[1]).toBe('0');
		expect(await follower.command('REPLICAOF', 'NO', 'ONE')).toContain('OK');
		let fired: PromAlert | undefined;
		await waitFor(async () => {
			fired = (await alerts(promPort)).find(a => a.labels.alertname === 'ReplwatchFailover' && a.state === 'firing');
			return fired !== undefined;
		}, 15_000, 250);
		expect(fired?.labels.severity).toBe('warning');
		expect(Number((await query(promPort, 'replwatch_events_total{kind="failover"}'))[0]?.value[1])).toBe(1);
	}, 30_000);

	it('replwatch serve stopped (SIGSTOP): ReplwatchExporterDown and ReplwatchAbsent fire, and clear once it answers again', async () => {
		const pid = serve.child.pid!;
		process.kill(pid, 'SIGSTOP');
		let firing: string[] = [];
		try {
			await waitFor(async () => {
				firing = (await alerts(promPort)).filter(a => a.state === 'firing').map(a => a.labels.alertname!);
				return firing.includes('ReplwatchExporterDown') && firing.includes('ReplwatchAbsent');
			}, 20_000, 250);
		} finally {
			process.kill(pid, 'SIGCONT');
		}
		expect(firing).toContain('ReplwatchExporterDown');
		expect(firing).toContain('ReplwatchAbsent');
		const down = (await alerts(promPort)).find(a => a.labels.alertname === 'ReplwatchExporterDown');
		expect(down?.labels).toMatchObject({job: 'replwatch', instance: `127.0.0.1:${servePort}`, severity: 'critical'});
		const back = await waitFor(async () => !(await alerts(promPort)).some(a => a.labels.alertname === 'ReplwatchExporterDown'), 15_000, 250);
		expect(back).toBe(true);
	}, 45_000);
});
