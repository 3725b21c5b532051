import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {fieldsToRecord, isStale, parseCkquorum, parseInfoSentinel, parseMasterAddr, recordAddress, recordsOf, sentinelState} from '../../source/sentinel/parse.js';
import {majorityMaster, sentinelSeeds} from '../../source/sentinel/fetch.js';
import type {SentinelView} from '../../source/model/types.js';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/sentinel-${name}.json`, import.meta.url), 'utf8'));
const healthy = fixture('healthy');
const noquorum = fixture('noquorum');
const failover = fixture('failover');

const view = (address: string, reply: Record<string, unknown>, extra: Partial<SentinelView> = {}): SentinelView => ({
	address,
	reachable: true,
	masterName: 'mymaster',
	master: fieldsToRecord(reply.master),
	replicas: recordsOf(reply.replicas),
	sentinels: recordsOf(reply.sentinels),
	ckquorum: parseCkquorum(reply.ckquorum).text,
	...(reply.masterAddr ? {masterAddr: parseMasterAddr(reply.masterAddr)} : {}),
	...extra,
});

describe('Sentinel replies', () => {
	it('reads SENTINEL MASTER into the state a person watches: quorum, flags, other Sentinels, epoch', () => {
		const state = sentinelState(view('127.0.0.1:1', healthy, {tilt: parseInfoSentinel(healthy.infoSentinel).tilt}));
		expect(state).toMatchObject({quorum: 2, numOtherSentinels: 2, numReplicas: 2, configEpoch: 0, flags: ['master'], failoverInProgress: false, tilt: false, quorumOk: true, usableSentinels: 3});
	});

	it('lists every replica and every other Sentinel with their addresses', () => {
		expect(recordsOf(healthy.replicas).map(recordAddress)).toEqual(['127.0.0.1:21447', '127.0.0.1:21450']);
		expect(recordsOf(healthy.sentinels).map(recordAddress)).toHaveLength(2);
	});

	it('never keeps a password-like field (SENTINEL CONFIG GET * carries sentinel-pass in clear)', () => {
		const secrets = fixture('secrets');
		const record = fieldsToRecord(secrets.configGet);
		expect(record['resolve-hostnames']).toBe('no');
		expect(Object.keys(record).some(k => /pass|auth/i.test(k))).toBe(false);
		expect(JSON.stringify(record)).not.toContain('topsecret');
		expect(JSON.stringify(fieldsToRecord(secrets.master))).not.toContain('topsecret');
	});

	it('tells OK from NOQUORUM and keeps the usable count', () => {
		expect(parseCkquorum(healthy.ckquorum)).toMatchObject({ok: true, usable: 3});
		expect(parseCkquorum(new Error(noquorum.ckquorum))).toMatchObject({ok: false, usable: 1});
	});

	it('marks Sentinels the remaining one holds as s_down as stale', () => {
		expect(recordsOf(noquorum.sentinels).map(isStale)).toEqual([true, true]);
		expect(recordsOf(healthy.sentinels).map(isStale)).toEqual([false, false]);
	});

	it('reads GET-MASTER-ADDR-BY-NAME, and nil for an unknown name', () => {
		expect(parseMasterAddr(healthy.masterAddr)).toBe('127.0.0.1:21441');
		expect(parseMasterAddr(healthy.addrNoSuch)).toBeUndefined();
	});

	it('reads INFO sentinel master lines and TILT', () => {
		expect(parseInfoSentinel(healthy.infoSentinel)).toEqual({
			tilt: false,
			masters: [{name: 'mymaster', status: 'ok', address: '127.0.0.1:21441', slaves: 2, sentinels: 3}],
		});
		expect(parseInfoSentinel(fixture('tilt').infoSentinel)).toMatchObject({tilt: true, tiltSinceSeconds: 1});
	});

	it('shows a master Sentinel sees as down: s_down, then o_down', () => {
		expect(sentinelState(view('127.0.0.1:1', {master: failover.masterDuringFailover}))).toMatchObject({subjectivelyDown: true, objectivelyDown: false});
	});
});

describe('seeds from Sentinel', () => {
	it('one Sentinel gives the master, both replicas and all three Sentinels', () => {
		const seeds = sentinelSeeds([view('127.0.0.1:21460', healthy)]);
		expect(seeds.master).toBe('127.0.0.1:21441');
		expect(seeds.dataNodes).toEqual(['127.0.0.1:21441', '127.0.0.1:21447', '127.0.0.1:21450']);
		expect(seeds.replicas.every(r => !r.stale)).toBe(true);
		expect(new Set(seeds.sentinels).size).toBe(3);
	});

	it('after a failover the old master is kept as a stale replica and the promoted one leads', () => {
		const after = {master: failover.masterAfter, replicas: failover.replicasAfter, sentinels: [], ckquorum: 'OK', masterAddr: failover.masterAddrAfter};
		const seeds = sentinelSeeds([view('127.0.0.1:1', after)]);
		expect(seeds.master).not.toBe(failover.oldLeader);
		expect(seeds.dataNodes[0]).toBe(seeds.master);
		expect(seeds.replicas.find(r => r.address === failover.oldLeader)).toMatchObject({stale: true});
	});

	it('follows the majority of reachable Sentinels, not one early answer', () => {
		const before = view('127.0.0.1:1', healthy);
		const after = view('127.0.0.1:2', {master: failover.masterAfter, masterAddr: failover.masterAddrAfter});
		const down = {...after, address: '127.0.0.1:3', reachable: false};
		expect(majorityMaster([before, before, after])).toBe('127.0.0.1:21441');
		expect(majorityMaster([before, after, {...after, address: '127.0.0.1:4'}])).toBe(parseMasterAddr(failover.masterAddrAfter));
		expect(majorityMaster([before, down, down])).toBe('127.0.0.1:21441');
	});
});
