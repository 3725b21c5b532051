import {describe, expect, it} from 'vitest';
import fc from 'fast-check';
import {parseInfo} from '../../source/redis/parse-info.js';
import {neighbours} from '../../source/engine/discovery.js';
import {buildTopology} from '../../source/model/topology.js';
import {History} from '../../source/model/history.js';
import {chained, deadMaster, master, replica, sentinel} from './engine-captures.js';

describe('INFO from real servers', () => {
	it('reads a steady master: role, replicas, offsets, command stats', () => {
		const info = parseInfo(master);
		expect(info.fields.role).toBe('master');
		expect(info.replicas.map(r => [r.port, r.state])).toEqual([[32684, 'online'], [32687, 'online']]);
		expect(info.fields.master_repl_offset).toBe('6513');
		expect(info.commandstats.set?.calls).toBeGreaterThan(0);
		expect(Object.keys(info.sections)).toEqual(expect.arrayContaining(['server', 'replication', 'stats', 'commandstats']));
	});
});

describe('parser totality', () => {
	it('never throws on random text and always keeps its shape', () => {
		fc.assert(fc.property(fc.string({unit: 'binary', maxLength: 400}), text => {
			const info = parseInfo(text);
			expect(typeof info.fields).toBe('object');
			expect(Array.isArray(info.replicas)).toBe(true);
			neighbours({address: 'x:1', at: 0, reachable: true, info});
		}), {numRuns: 300});
	});
	it('never throws on truncated or spliced real INFO', () => {
		const all = [master, replica, deadMaster, chained, sentinel];
		fc.assert(fc.property(fc.integer({min: 0, max: 4}), fc.nat(), fc.nat(), fc.string({maxLength: 30}), (i, a, b, junk) => {
			const text = all[i]!;
			const cut = text.slice(0, a % (text.length + 1)) + junk + text.slice(b % (text.length + 1));
			const info = parseInfo(cut);
			const s = {address: '127.0.0.1:1', at: 0, reachable: true, info};
			neighbours(s);
			buildTopology([s], new History());
		}), {numRuns: 300});
	});
});
