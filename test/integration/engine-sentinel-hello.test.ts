import {afterAll, describe, expect, it} from 'vitest';
import {createMonitor} from '../../source/engine/monitor.js';
import {parseHello} from '../../source/engine/sentinel-hello.js';
import {labServer, startLab, type Lab} from '../../source/lab/lab.js';
import {options, tickUntil} from './monitor-helpers.js';

const servers = (['redis', 'valkey'] as const).map(p => labServer(p)).filter(s => s !== undefined);

describe('Sentinels found from a data-node seed (their __sentinel__:hello messages)', () => {
	const labs: Lab[] = [];
	afterAll(async () => {
		await Promise.all(labs.map(l => l.stop()));
	});

	it.each(servers.map(s => [s.product, s] as const))('%s: the leader alone as seed, no --sentinel: all three Sentinels are followed and 1.3.3 sees them', async (_product, server) => {
		const lab = await startLab({server, followers: 1, sentinels: 3});
		labs.push(lab);
		const monitor = createMonitor(options(lab.leader.address));
		try {
			const s = await tickUntil(monitor, s => s.topology.sentinels.filter(v => v.reachable).length === 3, 20_000);
			expect(new Set(s.topology.sentinels.map(v => v.address))).toEqual(new Set(lab.sentinels.map(p => p.address)));
			expect(s.topology.sentinels.every(v => v.masterName === lab.masterName)).toBe(true);
			const check = s.checks.find(c => c.id === '1.3.3')!;
			expect(check.summary).not.toContain('no Sentinel or Cluster found');
		} finally {
			await monitor.stop();
		}
	}, 40_000);

	it('a hello message is parsed to the Sentinel\'s address and master name; anything else is ignored', () => {
		expect(parseHello('127.0.0.1,26379,6a4b0c,0,mymaster,127.0.0.1,6379,0')).toEqual({address: '127.0.0.1:26379', masterName: 'mymaster'});
		expect(parseHello('::1,26379,6a4b0c,0,mymaster,::1,6379,0')).toEqual({address: '[::1]:26379', masterName: 'mymaster'});
		expect(parseHello('127.0.0.1,99999,x,0,m,127.0.0.1,6379,0')).toBeUndefined();
		expect(parseHello('hello')).toBeUndefined();
		expect(parseHello(`127.0.0.1,26379,${'x'.repeat(2000)},0,m,1,2,3`)).toBeUndefined();
	});
});
