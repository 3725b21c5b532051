import {expect, test} from 'vitest';
import {History} from '../../source/model/history.js';
import {buildTopology} from '../../source/model/topology.js';
import type {NodeSample} from '../../source/model/types.js';
import {parseInfo} from '../../source/redis/parse-info.js';
import {headerLine} from '../../views/topology-lines.js';
import {topologyRows} from '../../views/topology-rows.js';
import {defaultTopologyView, type HeaderRow} from '../../views/row-types.js';

const [A, B, C] = ['127.0.0.1:7001', '127.0.0.1:7002', '127.0.0.1:7003'];
const info = (lines: Record<string, string | number>, replicas: string[] = []) =>
	parseInfo(['# Replication', ...Object.entries(lines).map(([k, v]) => `${k}:${v}`), ...replicas.map((r, i) => `slave${i}:${r}`)].join('\r\n'));
const up = (address: string, at: number, lines: Record<string, string | number>, replicas: string[] = []): NodeSample => ({address, at, reachable: true, info: info(lines, replicas)});
const follower = (port: number, id: string, offset: number) => ({role: 'slave', master_host: '127.0.0.1', master_port: port, master_link_status: 'up', master_replid: id, slave_repl_offset: offset, master_repl_offset: offset});

test('after a failover the group line names the dead former leader apart, not as an unreachable follower', () => {
	const history = new History();
	const before = buildTopology([
		up(A, 1000, {role: 'master', master_replid: 'r1', master_repl_offset: 100}, ['ip=127.0.0.1,port=7002,state=online,offset=100,lag=0', 'ip=127.0.0.1,port=7003,state=online,offset=100,lag=0']),
		up(B, 1000, follower(7001, 'r1', 100)),
		up(C, 1000, follower(7001, 'r1', 100)),
	], history);
	// A is killed; B is promoted and C follows B.
	const after = buildTopology([
		{address: A, at: 3000, reachable: false, error: {kind: 'refused', message: 'connection refused'}},
		up(B, 3000, {role: 'master', master_replid: 'r2', master_replid2: 'r1', master_repl_offset: 120}, ['ip=127.0.0.1,port=7003,state=online,offset=120,lag=0']),
		up(C, 3000, follower(7002, 'r2', 120)),
	], history, before);
	const group = after.groups[0]!.id;
	const header = topologyRows(after, history, '', {...defaultTopologyView, collapsed: new Set([group])}).find((r): r is HeaderRow => r.kind === 'header')!;
	expect(header).toMatchObject({followers: 1, online: 1, unreachable: 0, formerLeaders: 1});
	expect(headerLine(header, true, false).text).toContain('leader up · 1/1 ok · ex-leader down');
	expect(headerLine(header, false, false).text).toContain('1/1 followers online · former leader down');
	expect(headerLine(header, true, false).text).not.toContain('unreach');
});
