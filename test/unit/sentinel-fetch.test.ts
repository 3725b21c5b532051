import {describe, expect, it} from 'vitest';
import {majorityMaster, sentinelSeeds} from '../../source/sentinel/fetch.js';
import {parseMasterAddr} from '../../source/sentinel/parse.js';
import {failover, healthy, view} from './sentinel-replies.js';

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
