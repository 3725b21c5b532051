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
