import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {createMonitor, type Monitor} from '../../source/engine/monitor.js';
import {labServer, startLab, type Lab, type LabProcess} from '../../source/lab/lab.js';
import {startLoad, type LoadGenerator} from '../../source/lab/load.js';
import {waitFor} from '../../source/lab/processes.js';
import type {Snapshot} from '../../source/model/snapshot.js';
import type {CheckStatus} from '../../source/model/types.js';
import {createRemediationApi} from '../../source/remediation/api.js';
import {sampleMonitor} from '../../source/triage/monitor-sample.js';
import {options, tickUntil} from './monitor-helpers.js';
import {configValue, tempAuditPath} from './remediation-helpers.js';

// The scenarios that matter, on every server installed: Debian's redis-server 7.0 and, from
// bookworm-backports, valkey-server 8. One lab per server, shared by the scenarios in order
// (discovery, healthy verdicts, lag under a pause, a fix, then the destructive Sentinel failover).

const products = ['redis', 'valkey'] as const;

const statusCounts = (s: Snapshot): Record<CheckStatus, number> => {
	const out: Record<CheckStatus, number> = {pass: 0, info: 0, unknown: 0, warn: 0, fail: 0};
	for (const c of s.checks) out[c.status]++;
	return out;
};
const failing = (s: Snapshot) => s.checks.filter(c => c.status === 'fail').map(c => c.id);
const dataAddresses = (s: Snapshot) => Object.values(s.topology.nodes).filter(n => n.role !== 'sentinel').map(n => n.address).sort();

for (const product of products) {
	const server = labServer(product);
	if (!server) console.warn(`${product}-server is not installed: skipping the ${product} lab scenarios (CI installs it: .ci/run)`);

	describe.skipIf(!server)(`${product} lab: discovery, healthy verdicts, lag under a pause, a fix, Sentinel failover`, () => {
		let lab: Lab;
		let load: LoadGenerator;
		const monitors: Monitor[] = [];
		const monitor = (...argv: string[]) => {
			const m = createMonitor(options(...argv), {heavyEveryMs: 0});
			monitors.push(m);
			return m;
		};

		beforeAll(async () => {
			lab = await startLab({server: server!, followers: 2, sentinels: 3, downAfterMs: 1500, failoverTimeoutMs: 6000});
			load = startLoad(lab); // the lab's own light load
		}, 30_000);
		afterAll(async () => {
			await Promise.all(monitors.map(m => m.stop()));
			await load?.stop();
			await lab?.stop();
		});

		test('discovery: a follower seed finds all three data nodes; a Sentinel given as a plain node finds them too', async () => {
			const all = [lab.leader, ...lab.followers].map(n => n.address).sort();
			const fromFollower = await tickUntil(monitor(lab.followers[1]!.address), s => dataAddresses(s).length === 3, 10_000);
			expect(dataAddresses(fromFollower)).toEqual(all);
			expect(fromFollower.topology.nodes[lab.leader.address]).toMatchObject({role: 'master', product});
			const fromSentinel = await tickUntil(monitor(lab.sentinels[0]!.address), s => dataAddresses(s).length === 3, 10_000);
			expect(dataAddresses(fromSentinel)).toEqual(all);
		}, 30_000);

		test('healthy: no check fails once the Sentinels have found each other', async () => {
			const m = monitor('--sentinel', lab.sentinels[0]!.address, '--master-name', lab.masterName, lab.leader.address);
			const agreed = (s: Snapshot) => s.topology.sentinels.length === 3 && s.topology.sentinels.every(v => v.reachable && (v.sentinels?.length ?? 0) === 2);
			await tickUntil(m, agreed, 15_000);
			await new Promise(r => setTimeout(r, 1200)); // rates need two samples a second apart
			const s = await tickUntil(m, x => agreed(x) && failing(x).length === 0, 5000);
			console.log(`${product} ${s.topology.nodes[lab.leader.address]?.version} healthy: ${JSON.stringify(statusCounts(s))}`);
			expect(failing(s)).toEqual([]);
		}, 40_000);

		test('lag under a pause: the paused follower falls behind and only checks about it fail', async () => {
			const m = monitor(lab.leader.address);
			await tickUntil(m, s => s.topology.links.length === 2 && s.topology.links.every(l => l.linkStatus === 'up'), 10_000);
			const paused: LabProcess = lab.followers[1]!;
			paused.pause();
			let maxLag = 0;
			let s: Snapshot;
			try {
				s = await tickUntil(m, x => {
					const link = x.topology.links.find(l => l.follower === paused.address);
					maxLag = Math.max(maxLag, link?.lagBytes ?? 0);
					return maxLag > 16 * 1024 && !x.topology.nodes[paused.address]!.sample.reachable;
				}, 15_000);
			} finally {
				paused.resume();
			}
			console.log(`${product} pause: ${maxLag} bytes behind after ~${s.topology.links.find(l => l.follower === paused.address)?.lagSeconds ?? '?'} s`);
			expect(maxLag).toBeGreaterThan(16 * 1024);
			expect(s.checks.find(c => c.id === '1.1.1')!.status).not.toBe('fail');
			for (const c of s.checks.filter(x => x.status === 'fail')) {
				expect(c.evidence.some(e => e.node === paused.address || e.text.includes(paused.address)), `${c.id}: ${c.summary}`).toBe(true);
			}
			expect(await waitFor(async () => (await paused.command('INFO', 'replication')).includes('master_link_status:up'), 15_000, 200)).toBe(true);
		}, 40_000);

		test('a fix: diskless sync turned off warns in 2.2.1; its fix is applied and read back', async () => {
			await lab.leader.command('CONFIG', 'SET', 'repl-diskless-sync', 'no');
			const m = monitor(lab.leader.address);
			const s = await tickUntil(m, x => x.checks.find(c => c.id === '2.2.1')?.status === 'warn', 10_000);
			const check = s.checks.find(c => c.id === '2.2.1')!;
			const fixes = check.remediations.filter(r => r.node === lab.leader.address);
			expect(fixes).toHaveLength(1);
			const api = createRemediationApi({readOnly: false, auditLogPath: tempAuditPath()})!;
			const outcome = await api.apply(check, fixes, 'yes');
			expect(outcome.ok).toBe(true);
			expect(await configValue(lab.leader, 'repl-diskless-sync')).toBe('yes');
			await m.refresh([lab.leader.address]); // as the UI does after a fix: CONFIG is re-read at once
			const after = await tickUntil(m, x => x.checks.find(c => c.id === '2.2.1')?.status === 'pass', 10_000);
			expect(after.checks.find(c => c.id === '2.2.1')!.status).toBe('pass');
		}, 30_000);

		test('MONITOR on a follower: the replication stream from its master is not counted as client writes', async () => {
			const follower = lab.followers[0]!;
			const outcome = await sampleMonitor({address: follower.address, masterAddress: lab.leader.address}, {durationMs: 1500});
			expect(outcome.ok).toBe(true);
			if (!outcome.ok) return;
			console.log(`${product} MONITOR on a follower: ${outcome.sample.reads} reads, ${outcome.sample.writes} writes, ${outcome.sample.replicated} replicated`);
			expect(outcome.sample.writes).toBe(0); // the load writes to the leader only
			expect(outcome.sample.reads).toBeGreaterThan(0);
			expect(outcome.sample.replicated).toBeGreaterThan(0); // the leader's writes, as the replication stream applied them
		}, 15_000);

		test('Sentinel failover: kill -9 of the leader, a follower is promoted and seen as the one leader', async () => {
			const m = monitor('--sentinel', lab.sentinels[0]!.address, '--master-name', lab.masterName, lab.leader.address);
			await tickUntil(m, s => s.topology.sentinels.length === 3, 10_000);
			const followers = lab.followers.map(f => f.address);
			await lab.leader.kill9();
			const s = await tickUntil(m, x => {
				const masters = Object.values(x.topology.nodes).filter(n => n.role === 'master' && n.sample.reachable).map(n => n.address);
				return masters.length === 1 && followers.includes(masters[0]!) && x.topology.sentinels.every(v => !v.reachable || v.masterAddr === masters[0]);
			}, 30_000);
			const leader = Object.values(s.topology.nodes).find(n => n.role === 'master' && n.sample.reachable)!;
			expect(followers).toContain(leader.address);
			expect(s.checks.find(c => c.id === '1.1.1')!.status).not.toBe('fail');
		}, 45_000);
	});
}
