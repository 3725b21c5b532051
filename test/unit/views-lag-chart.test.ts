import {describe, expect, it} from 'vitest';
import {lagChart} from '../../views/lag-chart.js';
import {sparkline} from '../../views/sparkline.js';

const kib = (v: number) => `${Math.round(v / 1024)} KiB`;

describe('lagChart', () => {
	const now = 600_000;
	const points = Array.from({length: 600}, (_, i) => ({t: (i + 1) * 1000, v: i >= 590 ? 8 * 1024 * 1024 : 1024}));
	it('labels the y axis (top, middle, 0) and the time axis over the whole window, the newest column at the right', () => {
		const lines = lagChart(points, {width: 80, height: 6, windowMs: 600_000, now, format: kib, floor: 64 * 1024});
		expect(lines).toHaveLength(8);
		expect(lines.every(l => l.length <= 80)).toBe(true);
		expect(lines[0]).toMatch(/^8192 KiB ┤/);
		expect(lines.some(l => /^4096 KiB ┤/.test(l))).toBe(true);
		expect(lines[5]).toMatch(/^ {3}0 KiB ┤/);
		expect(lines[7]).toMatch(/-10 min .*-5 min .*now$/);
		// The burst of the last 10 s fills the right end to the top; the quiet 1 KiB before stays at the floor.
		expect(lines[0]!.at(-1)).toBe('█');
		expect(lines[0]!.slice(12, 40).trim()).toBe('');
	});
	it('keeps noise under the floor low; before the first point is blank, a span with no reading after it is marked', () => {
		const quiet = [{t: 100_000, v: 500}, {t: 599_000, v: 800}];
		const lines = lagChart(quiet, {width: 60, height: 4, windowMs: 600_000, now, format: kib, floor: 64 * 1024});
		expect(lines[0]).toMatch(/^64 KiB ┤ +$/);
		const bottom = lines[3]!.replace(/^.*┤/, '');
		// Issue 26 C: the 499 s without a reading read as unknown, not as no lag.
		expect(bottom.trim()).toMatch(/^▁░+▁$/);
		expect(bottom.slice(0, 5).trim()).toBe('');
		expect(lagChart(quiet, {width: 60, height: 4, windowMs: 600_000, now, format: kib, floor: 64 * 1024, ascii: true})[3]!.replace(/^.*\|/, '').trim()).toMatch(/^\.\?+\.$/);
	});
});

describe('sparkline', () => {
	it('draws the newest points, scaled to max(values, floor), with the span of what it drew', () => {
		const points = Array.from({length: 100}, (_, i) => ({t: i * 1000, v: i}));
		const spark = sparkline(points, 10, 1);
		expect(spark.bars).toHaveLength(10);
		expect(spark.bars.at(-1)).toBe('█');
		expect(spark.max).toBe(99);
		expect(spark.spanSeconds).toBe(9);
		expect(sparkline([{t: 0, v: 100}, {t: 1000, v: 900}], 10, 64 * 1024).bars).toBe('▁▁');
	});
	it('draws a span with no reading as unknown cells, one per missing step, and keeps the points before it', () => {
		const before = Array.from({length: 10}, (_, i) => ({t: i * 1000, v: 0}));
		const after = Array.from({length: 5}, (_, i) => ({t: 18_000 + i * 1000, v: 0}));
		const spark = sparkline([...before, ...after], 20, 1024);
		expect(spark.bars).toBe('▁▁▁▁▁▁▁▁▁▁'.slice(-7) + '░░░░░░░░' + '▁▁▁▁▁');
		expect(spark.spanSeconds).toBe(19);
		expect(sparkline([...before, ...after], 20, 1024, true).bars).toBe('_______????????_____');
	});
});
