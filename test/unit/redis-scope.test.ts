import {describe, expect, it} from 'vitest';
import {discoveryScope, isAllowEntry, scopeOfHost} from '../../source/redis/scope.js';
import {replicationCycles} from '../../source/model/cycles.js';

describe('which network an address is in', () => {
	it.each([
		['127.0.0.1', 'loopback'], ['127.9.9.9', 'loopback'], ['::1', 'loopback'], ['localhost', 'loopback'], ['::ffff:127.0.0.1', 'loopback'],
		['10.1.2.3', 'private'], ['172.16.0.1', 'private'], ['172.32.0.1', 'public'], ['192.168.1.1', 'private'], ['100.64.0.1', 'private'],
		['fd00::1', 'private'], ['fe80::1%eth0', 'private'], ['8.8.8.8', 'public'], ['2001:db8::7', 'public'], ['redis-0.redis.svc', 'name'],
	])('%s is %s', (host, scope) => {
		expect(scopeOfHost(host)).toBe(scope);
	});
});

describe('what discovery may follow (issue 15, case 4)', () => {
	it('a loopback seed follows loopback only: a hostile 10.x or public announcement is refused', () => {
		const inScope = discoveryScope(['127.0.0.1:7000']);
		expect(inScope('127.0.0.1:7001')).toBe(true);
		expect(inScope('localhost:7001')).toBe(true);
		expect(inScope('10.0.0.1:6379')).toBe(false);
		expect(inScope('8.8.8.8:6379')).toBe(false);
		expect(inScope('redis.example.com:6379')).toBe(false);
	});

	it('a private seed follows private addresses and names, not public or loopback ones', () => {
		const inScope = discoveryScope(['10.0.0.5:6379']);
		expect([inScope('10.0.0.6:6379'), inScope('192.168.0.2:6379'), inScope('redis-1:6379')]).toEqual([true, true, true]);
		expect([inScope('127.0.0.1:6379'), inScope('8.8.8.8:6379')]).toEqual([false, false]);
	});

	it('--discover-allow adds networks and hosts, or everything with any', () => {
		const inScope = discoveryScope(['127.0.0.1:7000'], ['10.0.0.0/8', 'db.internal', 'fd00::/8']);
		expect([inScope('10.200.0.1:6379'), inScope('db.internal:6379'), inScope('[fd00::5]:6379')]).toEqual([true, true, true]);
		expect(inScope('11.0.0.1:6379')).toBe(false);
		expect(discoveryScope(['127.0.0.1:7000'], ['any'])('8.8.8.8:1')).toBe(true);
		expect([isAllowEntry('10.0.0.0/33'), isAllowEntry('a b'), isAllowEntry('any'), isAllowEntry('::/0')]).toEqual([false, false, true, true]);
	});
});

describe('replication loops (issue 15, case 7)', () => {
	const loops = (edges: Record<string, string>) => replicationCycles(Object.keys(edges), a => edges[a]);

	it('finds A ↔ B, a self-loop and a longer loop once each, and nothing in a chain', () => {
		expect(loops({b: 'a', a: 'b'})).toEqual([['a', 'b']]);
		expect(loops({a: 'a'})).toEqual([['a']]);
		expect(loops({c: 'a', a: 'b', b: 'c', d: 'a'})).toEqual([['a', 'b', 'c']]);
		expect(loops({r1: 'm', r2: 'r1', r3: 'r2'})).toEqual([]);
	});
});
