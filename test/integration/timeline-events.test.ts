import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startLab, type Lab} from '../../source/lab/lab.js';
import {findFreePort, waitFor} from '../../source/lab/processes.js';
import {monitorSampleFor} from '../../source/cli/monitor-sample-wiring.js';
import {remediationFor} from '../../source/cli/remediation-wiring.js';
import {checkWith, remediation, tempAuditPath} from './remediation-helpers.js';
import {options, tickUntil} from './monitor-helpers.js';
import {createMonitor, type Monitor} from '../../source/engine/monitor.js';
import type {Snapshot} from '../../source/model/snapshot.js';
import type {TimelineEvent} from '../../source/model/types.js';
import {buildJsonReport} from '../../source/report/json.js';
import {renderMarkdown} from '../../source/report/markdown.js';

const has = (node: string, kind: string, since = 0) => (s: Snapshot) => s.events.some(e => e.at >= since && e.node === node && e.kind === kind);
const texts = (s: Snapshot, node: string, kind: string, since: number): string[] => s.events.filter(e => e.at >= since && e.node === node && e.kind === kind).map(e => e.text);
const find = (s: Snapshot, node: string, kind: string, since = 0): TimelineEvent | undefined => s.events.find(e => e.at >= since && e.node === node && e.kind === kind);

describe('timeline on a real leader + follower (--heartbeat)', () => {
	let lab: Lab;
	let monitor: Monitor;
	beforeAll(async () => {
		lab = await startLab({followers: 1});
		// Stats and CONFIG on every tick, so counter deltas and CONFIG changes show at once.
		monitor = createMonitor(options('--heartbeat', lab.leader.address, lab.followers[0]!.address), {heavyEveryMs: 200, configEveryMs: 200});
	});
	afterAll(async () => {
		await monitor?.stop();
		await lab?.stop();
	});

	it('measures the heartbeat lag of the follower beside the estimated lag', async () => {
		const follower = lab.followers[0]!.address;
		const s = await tickUntil(monitor, x => x.topology.links.some(l => l.follower === follower && l.heartbeatMs !== undefined), 5000);
		const link = s.topology.links.find(l => l.follower === follower)!;
		expect(link.heartbeatMs).toBeGreaterThanOrEqual(0);
		expect(link.heartbeatMs).toBeLessThan(1000);
		expect(buildJsonReport(s, 1).links[0]).toMatchObject({follower, heartbeatMs: link.heartbeatMs});
		expect(await lab.leader.command('KEYS', '__replcheck:hb:*')).toMatch(/^\*1\r\n/);
	});

	it('says when the leader refuses the heartbeat write (NOREPLICAS) and drops the stale lag, then when it accepts again', async () => {
		const follower = lab.followers[0]!.address;
		const since = Date.now();
		await lab.leader.command('CONFIG', 'SET', 'min-replicas-to-write', '3');
		try {
			const refused = await tickUntil(monitor, has(lab.leader.address, 'heartbeat-refused', since), 5000);
			expect(find(refused, lab.leader.address, 'heartbeat-refused')?.text).toMatch(/^heartbeat write refused: NOREPLICAS/);
			const next = await monitor.tickOnce();
			expect(next.topology.links.find(l => l.follower === follower)?.heartbeatMs).toBeUndefined();
		} finally {
			await lab.leader.command('CONFIG', 'SET', 'min-replicas-to-write', '0');
		}
		const accepted = await tickUntil(monitor, has(lab.leader.address, 'heartbeat-accepted', since), 5000);
		expect(find(accepted, lab.leader.address, 'heartbeat-accepted')?.text).toBe('heartbeat writes accepted again');
	});

	it('runs a MONITOR sample of one node on request: counts by kind in one line, noted in the timeline', async () => {
		const sampler = monitorSampleFor(monitor.options, monitor);
		const progress: string[] = [];
		const running = sampler.run(lab.leader.address, line => progress.push(line));
		await waitFor(() => progress.length > 0, 3000);
		for (let i = 0; i < 3; i++) await lab.leader.command('SET', `secret-key-${i}`, 'secret-value');
		await lab.leader.command('GET', 'secret-key-0');
		const line = await running;
		expect(line).toMatch(new RegExp(`^MONITOR ${lab.leader.address} \\d\\.\\d s: \\d+ reads, \\d+ writes, \\d+ other`));
		expect(line).toMatch(/set 3/);
		expect(line).not.toContain('secret');
		expect(monitor.getSnapshot().events.at(-1)).toMatchObject({node: lab.leader.address, kind: 'monitor-sample', text: line});
	});

	it('records a CONFIG change between polls and a drift from the leader, then the alignment', async () => {
		const follower = lab.followers[0]!;
		const since = Date.now();
		await follower.command('CONFIG', 'SET', 'repl-timeout', '17');
		const changed = await tickUntil(monitor, has(follower.address, 'config-drift', since), 5000);
		// Earlier tests changed other parameters (their events may land in this window): only this test's count.
		expect(texts(changed, follower.address, 'config-change', since)).toContainEqual(expect.stringMatching(/repl-timeout 60 -> 17/));
		expect(texts(changed, follower.address, 'config-drift', since)).toContain(`repl-timeout is 17 here but 60 on leader ${lab.leader.address}`);
		await follower.command('CONFIG', 'SET', 'repl-timeout', '60');
		// Earlier tests' parameters may align in the same window: look for this one's.
		const alignedNow = (s: Snapshot) => s.events.some(e => e.at >= since && e.node === follower.address && e.kind === 'config-aligned' && e.text.startsWith('repl-timeout'));
		const aligned = await tickUntil(monitor, alignedNow, 5000);
		expect(texts(aligned, follower.address, 'config-aligned', since)).toContain('repl-timeout now matches the leader');
	});

	it('records a link flap: down when pointed at a closed port, up when pointed back', async () => {
		const follower = lab.followers[0]!;
		const closed = await findFreePort();
		const since = Date.now();
		await follower.command('REPLICAOF', '127.0.0.1', String(closed));
		const down = await tickUntil(monitor, has(follower.address, 'link-down', since), 5000);
		expect(down.events.filter(e => e.at >= since && e.node === follower.address).map(e => e.kind)).toEqual(expect.arrayContaining(['master-change', 'link-down']));
		await follower.command('REPLICAOF', '127.0.0.1', String(lab.leader.port));
		const up = await tickUntil(monitor, has(follower.address, 'link-up', since), 10_000);
		expect(find(up, follower.address, 'link-up')?.text).toBe(`link to ${lab.leader.address} up`);
	});

	it('records a full resync the leader served when a promoted follower comes back', async () => {
		const follower = lab.followers[0]!;
		const since = Date.now();
		await follower.command('REPLICAOF', 'NO', 'ONE');
		await tickUntil(monitor, has(follower.address, 'failover', since), 5000);
		for (let i = 0; i < 20; i++) await lab.leader.command('SET', `k${i}`, 'v');
		await follower.command('REPLICAOF', '127.0.0.1', String(lab.leader.port));
		const synced = await tickUntil(monitor, has(lab.leader.address, 'full-sync-served', since), 10_000);
		expect(find(synced, lab.leader.address, 'full-sync-served')?.text).toBe('served 1 full sync');
		expect(synced.events.some(e => e.at >= since && e.node === follower.address && e.kind === 'role-change')).toBe(true);
	});

	it('records a fix applied through the remediation API, and the Markdown report lists the events', async () => {
		const fixes = await remediationFor(options('--audit-log', tempAuditPath(), lab.leader.address), monitor);
		const fix = remediation(lab.leader.address, 'repl-timeout', '60', '61');
		const outcome = await fixes!.apply(checkWith('2.3.1', [fix]), [fix], '61');
		expect(outcome.ok).toBe(true);
		const s = monitor.getSnapshot();
		expect(find(s, lab.leader.address, 'remediation')?.text).toBe('fix 2.3.1: CONFIG SET repl-timeout 61 (60 -> 61)');
		const md = renderMarkdown(s, 1);
		const timeline = md.slice(md.indexOf('## Timeline'), md.indexOf('## Fixes applied'));
		expect(timeline).toMatch(new RegExp(`\\| ${lab.followers[0]!.address} \\| link-down: link to \\S+ down`));
		expect(timeline).toContain('| remediation: fix 2.3.1: CONFIG SET repl-timeout 61 (60 -> 61) |');
		const applied = md.slice(md.indexOf('## Fixes applied'));
		expect(applied).toMatch(new RegExp(`\\| ${lab.leader.address} \\| 2\\.3\\.1 \\| \`CONFIG SET repl-timeout 61\`: \`60\` → \`61\` \\| applied, read back \\|`));
	});
});

describe('timeline on a Sentinel lab', () => {
	let lab: Lab;
	let monitor: Monitor;
	beforeAll(async () => {
		lab = await startLab({followers: 1, sentinels: 3, downAfterMs: 1000, failoverTimeoutMs: 5000});
		monitor = createMonitor(options(lab.leader.address, lab.followers[0]!.address));
	});
	afterAll(async () => {
		await monitor?.stop();
		await lab?.stop();
	});

	it('records the failover: the leader unreachable, the follower promoted', async () => {
		const s = await tickUntil(monitor, x => x.topology.links.some(l => l.linkStatus === 'up'), 5000);
		// Without --heartbeat nothing is written.
		expect(s.topology.links.every(l => l.heartbeatMs === undefined)).toBe(true);
		expect(await lab.leader.command('KEYS', '__replcheck:*')).toBe('*0\r\n');
		const since = Date.now();
		await lab.leader.kill9();
		const promoted = await tickUntil(monitor, has(lab.followers[0]!.address, 'failover', since), 30_000);
		expect(find(promoted, lab.followers[0]!.address, 'failover')?.text).toBe('became master (was replica)');
		expect(promoted.events.some(e => e.at >= since && e.node === lab.leader.address && e.kind === 'unreachable')).toBe(true);
	});
});
