import {describe, expect, it} from 'vitest';
import {lagSecondsFrom, offsetReachedAt, writeRateOf} from '../../source/model/lag.js';

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
