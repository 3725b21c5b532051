import {describe, expect, it} from 'vitest';
import {diffEvents} from '../../source/model/events.js';
import {History} from '../../source/model/history.js';
import {buildTopology} from '../../source/model/topology.js';
import {parseInfo} from '../../source/redis/parse-info.js';
import type {NodeSample} from '../../source/model/types.js';
import {deadMaster, master, replica as replicaText, sample, sentinel} from './engine-captures.js';

const A = '127.0.0.1:7001';
const B = '127.0.0.1:7002';
const C = '127.0.0.1:7003';
const info = (lines: Record<string, string | number>, replicas: string[] = []) =>
	parseInfo(['# Replication', ...Object.entries(lines).map(([k, v]) => `${k}:${v}`), ...replicas.map((r, i) => `slave${i}:${r}`)].join('\r\n'));
const up = (address: string, lines: Record<string, string | number>, replicas: string[] = [], at = 1000): NodeSample => ({address, at, reachable: true, info: info(lines, replicas)});
const down = (address: string, at: number): NodeSample => ({address, at, reachable: false, error: {kind: 'refused', message: 'connection refused'}});
const replica = (port: number, id: string, offset = 100, link = 'up') => ({role: 'slave', master_host: '127.0.0.1', master_port: port, master_link_status: link, master_replid: id, slave_repl_offset: offset, master_repl_offset: offset});

describe('buildTopology keeps groups still during a failover', () => {
	it('a dead leader stays in its group as a former leader once a follower is promoted, with no split brain', () => {
		const history = new History();
		const before = buildTopology([
			up(A, {role: 'master', master_replid: 'r1', master_repl_offset: 100}, ['ip=127.0.0.1,port=7002,state=online,offset=100,lag=0', 'ip=127.0.0.1,port=7003,state=online,offset=100,lag=0']),
			up(B, replica(7001, 'r1')),
			up(C, replica(7001, 'r1')),
		], history);
		expect(before.groups).toHaveLength(1);
		// A is killed; B is promoted (replid2 = the old history), C follows B.
		const after = buildTopology([
			down(A, 2000),
			up(B, {role: 'master', master_replid: 'r2', master_replid2: 'r1', master_repl_offset: 120}, ['ip=127.0.0.1,port=7003,state=online,offset=120,lag=0'], 2000),
			up(C, replica(7002, 'r2', 120), [], 2000),
		], history, before);
		expect(after.groups).toHaveLength(1);
		const group = after.groups[0]!;
		expect(group.leader).toBe(B);
		expect(group.members).toContain(A);
		expect(group.splitBrain).toBe(false);
		expect(after.nodes[A]!.role).toBe('master'); // its last known role: the view calls it the former leader
	});
});

describe('buildTopology on real INFO', () => {
	it('builds one group with the leader first and a measured link', () => {
		const history = new History();
		const topology = buildTopology([sample('127.0.0.1:32684', replicaText), sample('127.0.0.1:32680', master), sample('127.0.0.1:32693', sentinel)], history);
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
		const before = buildTopology([sample('127.0.0.1:32680', master), sample('127.0.0.1:32684', replicaText)], history);
		const after = buildTopology([
			sample('127.0.0.1:32680', master, 1_001_000),
			{address: '127.0.0.1:32684', at: 1_001_000, reachable: false, error: {kind: 'refused', message: 'connection refused'}},
		], history, before);
		expect(after.nodes['127.0.0.1:32684']!.role).toBe('replica');
		expect(after.nodes['127.0.0.1:32684']!.groupId).toBe(after.nodes['127.0.0.1:32680']!.groupId);
		expect(diffEvents(before, after).map(e => [e.node, e.kind])).toEqual([['127.0.0.1:32684', 'unreachable']]);
	});
});
