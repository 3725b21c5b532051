import {describe, expect, it} from 'vitest';
import {runChecks} from '../../source/checks/index.js';
import {lagSecondsFrom, offsetReachedAt, writeRateOf} from '../../source/model/lag.js';
import {captureSample} from './captures.js';
import {buildContext} from './checks-builder.js';

describe('lag from the leader offset history (method 3b)', () => {
	const points = [{t: 0, v: 100}, {t: 1000, v: 1100}, {t: 2000, v: 2100}, {t: 3000, v: 3100}];
	it('interpolates when the leader first wrote the byte the follower lacks', () => {
		expect(offsetReachedAt(points, 1601)).toBeCloseTo(1501, 0);
		expect(lagSecondsFrom(points, 1600, 3000)).toBeCloseTo(1.5, 1);
		expect(lagSecondsFrom(points, 3100, 3000)).toBe(0);
		expect(writeRateOf(points)).toBe(1000);
	});
	it('ignores offsets from before a restart of the leader', () => {
		const restarted = [{t: 0, v: 5000}, {t: 1000, v: 10}, {t: 2000, v: 1010}];
		expect(lagSecondsFrom(restarted, 500, 2000)).toBeCloseTo(0.5, 1);
		expect(writeRateOf(restarted.slice(0, 2))).toBeNull();
	});
	it('measures the write rate over at least a second, so a refresh a few ms after a poll is not a peak', () => {
		// A burst of 3 KB lands between a poll and a refresh 50 ms later: 60 KB/s over 50 ms, 2.9 KB/s over the 1.05 s back to the poll before.
		const polled = [{t: 0, v: 0}, {t: 1000, v: 100}, {t: 1050, v: 3100}];
		expect(writeRateOf(polled)).toBe(2952);
		expect(writeRateOf(polled.slice(1))).toBeNull();
	});
});

describe('a follower in a full sync has no lag figure', () => {
	// Redis 8.0.6, a full sync over the RDB channel after a failover: the leader lists the follower as
	// send_bulk_and_stream, the follower says master_sync_in_progress:1 and still prints the offset of
	// the dataset it is replacing (523 MB short of the leader's). That offset is not its distance.
	const dir = 'redis-8.0.6';
	const at = Date.UTC(2026, 10, 1, 4);
	const round = (t: number) => [captureSample(dir, 'info-repl-26102-rdbch-sync.txt', 26102, {at: t}), captureSample(dir, 'info-repl-26101-rdbch-sync.txt', 26101, {at: t})];
	const ctx = buildContext([round(at), round(at + 1000)]);

	it('the link is not measurable, in bytes or seconds', () => {
		const link = ctx.topology.links.find(l => l.follower === '127.0.0.1:26101')!;
		expect(link).toMatchObject({state: 'send_bulk_and_stream', linkStatus: 'down', syncInProgress: true, lagBytes: null, lagSeconds: null});
	});

	it('1.2.4 says so instead of failing on the old dataset’s offset; 1.2.1 carries the sync', () => {
		const results = runChecks(ctx);
		const delay = results.find(r => r.id === '1.2.4')!;
		expect(delay.status).toBe('unknown');
		expect(delay.evidence.find(e => e.node === '127.0.0.1:26101')!.text).toBe('lag not measurable (link down, state send_bulk_and_stream)');
		expect(JSON.stringify(delay)).not.toMatch(/MiB behind/);
		const link = results.find(r => r.id === '1.2.1')!;
		expect(link.status).toBe('warn');
		expect(link.evidence.find(e => e.node === '127.0.0.1:26101')!.text).toMatch(/full sync in progress from 127\.0\.0\.1:26102 \(0\.00 %\)/);
	});
});
