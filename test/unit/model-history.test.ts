import {describe, expect, it} from 'vitest';
import {History} from '../../source/model/history.js';

describe('history series at scale (points kept as numbers, not objects)', () => {
	it('keeps the newest points in order once full, and the newest few on request', () => {
		const history = new History({points: 5, samples: 2});
		for (let t = 1; t <= 12; t++) history.record('127.0.0.1:6379', 'masterReplOffset', {t: t * 1000, v: t * 100});
		expect(history.series('127.0.0.1:6379', 'masterReplOffset')).toEqual([8, 9, 10, 11, 12].map(t => ({t: t * 1000, v: t * 100})));
		expect(history.recent('127.0.0.1:6379', 'masterReplOffset', 2)).toEqual([{t: 11_000, v: 1100}, {t: 12_000, v: 1200}]);
		expect(history.recent('127.0.0.1:6379', 'masterReplOffset', 50)).toHaveLength(5);
		expect(history.lastPoint('127.0.0.1:6379', 'masterReplOffset')).toEqual({t: 12_000, v: 1200});
		expect(history.series('127.0.0.1:6380', 'masterReplOffset')).toEqual([]);
	});

	it('a reader sees a point recorded after its last read; a repeated timestamp is ignored', () => {
		const history = new History();
		history.record('a:1', 'lagSeconds', {t: 1000, v: 0.5});
		expect(history.series('a:1', 'lagSeconds')).toHaveLength(1);
		history.record('a:1', 'lagSeconds', {t: 1000, v: 9});
		history.record('a:1', 'lagSeconds', {t: 2000, v: 1.5});
		expect(history.series('a:1', 'lagSeconds').map(p => p.v)).toEqual([0.5, 1.5]);
		history.forget('a:1');
		expect(history.series('a:1', 'lagSeconds')).toEqual([]);
	});
});
