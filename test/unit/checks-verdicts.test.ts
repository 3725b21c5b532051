import {describe, expect, test} from 'vitest';
import {readFileSync} from 'node:fs';
import {runChecks, worstStatus} from '../../source/checks/index.js';
import {checkIds, sections} from '../../source/checks/registry.js';
import {defaultSettings} from '../../source/checks/settings.js';
import type {CheckResult} from '../../source/model/types.js';
import {buildContext, contextFor, loadFixture, sentinelViewFrom} from './checks-builder.js';
import {AlertRules} from '../../source/alerts/rules.js';

// Every id of spec section G (1.1.1 … 6.3), as the spec lists them.
const specIds = [
	'1.1.1', '1.1.2', '1.1.3', '1.1.4', '1.1.5',
	'1.2.1', '1.2.2', '1.2.3', '1.2.4', '1.2.5', '1.2.6', '1.2.7', '1.2.8',
	'1.3.1', '1.3.2', '1.3.3', '1.3.4', '1.3.5',
	'2.1.1', '2.1.2', '2.1.3', '2.1.4',
	'2.2.1', '2.2.2', '2.2.3', '2.2.4',
	'2.3.1', '2.3.2', '2.3.3', '2.3.4',
	'2.4.1', '2.4.2', '2.4.3', '2.4.4',
	'3.1', '3.2', '3.3', '3.4', '3.5', '3.6', '3.7', '3.8', '3.9', '3.10',
	'4.1', '4.2', '4.3', '4.4',
	'5.1', '5.2', '5.3', '5.4', '5.5', '5.6',
	'6.1', '6.2', '6.3',
];

const byId = (results: readonly CheckResult[], id: string): CheckResult => {
	const r = results.find(c => c.id === id);
	if (!r) throw new Error(`no check ${id}`);
	return r;
};
const run = (name: string, options = {}) => runChecks(contextFor(name, options));

describe('checklist on captured lab samples', () => {
	test('every id of section G is reported, in order, with a section title', () => {
		const results = run('healthy');
				expect(results.map(r => r.id)).toEqual(specIds);
		expect(checkIds).toEqual(specIds);
		for (const r of results) expect(sections[r.section]).toBeDefined();
	});

	test('healthy leader + 2 followers: topology, links, config checks pass', () => {
		const results = run('healthy');
		for (const id of ['1.1.1', '1.1.2', '1.1.3', '1.2.1', '1.2.2', '1.2.3', '1.2.4', '1.3.1', '1.3.2', '1.3.4', '2.1.1', '2.2.1', '2.4.1', '2.4.2', '2.4.4', '5.2', '5.6', '6.2']) {
			expect(byId(results, id).status, id).toBe('pass');
		}
		expect(byId(results, '1.3.1').evidence[0]!.text).toMatch(/^2 online replica\(s\)/);
		// Two samples 2 s apart: too short for routing (≥ 10 s), so no guess.
		expect(byId(results, '1.1.4').status).toBe('unknown');
		expect(byId(results, '3.1')).toMatchObject({status: 'unknown', summary: 'no Sentinel given (--sentinel)'});
		// The lab runs without persistence and not supervised: warn, not fail.
		expect(byId(results, '4.1').status).toBe('warn');
		expect(byId(results, '4.1').evidence[0]!.text).toContain('save "", appendonly no, process_supervised:no');
	});

	test('one follower: 1.3.1 warns and losing it leaves nobody to promote', () => {
		const results = run('one-follower');
		expect(byId(results, '1.3.1').status).toBe('warn');
		expect(byId(results, '1.3.2').status).toBe('fail');
	});

	test('repl-diskless-sync no on the leader: 2.2.1 warns with the fix on that node', () => {
		const ctx = contextFor('diskless-no');
		const leader = ctx.topology.groups[0]!.leader!;
		const r = byId(runChecks(ctx), '2.2.1');
		expect(r.status).toBe('warn');
		expect(r.remediations).toEqual([expect.objectContaining({node: leader, command: ['CONFIG', 'SET', 'repl-diskless-sync', 'yes'], current: 'no', proposed: 'yes', risk: 'low'})]);
	});

	test('writable replica: 1.1.2 fails (high-risk fix), a refused client write makes 1.1.3 warn', () => {
		const results = run('writable-replica');
		const ro = byId(results, '1.1.2');
		expect(ro.status).toBe('fail');
		expect(ro.remediations).toHaveLength(1);
		expect(ro.remediations[0]).toMatchObject({command: ['CONFIG', 'SET', 'replica-read-only', 'yes'], risk: 'high', current: 'no'});
		// One cause, one failing check: 2.1.2 points at 1.1.2 and offers the same fix.
		expect(byId(results, '2.1.2').status).toBe('info');
		expect(byId(results, '2.1.2').remediations).toEqual(ro.remediations);
		const misrouted = byId(results, '1.1.3');
		expect(misrouted.status).toBe('warn');
		expect(misrouted.evidence.map(e => e.text).join('\n')).toContain('1 write(s) refused with READONLY');
	});

	test('min-replicas-to-write 3 with 2 replicas: 2.1.1 fails and proposes R−1 as a low-risk lowering', () => {
		const results = run('min-replicas');
		const r = byId(results, '2.1.1');
		expect(r.status).toBe('fail');
		expect(r.evidence[0]!.text).toContain('min_slaves_good_slaves:2');
		expect(r.remediations[0]).toMatchObject({command: ['CONFIG', 'SET', 'min-replicas-to-write', '1'], current: '3', risk: 'low'});
		expect(byId(results, '1.3.2').status).toBe('fail');
	});

	test('follower pointed at a closed port: 1.2.1 fails with the link evidence, 1.1.1 warns about the unknown master', () => {
		const results = run('broken-link');
		const link = byId(results, '1.2.1');
		expect(link.status).toBe('fail');
		expect(link.evidence.find(e => e.text.includes('down'))!.text).toMatch(/master_link_status:down, master_sync_in_progress:0, master 127\.0\.0\.1:\d+, down for \d+ s/);
		expect(byId(results, '1.1.1').status).toBe('warn');
		expect(byId(results, '1.2.2').status).toBe('fail');
		expect(byId(results, '2.1.3').status).toBe('warn');
	});

	test('16 KB backlog under ~280 KB/s of writes: 2.4.2 fails, one fix for leader and followers', () => {
		const ctx = contextFor('backlog-16k');
		const r = byId(runChecks(ctx), '2.4.2');
		expect(r.status).toBe('fail');
		expect(r.evidence[0]!.text).toMatch(/^repl_backlog_size 16 KiB holds about [\d.]+s of writes at the peak \d+ KiB\/s/);
		expect(r.summary).toMatch(/^the 16 KiB backlog holds about [\d.]+s of writes at the peak \d+ KiB\/s, less than the 60 s disconnection to survive/);
		const proposed = r.remediations.map(x => x.proposed);
		expect(new Set(proposed).size).toBe(1);
		const bytes = Number(/^(\d+)mb$/.exec(proposed[0]!)![1]) * 1024 * 1024;
		expect(Math.log2(bytes) % 1).toBe(0);
		expect(new Set(r.remediations.map(x => x.fixId)).size).toBe(1);
		expect(r.remediations.map(x => x.node).sort()).toEqual(Object.keys(ctx.topology.nodes).sort());
		// Per follower: would a reconnect now resync partially, and for how long the backlog covers.
		expect(r.evidence.filter(e => /reconnect now .* behind, room for about/.test(e.text))).toHaveLength(2);
	});

	test('a bigger disconnect tolerance raises the recommendation', () => {
		const base = byId(run('routing-followers'), '2.4.2');
		const longer = byId(run('routing-followers', {settings: {disconnectToleranceSeconds: 600}}), '2.4.2');
		const size = (r: CheckResult) => Number(/recommended ([\d.]+) MiB/.exec(r.evidence[0]!.text)![1]);
		expect(size(longer)).toBeGreaterThan(size(base));
	});

	test('replicas that cannot authenticate: 5.2 fails with a masked masterauth fix, 1.2.1 fails', () => {
		const results = run('auth-mismatch');
		const auth = byId(results, '5.2');
		expect(auth.status).toBe('fail');
		expect(auth.evidence.some(e => /down while that master requires authentication/.test(e.text))).toBe(true);
		for (const fix of auth.remediations) expect(fix).toMatchObject({command: ['CONFIG', 'SET', 'masterauth', ''], proposed: '', secret: true});
		expect(byId(results, '1.2.1').status).toBe('fail');
		expect(byId(results, '5.1').evidence.find(e => e.text.includes('NOAUTH'))).toBeDefined();
	});

	test('routing from commandstats over ≥ 10 s: reads on followers pass, reads on the leader warn', () => {
		const onFollowers = byId(run('routing-followers'), '1.1.4');
		expect(onFollowers.status).toBe('pass');
		expect(onFollowers.summary).toMatch(/^followers serve 100 % of \d+ reads$/);
		const onLeader = byId(run('routing-leader'), '1.1.4');
		expect(onLeader.status).toBe('warn');
		expect(onLeader.summary).toMatch(/only 0 % of \d+ reads/);
		// Too few reads for the configured minimum: inconclusive, never a guess.
		expect(byId(run('routing-leader', {settings: {minReads: 100_000}}), '1.1.4').status).toBe('unknown');
		// A COMMAND INFO map from the server overrides the static table.
		expect(byId(run('routing-leader', {commandKinds: {get: 'other'}}), '1.1.4').status).toBe('unknown');
	});

	test('Sentinel checks read captured Sentinel replies', () => {
		const healthy = sentinelViewFrom('sentinel-healthy', '127.0.0.1:26379');
		let results = run('healthy', {sentinels: [healthy]});
		expect(byId(results, '3.2').status).toBe('pass');
		expect(byId(results, '3.3').status).toBe('pass');
		expect(byId(results, '3.6').status).toBe('warn'); // the lab's failover-timeout 10000 < 30000
		expect(byId(results, '3.6').remediations[0]!.command).toEqual(['SENTINEL', 'SET', 'mymaster', 'failover-timeout', '180000']);
		expect(byId(results, '3.9').status).toBe('pass');
		const noquorum = JSON.parse(readFileSync(new URL('../fixtures/sentinel-noquorum.json', import.meta.url), 'utf8')) as {ckquorum: string};
		results = run('healthy', {sentinels: [{...healthy, ckquorum: noquorum.ckquorum}]});
		expect(byId(results, '3.2').status).toBe('fail');
		expect(byId(results, '1.3.3').status).toBe('warn');
	});
});

describe('runChecks and worstStatus', () => {
	test('a check that throws becomes unknown with the error text; the others still run', () => {
		const ctx = contextFor('healthy');
		const settings = new Proxy(defaultSettings, {
			get(target, key) {
				if (key === 'readShareTarget') throw new Error('boom in settings');
				return target[key as keyof typeof target];
			},
		});
		const results = runChecks({...ctx, settings});
		expect(results).toHaveLength(specIds.length);
		const broken = results.filter(r => r.summary.includes('boom in settings'));
		expect(broken.map(r => r.id)).toEqual(['1.1.4']);
		expect(broken[0]!.status).toBe('unknown');
	});

	test('worst status: fail > warn > pass; info and unknown never worsen a run', () => {
		const s = (...list: CheckResult['status'][]) => worstStatus(list.map(status => ({status})));
		expect(s('pass', 'warn', 'fail', 'unknown')).toBe('fail');
		expect(s('pass', 'info', 'warn')).toBe('warn');
		expect(s('pass', 'unknown', 'info')).toBe('pass');
		expect(s('unknown')).toBe('unknown');
		expect(worstStatus(run('healthy'))).toBe('warn'); // 5.1: the lab accepts commands without a password, on loopback only
	});
});

// Issue 26 G: the sentence follows the evidence on the states an incident leaves behind.
describe('verdicts after an incident', () => {
	type Raw = ReturnType<typeof loadFixture>['rounds'][number][number];
	const healthy = loadFixture('healthy').rounds;
	const [L, F1, F2] = healthy[1]!.map(s => s.address) as [string, string, string];
	const base = (address: string) => healthy[1]!.find(s => s.address === address)!;
	/** The captured INFO with fields replaced (or added to # Replication), lines matching `drop` removed. */
	const edit = (raw: Raw, at: number, fields: Record<string, string | number>, drop?: RegExp): Raw => {
		let lines = raw.info.split('\r\n').filter(l => !drop?.test(l));
		for (const [k, v] of Object.entries(fields)) {
			const i = lines.findIndex(l => l.startsWith(`${k}:`));
			if (i >= 0) lines[i] = `${k}:${v}`;
			else lines.splice(lines.indexOf('# Replication') + 1, 0, `${k}:${v}`);
		}
		return {...raw, at, info: lines.join('\r\n')};
	};
	const asMaster = {role: 'master', connected_slaves: 0};
	const replicaOf = (port: string) => ({role: 'slave', master_host: '127.0.0.1', master_port: port, master_link_status: 'up', master_last_io_seconds_ago: 0, master_sync_in_progress: 0, slave_repl_offset: 14861, slave_read_only: 1});
	const slaves = /^slave\d+:|^master_(host|port|link_status|last_io|sync_in)|^slave_(repl_offset|read_repl|priority|read_only)/;
	const t0 = healthy[1]![0]!.at;
	const down = (address: string, at: number) => ({address, at, reachable: false, error: {kind: 'refused' as const, message: 'connect ECONNREFUSED'}});

	test('4.4 names the leader that came back as master after kill -9 (the split brain), not the follower that restarted and was promoted', () => {
		const newF1 = 'aaaa1111bbbb2222cccc3333dddd4444eeee5555';
		const newL = 'ffff9999eeee8888dddd7777cccc6666bbbb5555';
		const rounds = [
			...healthy,
			// F1 killed and restarted (K): back as a follower of L.
			[base(L), edit(base(F1), t0 + 5000, {run_id: newF1, uptime_in_seconds: 2}), base(F2)].map(s => ({...s, at: t0 + 5000})),
			// L killed (X); Sentinel promotes F1; F2 follows F1.
			[down(L, t0 + 20_000), edit(base(F1), t0 + 20_000, {...asMaster, run_id: newF1, uptime_in_seconds: 17, master_replid2: '50b4028872dea3a7b62c0518aff608aa7ab7177b', master_replid: '1234567890abcdef1234567890abcdef12345678'}, slaves), edit(base(F2), t0 + 20_000, replicaOf(F1.split(':')[1]!))],
			// L restarted by hand: back as master of its own (a split brain for 9 s)…
			[edit(base(L), t0 + 30_000, {...asMaster, run_id: newL, uptime_in_seconds: 1}, slaves), edit(base(F1), t0 + 30_000, {...asMaster, run_id: newF1, uptime_in_seconds: 27}, slaves), edit(base(F2), t0 + 30_000, replicaOf(F1.split(':')[1]!))],
			// …until Sentinel re-points it at F1.
			[edit(base(L), t0 + 40_000, {...replicaOf(F1.split(':')[1]!), run_id: newL, uptime_in_seconds: 11}, slaves), edit(base(F1), t0 + 40_000, {...asMaster, run_id: newF1, uptime_in_seconds: 37}, slaves), edit(base(F2), t0 + 40_000, replicaOf(F1.split(':')[1]!))],
		];
		const during = byId(runChecks(buildContext(rounds.slice(0, 5))), '4.4');
		expect(during.status).toBe('warn');
		expect(during.summary).toBe(`${L} restarted and came back as master: it may have served a stale dataset (a split brain)`);
		const after = byId(runChecks(buildContext(rounds)), '4.4');
		expect(after.status).toBe('warn');
		expect(after.summary).toMatch(new RegExp(`^${L.replace(/\./g, '\\.')} restarted and came back as master`));
		expect(after.evidence.find(e => e.node === L)!.text).toMatch(/came back as master; now a replica of 127\.0\.0\.1:\d+/);
		expect(after.evidence.find(e => e.node === F1)!.text).toMatch(/as a follower: it resynced from its leader before it was promoted/);
		expect(after.summary).not.toContain(F1);
	});

	test('2.3.2: lifetime denials with +0 denied while watched are history (info), not "being denied"; a denial while watched warns', () => {
		const lifetime = {sync_partial_ok: 1, sync_partial_err: 5};
		const old = byId(runChecks(buildContext(healthy.map(r => r.map(s => (s.address === L ? edit(s, s.at, lifetime) : s))))), '2.3.2');
		expect(old.evidence[0]!.text).toContain('+0 denied while watched');
		expect(old.status).toBe('info');
		expect(old.summary).not.toContain('being denied');
		expect(old.summary).toContain('none denied while watched');
		const now = byId(runChecks(buildContext(healthy.map((r, i) => r.map(s => (s.address === L ? edit(s, s.at, {sync_partial_ok: 1, sync_partial_err: 5 + i}) : s))))), '2.3.2');
		expect(now.evidence[0]!.text).toContain('+1 denied while watched');
		expect(now).toMatchObject({status: 'warn', summary: 'partial resyncs are being denied'});
	});

	test('2.3.1 and the full-sync-loop alert agree: syncs 2.3.1 explains raise no alert; an unexplained loop fails 2.3.1 and fires', () => {
		// Three full syncs while watched, one replica restarted in between: 2.3.1 explains one of three.
		const looping = [...healthy, ...[4, 6, 8].map((k, i) => [edit(base(L), t0 + k * 1000, {sync_full: 3 + i}), base(F1), base(F2)].map(s => ({...s, at: t0 + k * 1000})))];
		const history: ReturnType<typeof buildContext>[] = [];
		for (let n = 1; n <= looping.length; n++) history.push(buildContext(looping.slice(0, n)));
		const ctx = history.at(-1)!;
		const checks = runChecks(ctx);
		expect(byId(checks, '2.3.1').status).toBe('fail');
		const engine = new AlertRules(ctx.settings);
		let conditions: ReturnType<AlertRules['evaluate']> = [];
		for (const c of history) conditions = engine.evaluate({topology: c.topology, checks: runChecks(c), events: [], at: c.now});
		expect(conditions.some(c => c.rule === 'full-sync-loop')).toBe(true);
		// The same counters while 2.3.1 passes (every sync explained): no loop alert beside a ✔.
		const explained = checks.map(c => (c.id === '2.3.1' ? {...c, status: 'pass' as const} : c));
		const engine2 = new AlertRules(ctx.settings);
		for (const c of history) conditions = engine2.evaluate({topology: c.topology, checks: explained, events: [], at: c.now});
		expect(conditions.some(c => c.rule === 'full-sync-loop')).toBe(false);
	});
});
