import {describe, expect, it} from 'vitest';
import {fieldsToRecord, isStale, parseCkquorum, parseInfoSentinel, parseMasterAddr, recordAddress, recordsOf, sentinelState} from '../../source/sentinel/parse.js';
import {failover, fixture, healthy, noquorum, view} from './sentinel-replies.js';

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
