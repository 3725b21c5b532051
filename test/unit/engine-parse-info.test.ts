import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import fc from 'fast-check';
import {parseInfo} from '../../source/redis/parse-info.js';
import {mergeInfo} from '../../source/redis/merge-info.js';
import {neighbours} from '../../source/engine/discovery.js';
import {buildTopology} from '../../source/model/topology.js';
import {diffEvents} from '../../source/model/events.js';
import {History} from '../../source/model/history.js';
import {lagSecondsFrom, offsetReachedAt, writeRateOf} from '../../source/model/lag.js';
import type {NodeSample} from '../../source/model/types.js';

// Real INFO captured from a 7.0.15 lab (master 32680, followers 32684/32687, Sentinel 32693).
const fixture = (name: string) => readFileSync(new URL(`../fixtures/engine-${name}.txt`, import.meta.url), 'utf8');
const master = fixture('master-steady');
const replica = fixture('replica-steady');
const deadMaster = fixture('replica-dead-master');
const chained = fixture('chained-intermediate');
const sentinel = fixture('sentinel');

const sample = (address: string, text: string, at = 1_000_000): NodeSample => ({address, at, reachable: true, rttMs: 0.3, info: parseInfo(text)});

describe('INFO from real servers', () => {
	it('reads a steady master: role, replicas, offsets, command stats', () => {
		const info = parseInfo(master);
		expect(info.fields.role).toBe('master');
		expect(info.replicas.map(r => [r.port, r.state])).toEqual([[32684, 'online'], [32687, 'online']]);
		expect(info.fields.master_repl_offset).toBe('6513');
		expect(info.commandstats.set?.calls).toBeGreaterThan(0);
		expect(Object.keys(info.sections)).toEqual(expect.arrayContaining(['server', 'replication', 'stats', 'commandstats']));
	});

	it('follows a replica up to its master and a master down to its replicas', () => {
		expect(neighbours(sample('127.0.0.1:32684', replica))).toEqual([{address: '127.0.0.1:32680', via: 'master-of 127.0.0.1:32684'}]);
		expect(neighbours(sample('127.0.0.1:32680', master)).map(n => n.address)).toEqual(['127.0.0.1:32684', '127.0.0.1:32687']);
		// An intermediate replica leads both up and down the chain.
		expect(neighbours(sample('127.0.0.1:32684', chained)).map(n => n.address)).toEqual(['127.0.0.1:32680', '127.0.0.1:32687']);
		expect(neighbours(sample('127.0.0.1:32693', sentinel))).toEqual([]);
	});

	it('never treats a port=0 SYNC client as a node', () => {
		const withBackup = master.replace('slave1:ip=127.0.0.1,port=32687', 'slave1:ip=127.0.0.1,port=0');
		expect(neighbours(sample('127.0.0.1:32680', withBackup)).map(n => n.address)).toEqual(['127.0.0.1:32684']);
	});

	it('builds one group with the leader first and a measured link', () => {
		const history = new History();
		const topology = buildTopology([sample('127.0.0.1:32684', replica), sample('127.0.0.1:32680', master), sample('127.0.0.1:32693', sentinel)], history);
		expect(topology.groups).toHaveLength(1);
		expect(topology.groups[0]!.members).toEqual(['127.0.0.1:32680', '127.0.0.1:32684']);
		expect(topology.groups[0]!.splitBrain).toBe(false);
		expect(topology.nodes['127.0.0.1:32693']!.role).toBe('sentinel');
		expect(topology.nodes['127.0.0.1:32684']).toMatchObject({role: 'replica', masterAddress: '127.0.0.1:32680', product: 'redis', version: '7.0.15'});
		const link = topology.links.find(l => l.follower === '127.0.0.1:32684')!;
		expect(link).toMatchObject({leader: '127.0.0.1:32680', state: 'online', linkStatus: 'up', lagBytes: 0, ackAgeSeconds: 0, lagSeconds: 0});
	});

	it('keeps a replica of a dead master, with its link down and how long', () => {
		const topology = buildTopology([sample('127.0.0.1:32687', deadMaster)], new History());
		const link = topology.links[0]!;
		expect(link).toMatchObject({leader: '127.0.0.1:1', follower: '127.0.0.1:32687', linkStatus: 'down', lagBytes: null});
		expect(link.linkDownSinceSeconds).toBeGreaterThanOrEqual(1);
		expect(topology.groups[0]!.leader).toBe('127.0.0.1:1');
	});

	it('reports a node that went unreachable, keeping its last known role', () => {
		const history = new History();
		const before = buildTopology([sample('127.0.0.1:32680', master), sample('127.0.0.1:32684', replica)], history);
		const after = buildTopology([
			sample('127.0.0.1:32680', master, 1_001_000),
			{address: '127.0.0.1:32684', at: 1_001_000, reachable: false, error: {kind: 'refused', message: 'connection refused'}},
		], history, before);
		expect(after.nodes['127.0.0.1:32684']!.role).toBe('replica');
		expect(after.nodes['127.0.0.1:32684']!.groupId).toBe(after.nodes['127.0.0.1:32680']!.groupId);
		expect(diffEvents(before, after).map(e => [e.node, e.kind])).toEqual([['127.0.0.1:32684', 'unreachable']]);
	});

	it('lays a light INFO replication over the last full INFO without stale replication fields', () => {
		const full = parseInfo(replica);
		const light = parseInfo(`# Replication\r\n${deadMaster.split('# Replication\r\n')[1]!.split('\r\n#')[0]}`);
		const merged = mergeInfo(full, light);
		expect(merged.fields.master_port).toBe('1');
		expect(merged.fields.master_link_status).toBe('down');
		expect(merged.fields.redis_version).toBe('7.0.15'); // from the full INFO
		expect(merged.commandstats).toEqual(full.commandstats);
	});
});

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
