import {Redis} from 'ioredis';
import {afterAll, beforeAll, describe, expect, test} from 'vitest';
import {runChecks} from '../../source/checks/index.js';
import {parseOptions} from '../../source/cli/options.js';
import {createMonitor} from '../../source/engine/monitor.js';
import {startLab, type Lab, type LabProcess} from '../../source/lab/lab.js';
import {startLoad} from '../../source/lab/load.js';
import {findFreePort, waitFor} from '../../source/lab/processes.js';
import type {CheckResult, CheckStatus} from '../../source/model/types.js';
import {buildContext} from '../unit/checks-builder.js';
import {collectRaw, type RawSample} from './checks-collect.js';

// One lab for every case: each case changes one thing, checks the verdict, and puts it back.
let lab: Lab;
let leader: LabProcess;
let f1: LabProcess;
let f2: LabProcess;

beforeAll(async () => {
	lab = await startLab({followers: 2});
	leader = lab.leader;
	[f1, f2] = lab.followers as [LabProcess, LabProcess];
});
afterAll(async () => {
	await lab?.stop();
});

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

async function round(nodes: readonly LabProcess[], leaderPassword?: string): Promise<RawSample[]> {
	return Promise.all(nodes.map(n => collectRaw(n.address, n === leader ? leaderPassword : undefined)));
}

/** Two rounds of real samples `gapMs` apart, through the engine's topology/history code, then the checks. */
async function verdicts(options: {gapMs?: number; nodes?: readonly LabProcess[]; leaderPassword?: string} = {}): Promise<Record<string, CheckResult>> {
	const nodes = options.nodes ?? [leader, f1, f2];
	const first = await round(nodes, options.leaderPassword);
	await sleep(options.gapMs ?? 1000);
	const second = await round(nodes, options.leaderPassword);
	return Object.fromEntries(runChecks(buildContext([first, second])).map(r => [r.id, r]));
}

const statusOf = (results: Record<string, CheckResult>, ids: readonly string[]): Record<string, CheckStatus> =>
	Object.fromEntries(ids.map(id => [id, results[id]!.status]));

/** The verdicts while one CONFIG parameter of `node` is `value`; set back to `restore` afterwards. */
async function verdictsWith(node: LabProcess, parameter: string, value: string, restore: string): Promise<Record<string, CheckResult>> {
	await node.command('CONFIG', 'SET', parameter, value);
	try {
		return await verdicts({gapMs: 200});
	} finally {
		await node.command('CONFIG', 'SET', parameter, restore);
	}
}

const linkIs = (node: LabProcess, state: 'up' | 'down') => waitFor(async () => (await node.command('INFO', 'replication')).includes(`master_link_status:${state}`), 15_000, 100);

describe('checklist verdicts on a real lab', () => {
	test('healthy leader + 2 followers', async () => {
		const r = await verdicts();
		expect(statusOf(r, ['1.1.1', '1.1.2', '1.2.1', '1.2.3', '1.3.1', '1.3.2', '2.1.1', '2.2.1', '2.4.1', '2.4.2', '5.2', '6.2'])).toEqual({
			'1.1.1': 'pass', '1.1.2': 'pass', '1.2.1': 'pass', '1.2.3': 'pass', '1.3.1': 'pass', '1.3.2': 'pass',
			'2.1.1': 'pass', '2.2.1': 'pass', '2.4.1': 'pass', '2.4.2': 'pass', '5.2': 'pass', '6.2': 'pass',
		});
		// The lab runs `--save '' --appendonly no`: a master without persistence is never a pass.
		expect(r['4.1']!.status).not.toBe('pass');
		expect(r['3.1']!.summary).toBe('no Sentinel given (--sentinel)');
	});

	test('through the engine (createMonitor/tickOnce): every id present, disk sync seen as 2.2.1 warn', async () => {
		await leader.command('CONFIG', 'SET', 'repl-diskless-sync', 'no');
		const parsed = parseOptions(['--interval', '250ms', leader.address], {});
		if (parsed.kind !== 'options') throw new Error(JSON.stringify(parsed));
		const monitor = createMonitor(parsed.options, {heavyEveryMs: 0});
		try {
			await monitor.tickOnce();
			await sleep(1000);
			const snapshot = await monitor.tickOnce();
			const r = Object.fromEntries(snapshot.checks.map(c => [c.id, c]));
			expect(Object.keys(r)).toHaveLength(57);
			expect(Object.keys(snapshot.topology.nodes).sort()).toEqual([leader, f1, f2].map(n => n.address).sort());
			expect(statusOf(r, ['1.1.1', '1.2.1', '1.3.1', '2.2.1', '5.1'])).toEqual({'1.1.1': 'pass', '1.2.1': 'pass', '1.3.1': 'pass', '2.2.1': 'warn', '5.1': 'warn'});
		} finally {
			await monitor.stop();
			await leader.command('CONFIG', 'SET', 'repl-diskless-sync', 'yes');
		}
	});

	test('repl-diskless-sync no → 2.2.1 warn', async () => {
		const r = await verdictsWith(leader, 'repl-diskless-sync', 'no', 'yes');
		expect(r['2.2.1']!.status).toBe('warn');
		expect(r['2.2.1']!.remediations.map(x => x.node)).toEqual([leader.address]);
	});

	test('writable replica → 1.1.2 fail', async () => {
		const r = await verdictsWith(f1, 'replica-read-only', 'no', 'yes');
		expect(r['1.1.2']!.status).toBe('fail');
		expect(r['1.1.2']!.remediations).toEqual([expect.objectContaining({node: f1.address, proposed: 'yes', risk: 'high'})]);
	});

	test('min-replicas-to-write above the number of replicas → 2.1.1 fail', async () => {
		const r = await verdictsWith(leader, 'min-replicas-to-write', '3', '0');
		expect(r['2.1.1']!.status).toBe('fail');
		expect(r['2.1.1']!.remediations[0]).toMatchObject({proposed: '1', current: '3'});
	});

	test('follower pointed at a closed port → 1.2.1 fail', async () => {
		const closed = await findFreePort();
		await f2.command('REPLICAOF', '127.0.0.1', String(closed));
		try {
			expect(await linkIs(f2, 'down')).toBe(true);
			const r = await verdicts({gapMs: 200});
			expect(r['1.2.1']!.status).toBe('fail');
			expect(r['1.2.1']!.evidence.find(e => e.node === f2.address)!.text).toContain(`master 127.0.0.1:${closed}`);
		} finally {
			await f2.command('REPLICAOF', '127.0.0.1', String(leader.port));
			expect(await linkIs(f2, 'up')).toBe(true);
		}
	});

	test('16 KB backlog under write load → 2.4.2 not pass', async () => {
		await leader.command('CONFIG', 'SET', 'repl-backlog-size', '16384');
		const load = startLoad(lab, {rate: 2000});
		try {
			await sleep(300);
			const r = await verdicts({gapMs: 1500});
			expect(['warn', 'fail']).toContain(r['2.4.2']!.status);
			expect(r['2.4.2']!.evidence[0]!.text).toMatch(/^repl_backlog_size 16 KiB holds about [\d.]+s of writes at the peak/);
			expect(r['2.4.2']!.remediations.length).toBeGreaterThanOrEqual(1);
		} finally {
			await load.stop();
			await leader.command('CONFIG', 'SET', 'repl-backlog-size', '1mb');
		}
	});

	test('replica cannot authenticate (requirepass + CLIENT KILL TYPE replica) → 5.2 fail, 1.2.1 fail', async () => {
		const password = `pw-${process.pid}-${Date.now()}`;
		await leader.command('CONFIG', 'SET', 'requirepass', password);
		const admin = new Redis({port: leader.port, password, lazyConnect: true, maxRetriesPerRequest: 0});
		admin.on('error', () => {});
		try {
			await admin.connect();
			await admin.call('CLIENT', 'KILL', 'TYPE', 'replica');
			expect(await linkIs(f1, 'down')).toBe(true);
			const r = await verdicts({gapMs: 500, leaderPassword: password});
			expect(r['5.2']!.status).toBe('fail');
			expect(r['1.2.1']!.status).toBe('fail');
			const fixes = r['5.2']!.remediations;
			expect(fixes.length).toBeGreaterThanOrEqual(1);
			for (const fix of fixes) expect(fix).toMatchObject({parameter: 'masterauth', proposed: '', secret: true});
			expect(JSON.stringify(Object.values(r))).not.toContain(password);
		} finally {
			await admin.call('CONFIG', 'SET', 'requirepass', '');
			admin.disconnect();
			expect(await linkIs(f1, 'up')).toBe(true);
		}
	});

	test('leader with one follower → 1.3.1 warn', async () => {
		await f2.stop();
		expect(await waitFor(async () => {
			const info = await leader.command('INFO', 'replication');
			// After the auth change f1 may be listed with port=0 (its REPLCONF listening-port was refused).
			return info.includes('connected_slaves:1') && info.includes('state=online');
		}, 15_000, 100)).toBe(true);
		const r = await verdicts({gapMs: 200, nodes: [leader, f1]});
		expect(r['1.3.1']!.status).toBe('warn');
		expect(r['1.3.1']!.summary).toContain('1 online replica(s)');
	});
});
