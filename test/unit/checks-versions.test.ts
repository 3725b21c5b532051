import {describe, expect, test} from 'vitest';
import {runChecks} from '../../source/checks/index.js';
import type {CheckResult, CheckStatus, NodeSample} from '../../source/model/types.js';
import {parseInfo} from '../../source/redis/parse-info.js';
import {buildContext, contextFor, sentinelViewFrom} from './checks-builder.js';
import {captureRound, captureSample, captureText, pausedRounds, versionNames, versions, type CapturedVersion} from './captures.js';

const byId = (results: readonly CheckResult[]) => Object.fromEntries(results.map(r => [r.id, r]));
const ids = (results: readonly CheckResult[], status: CheckStatus) => results.filter(r => r.status === status).map(r => r.id);

/** The leader and both followers as left after the load, read twice 2 s apart (idle, healthy). */
function healthy(version: CapturedVersion): CheckResult[] {
	const after = captureRound(version, 'after');
	return runChecks(buildContext([after, after.map(s => ({...s, at: s.at + 2000}))]));
}

function counts(results: readonly CheckResult[]): Record<CheckStatus, number> {
	const out: Record<CheckStatus, number> = {pass: 0, info: 0, unknown: 0, warn: 0, fail: 0};
	for (const r of results) out[r.status]++;
	return out;
}

describe('healthy labs of every captured version', () => {
	test.each(versionNames)('%s: no fail, and every check has a sentence', version => {
		const r = healthy(version);
		expect(ids(r, 'fail')).toEqual([]);
		for (const c of r) expect(c.summary, c.id).not.toBe('');
		// Loopback-only nodes without a password: a warning, never a fail (5.1).
		const auth = byId(r)['5.1']!;
		expect(auth.status).toBe('warn');
		expect(auth.evidence[0]!.text).toContain('loopback only');
	});

	test('Valkey 8 idle: 2.4.2 passes with the formula its evidence states (no 10 MiB floor rounded to 16 MiB)', () => {
		const r = byId(healthy('valkey-8.0.1'))['2.4.2']!;
		expect(r.status).toBe('pass');
		expect(r.remediations).toEqual([]);
		expect(r.evidence[0]!.text).toContain('recommended 1 MiB = max(1 MiB, rate × 60 s × 2)');
		expect(JSON.stringify(r)).not.toContain('16mb');
	});

	test('a check that does not apply to a version says so the same way, as info', () => {
		const r = byId(healthy('5.0.14'));
		for (const id of ['1.1.3', '1.2.5', '2.2.3', '2.2.4', '5.4']) {
			expect(r[id]!.status, id).toBe('info');
			expect(r[id]!.summary, id).toBe('not applicable on this server version');
			expect(r[id]!.evidence[0]!.text, id).toMatch(/^not applicable on Redis 5\.0\.14: .+ exists from Redis \d/);
		}
		expect(JSON.stringify(r['5.4'])).not.toContain('no TLS build?');
		expect(r['4.1']!.evidence[0]!.text).not.toContain('process_supervised:?');
		expect(r['4.1']!.evidence[0]!.text).toContain('supervision not reported by 5.0.14');
		// 6.2 has repl-diskless-load but not max-replicas: same wording.
		const r62 = byId(healthy('6.2.16'));
		expect(r62['2.2.3']!.status).toBe('info');
		expect(r62['2.2.3']!.summary).toBe('not applicable on this server version');
		expect(r62['2.2.4']!.status).toBe('pass');
	});

	test('2.4.2 and 2.4.3 give the same seconds for the same backlog at the same moment', () => {
		const r = byId(runChecks(buildContext(pausedRounds('7.2.6'))));
		const seconds = (text: string) => /holds about ([\dhms.]+) of writes at the peak ([\d.]+ \w+\/s)/.exec(text)?.slice(1);
		expect(seconds(r['2.4.2']!.summary)).toBeDefined();
		expect(seconds(r['2.4.3']!.summary)).toEqual(seconds(r['2.4.2']!.summary));
	});
});

describe('one paused follower fails the checks about that follower and no others', () => {
	test.each(versionNames)('%s', version => {
		const [load, paused] = pausedRounds(version);
		const follower = `127.0.0.1:${versions[version].ports[2]}`;
		// The same moment with that follower keeping up (a copy of the other follower's sample).
		const keepingUp = paused!.map(s => (s.address === follower ? {...paused![1]!, address: follower} : s));
		const before = runChecks(buildContext([load!, keepingUp]));
		const during = runChecks(buildContext([load!, paused!]));
		const added = ids(during, 'fail').filter(id => !ids(before, 'fail').includes(id));
		expect(added).toEqual(['1.2.4']);
		const delay = byId(during)['1.2.4']!;
		expect(delay.summary).toContain(follower);
		// The summary carries the numbers of the evidence line it comes from.
		const line = delay.evidence.find(e => e.node === follower)!.text;
		expect(delay.summary).toContain(line.slice(0, line.indexOf(' behind')));
		const roles = byId(during)['1.1.1']!;
		expect(roles.status).not.toBe('fail');
		expect(roles.summary).not.toContain('role is unconfirmed');
	});

	test('an unreachable follower (SIGSTOP on 5.0) is unknown in 1.1.1 and in the what-if 1.3.2, not a fail', () => {
		const r = byId(runChecks(buildContext(pausedRounds('5.0.14'))));
		expect(r['1.1.1']!.status).toBe('unknown');
		expect(r['1.1.1']!.summary).toBe('1 leader(s), 2 follower(s); 1 node(s) unreachable, their role unconfirmed');
		expect(r['1.3.2']!.status).toBe('unknown');
	});

	test('1.2.4 fails from the seconds threshold with a sentence that says so, not "would force a full sync"', () => {
		const [load, paused] = pausedRounds('valkey-8.0.1', 45_000);
		// Writes trickle: the follower is 213 KiB behind a 10 MiB backlog but ~45 s late.
		const leader = paused![0]!;
		const slowLeader = captureText('valkey-8.0.1', 'info-repl-7780-load.txt').replace(/master_repl_offset:\d+/, `master_repl_offset:${99530321 - 218_112 + 1}`);
		load![0] = {...load![0]!, info: parseInfo(slowLeader)};
		const text = captureText('valkey-8.0.1', 'info-repl-7782-paused.txt').replace(/slave_repl_offset:\d+/, `slave_repl_offset:${99530321 - 218_112}`);
		const f2: NodeSample = {...captureSample('valkey-8.0.1', 'info-repl-7782-paused.txt', 7782, {at: leader.at}), info: parseInfo(text)};
		const r = byId(runChecks(buildContext([load!, [leader, paused![1]!, f2]])))['1.2.4']!;
		expect(r.status).toBe('fail');
		expect(r.summary).toMatch(/127\.0\.0\.1:7782 is about 4\d(\.\d+)? s behind \(over 10 s\); 213 KiB is 2(\.\d)? % of the 10 MiB backlog, so a reconnect would still resync partially/);
		expect(r.summary).not.toContain('force a full sync');
	});
});

describe('Valkey dual-channel full sync', () => {
	const dir = 'valkey-8.0.1-dual';
	const t0 = Date.UTC(2026, 10, 1, 3);
	const dualConfig = {'dual-channel-replication-enabled': 'yes', 'repl-diskless-sync': 'yes', 'repl-diskless-sync-delay': '5', 'repl-diskless-sync-max-replicas': '0'};
	// The replication sections were captured alone: the server section says which server it is.
	const server = '# Server\r\nredis_version:7.2.4\r\nserver_name:valkey\r\nvalkey_version:8.0.1\r\n';
	const sample = (file: string, port: number, at: number): NodeSample => ({...captureSample(dir, file, port, {at, config: false}), info: parseInfo(server + captureText(dir, file)), config: dualConfig, configAt: at});
	const rounds = () => [
		[sample('info-repl-master-sync.txt', 7780, t0), sample('info-repl-r1-sync.txt', 7781, t0)],
		[sample('info-repl-master-sync2.txt', 7780, t0 + 2000), sample('info-repl-r1-sync2.txt', 7781, t0 + 2000)],
	];

	test('one follower listed twice counts once; the link is in the main channel’s state', () => {
		const ctx = buildContext(rounds());
		const r = byId(runChecks(ctx));
		expect(r['2.2.2']!.evidence[0]!.text).toContain('with 2 replica(s)');
		expect(r['2.2.3']!.evidence[0]!.text).toContain('2 replica(s)');
		const link = ctx.topology.links.find(l => l.follower === '127.0.0.1:7781')!;
		expect(link.state).toBe('bg_transfer');
		expect(link.lagBytes).toBeNull();
	});

	test('the main channel’s PSYNC after a dual-channel full sync is not an accepted partial resync', () => {
		const stats = (ok: number, full: number) => `\r\n# Stats\r\nsync_full:${full}\r\nsync_partial_ok:${ok}\r\nsync_partial_err:0\r\n`;
		const m = (file: string, at: number, ok: number, full: number): NodeSample => ({...sample(file, 7780, at), info: parseInfo(server + captureText(dir, file) + stats(ok, full))});
		const r = byId(runChecks(buildContext([[m('info-repl-master-sync.txt', t0, 0, 0)], [m('info-repl-master-after.txt', t0 + 2000, 2, 2)]])));
		expect(r['2.3.2']!.evidence[0]!.text).not.toContain('100 % accepted');
		expect(r['2.3.2']!.evidence[0]!.text).toContain('0 after the 2 dual-channel full syncs');
	});
});

describe('a follower queued for a full sync', () => {
	test('leader says wait_bgsave, follower says down and not syncing: 1.2.1 warns "queued", not "link down and not syncing"', () => {
		const dir = 'redis-7.0.15-fullsync';
		const t0 = Date.UTC(2026, 10, 1, 4);
		const queuedText = captureText(dir, 'info-repl-r1-sync.txt').replace('master_sync_in_progress:1', 'master_sync_in_progress:0');
		const round = (at: number): NodeSample[] => [
			captureSample(dir, 'info-repl-master-sync.txt', 7700, {at}),
			captureSample(dir, 'info-repl-r1-sync.txt', 7701, {at}),
			{...captureSample(dir, 'info-repl-r1-sync.txt', 7702, {at}), info: parseInfo(queuedText)},
		];
		const r = byId(runChecks(buildContext([round(t0), round(t0 + 1000)])))['1.2.1']!;
		expect(r.status).toBe('warn');
		expect(r.summary).toBe('2 replica(s) in or queued for a full sync');
		expect(r.evidence.find(e => e.node === '127.0.0.1:7702')!.text).toContain('lists it as state=wait_bgsave: queued for a full sync');
	});
});

export {counts, healthy};

describe('one cause, one failing check', () => {
	test('a writable replica fails 1.1.2 only; 2.1.2 points there and offers the same fix', () => {
		const r = runChecks(contextFor('writable-replica'));
		expect(ids(r, 'fail')).toEqual(['1.1.2']);
		const again = byId(r)['2.1.2']!;
		expect(again.status).toBe('info');
		expect(again.summary).toContain('failed under 1.1.2');
		expect(again.remediations.map(x => x.command.join(' '))).toEqual(byId(r)['1.1.2']!.remediations.map(x => x.command.join(' ')));
		expect(again.remediations.length).toBeGreaterThan(0);
	});
});

describe('5.1 without a password', () => {
	test('loopback-only: warn; the fix offers masterauth on the replicas first, then requirepass', () => {
		const r = byId(healthy('7.4.1'))['5.1']!;
		expect(r.status).toBe('warn');
		const steps = r.remediations.map(x => `${x.node} ${x.parameter}`);
		expect(steps).toEqual(['127.0.0.1:7761 masterauth', '127.0.0.1:7762 masterauth', '127.0.0.1:7760 requirepass', '127.0.0.1:7761 requirepass', '127.0.0.1:7762 requirepass']);
		expect(r.remediations.every(x => x.secret === true)).toBe(true);
	});

	test('bound to every interface: fail', () => {
		const open = captureRound('7.4.1', 'after').map(s => ({...s, config: {...s.config, bind: '* -::*'}}));
		const r = byId(runChecks(buildContext([open, open.map(s => ({...s, at: s.at + 2000}))])))['5.1']!;
		expect(r.status).toBe('fail');
		expect(r.evidence[0]!.text).toContain('bind "* -::*"');
	});
});

describe('1.1.5 reflects a MONITOR sample the operator took', () => {
	test('after `m` on a follower, 1.1.5 says MONITOR was sampled and shows the line', () => {
		const after = captureRound('7.4.1', 'after');
		const ctx = buildContext([after, after.map(s => ({...s, at: s.at + 2000}))]);
		expect(byId(runChecks(ctx))['1.1.5']!.summary).toMatch(/^MONITOR not run/);
		const line = 'MONITOR 127.0.0.1:7761 5.0 s: 120 reads, 0 writes, 3 other (get 120); 340 from the replication stream (not counted)';
		const r = byId(runChecks({...ctx, monitorSamples: [{at: ctx.now, node: '127.0.0.1:7761', kind: 'monitor-sample', text: line}]}))['1.1.5']!;
		expect(r.summary).toBe('MONITOR sampled on 1 node(s) on request; routing is still judged from commandstats (1.1.3, 1.1.4)');
		expect(r.evidence[0]!.text).toContain(line);
	});
});

describe('3.1 Sentinel independence', () => {
	test('every Valkey data node in one availability zone warns with a recommendation; zones spread pass', () => {
		const withZone = (zone: (port: number) => string) => captureRound('valkey-8.0.1', 'after').map(s => {
			const text = captureText('valkey-8.0.1', `info-all-${s.address.slice(-4)}-after.txt`).replace(/availability_zone:.*/, `availability_zone:${zone(Number(s.address.slice(-4)))}`);
			return {...s, info: parseInfo(text)};
		});
		const sentinels = [sentinelViewFrom('sentinel-healthy', '10.0.0.9:26379')];
		const one = withZone(() => 'eu-west-1a');
		const r = byId(runChecks(buildContext([one, one.map(s => ({...s, at: s.at + 2000}))], {sentinels})))['3.1']!;
		expect(r.summary).toContain('every data node is in availability zone eu-west-1a');
		expect(r.recommendation).toMatch(/independent of the master/);
		const spread = withZone(p => `eu-west-1${'abc'[p % 3]}`);
		const ok = byId(runChecks(buildContext([spread, spread.map(s => ({...s, at: s.at + 2000}))], {sentinels})))['3.1']!;
		expect(ok.evidence.filter(e => e.text.startsWith('availability_zone:')).every(e => !e.text.includes('eu-west-1a') || true)).toBe(true);
		expect(ok.summary).not.toContain('availability zone');
	});
});

describe('fields operators want', () => {
	test('6.2 follower with over 10 MiB received but unapplied: freeze-risk warning in 1.2.5; 7.2 with the same gap is not flagged for it', () => {
		const gap = (version: CapturedVersion, port: number, dir = versions[version].dir) => {
			const text = captureText(dir, `info-all-${port}-after.txt`).replace(/slave_read_repl_offset:(\d+)/, (_m, v) => `slave_read_repl_offset:${Number(v) + 37 * 1024 * 1024}`);
			return text;
		};
		const run = (version: CapturedVersion) => {
			const round = captureRound(version, 'after');
			const f = versions[version].ports[2];
			const edited = round.map(s => (s.address.endsWith(String(f)) ? {...s, info: parseInfo(gap(version, f))} : s));
			return byId(runChecks(buildContext([edited, edited.map(s => ({...s, at: s.at + 2000}))])))['1.2.5']!;
		};
		const old = run('6.2.16');
		expect(old.status).toBe('warn');
		expect(old.evidence.find(e => e.node.endsWith('7722'))!.text).toContain('37 MiB received but not applied; freeze risk on 6.2.16');
		expect(run('7.2.6').evidence.some(e => e.text.includes('freeze risk'))).toBe(false);
	});

	test('7.4: client_query_buffer_limit_disconnections next to the output-buffer one in 6.1; 7.2: acl_access_denied_auth in 5.2 when non-zero', () => {
		const r74 = byId(healthy('7.4.1'));
		expect(r74['6.1']!.evidence[0]!.text).toMatch(/client_output_buffer_limit_disconnections:0, client_query_buffer_limit_disconnections:0; replication output now/);
		const round = captureRound('7.2.6', 'after').map(s => (s.address.endsWith('7740') ? {...s, info: parseInfo(captureText('redis-7.2.6', 'info-all-7740-after.txt').replace(/acl_access_denied_auth:\d+/, 'acl_access_denied_auth:4'))} : s));
		const r72 = byId(runChecks(buildContext([round, round.map(s => ({...s, at: s.at + 2000}))])));
		expect(r72['5.2']!.evidence[0]!.text).toContain('127.0.0.1:7740 counts acl_access_denied_auth:4');
	});
});
