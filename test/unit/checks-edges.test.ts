import {expect, test} from 'vitest';
import {runChecks} from '../../source/checks/index.js';
import {mergeInfo} from '../../source/redis/merge-info.js';
import {parseInfo} from '../../source/redis/parse-info.js';
import type {CheckResult, NodeSample} from '../../source/model/types.js';
import {toNodeSample} from '../integration/checks-collect.js';
import {buildContext, loadFixture} from './checks-builder.js';

const get = (results: readonly CheckResult[], id: string) => results.find(r => r.id === id)!;

test('a node that stops answering is unknown in 1.1.1 (with the error), and so are its own checks: one cause, not a fail everywhere', () => {
	const {rounds} = loadFixture('healthy');
	const follower = rounds[1]![2]!.address;
	const results = runChecks(buildContext(rounds, {
		edit: (s, i) => (i === 1 && s.address === follower ? {address: s.address, at: s.at, reachable: false, error: {kind: 'refused', message: 'connection refused'}} : s),
	}));
	expect(get(results, '1.1.1').status).toBe('unknown');
	expect(get(results, '1.1.1').evidence.find(e => e.node === follower)!.text).toContain('unreachable: connection refused');
	expect(get(results, '1.2.1').evidence.find(e => e.node === follower)!.text).toContain('unreachable');
});

test('before 6.2 writes to replicas are not measurable: 1.1.3 says "not applicable" (info) instead of passing', () => {
	const {rounds} = loadFixture('writable-replica');
	// The captured 7.0.15 samples, relabelled as 6.0.20 (which has no errorstats section).
	const as60 = (s: NodeSample): NodeSample => ({...s, info: {...s.info!, fields: {...s.info!.fields, redis_version: '6.0.20'}, errorstats: {}}});
	const results = runChecks(buildContext(rounds, {edit: as60}));
	expect(get(results, '1.1.3').status).toBe('info');
	expect(get(results, '1.1.3').evidence[0]!.text).toMatch(/^not applicable on Redis 6\.0\.20: errorstats\/rejected_calls exists from Redis 6\.2/);
});

test('counters carried over from an earlier full INFO are not a new measurement', () => {
	const {rounds} = loadFixture('healthy');
	const [first, second] = rounds as [typeof rounds[0], typeof rounds[0]];
	// The poller's light tick: only `INFO replication` is new, the rest is the last full INFO.
	const light = second.map(raw => {
		const full = parseInfo(first.find(f => f.address === raw.address)!.info);
		const replication = raw.info.slice(raw.info.indexOf('# Replication'), raw.info.indexOf('# CPU'));
		return {...toNodeSample(raw), info: mergeInfo(full, parseInfo(replication))};
	});
	const stale = runChecks(buildContext([first, light]));
	expect(get(stale, '1.1.3').status).toBe('unknown');
	expect(get(stale, '1.1.3').evidence[0]!.text).toBe('needs two samples at least a second apart');
	const fresh = runChecks(buildContext([first, second]));
	expect(get(fresh, '1.1.3').status).toBe('pass');
});

test('a follower listed with port=0 (listening port refused during an auth change) still counts as a replica', () => {
	const results = runChecks(buildContext(loadFixture('port0-replica').rounds));
	expect(get(results, '1.3.1').status).toBe('warn');
	expect(get(results, '1.3.1').evidence[0]!.text).toMatch(/^1 online replica\(s\): 127\.0\.0\.1:\d+; .*listed with port=0/);
	expect(get(results, '1.2.3').status).not.toBe('fail');
	expect(get(results, '1.2.1').status).toBe('pass');
});

test('after a failover the dead former leader (last sample role:master) is not a second leader in 1.1.1', () => {
	const [A, B, C] = ['127.0.0.1:7001', '127.0.0.1:7002', '127.0.0.1:7003'];
	const info = (lines: Record<string, string | number>, replicas: string[] = []) =>
		parseInfo(['# Server', 'redis_version:7.0.15', '# Replication', ...Object.entries(lines).map(([k, v]) => `${k}:${v}`), ...replicas.map((r, i) => `slave${i}:${r}`)].join('\r\n'));
	const up = (address: string, at: number, lines: Record<string, string | number>, replicas: string[] = []): NodeSample => ({address, at, reachable: true, info: info(lines, replicas)});
	const follower = (port: number, id: string, offset: number) => ({role: 'slave', master_host: '127.0.0.1', master_port: port, master_link_status: 'up', master_replid: id, slave_repl_offset: offset, master_repl_offset: offset});
	const before = [
		up(A, 1000, {role: 'master', master_replid: 'r1', master_repl_offset: 100, connected_slaves: 2}, ['ip=127.0.0.1,port=7002,state=online,offset=100,lag=0', 'ip=127.0.0.1,port=7003,state=online,offset=100,lag=0']),
		up(B, 1000, follower(7001, 'r1', 100)),
		up(C, 1000, follower(7001, 'r1', 100)),
	];
	// A is killed; B is promoted (its replid2 is the old history) and C follows B.
	const after = [
		{address: A, at: 3000, reachable: false, error: {kind: 'refused', message: 'connection refused'}} satisfies NodeSample,
		up(B, 3000, {role: 'master', master_replid: 'r2', master_replid2: 'r1', master_repl_offset: 120, connected_slaves: 1}, ['ip=127.0.0.1,port=7003,state=online,offset=120,lag=0']),
		up(C, 3000, follower(7002, 'r2', 120)),
	];
	const roles = get(runChecks(buildContext([before, after])), '1.1.1');
	expect(roles.status).toBe('unknown');
	expect(roles.summary).toBe('1 leader(s), 1 follower(s); 1 node(s) unreachable, their role unconfirmed (1 former leader)');
	expect(roles.evidence.find(e => e.node === A)!.text).toContain('role not confirmed now (last known: master)');
});
