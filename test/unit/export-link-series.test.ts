import {describe, expect, test} from 'vitest';
import {linkSeries, OffsetMemory} from '../../source/export/link-series.js';
import {History} from '../../source/model/history.js';
import type {Link, NodeSample, Topology} from '../../source/model/types.js';
import {parseInfo} from '../../source/redis/parse-info.js';

const L = '10.0.0.1:6379';
const F = '10.0.0.2:6379';
const at = 1_000_000;
const sample = (address: string, text: string): NodeSample => ({address, at, reachable: true, info: parseInfo(`# Replication\r\n${text}`)});

/** A leader at offset 2000 whose history replwatch holds from offset 1000 on (1000 per 10 s). */
function setup(lagBytes: number): {topology: Topology; history: History} {
	const history = new History();
	for (let i = 0; i <= 10; i++) history.record(L, 'masterReplOffset', {t: at - 10_000 + i * 1000, v: 1000 + i * 100});
	const link: Link = {leader: L, follower: F, state: 'online', linkStatus: 'up', lagBytes, lagSeconds: 10, applyBacklogBytes: 0, ackAgeSeconds: 0};
	const topology: Topology = {
		at,
		nodes: {
			[L]: {address: L, sample: sample(L, 'role:master\r\nmaster_repl_offset:2000\r\n'), role: 'master', groupId: 'g', discoveredVia: 'seed'},
			[F]: {address: F, sample: sample(F, `role:slave\r\nmaster_host:10.0.0.1\r\nmaster_port:6379\r\nmaster_link_status:up\r\nslave_repl_offset:${2000 - lagBytes}\r\n`), role: 'replica', groupId: 'g', discoveredVia: 'replica-of'},
		},
		links: [link],
		groups: [{id: 'g', kind: 'replication', leader: L, members: [L, F], splitBrain: false, masters: [L]}],
		sentinels: [],
	};
	return {topology, history};
}

describe('seconds behind marked as a lower bound', () => {
	// The follower's offset against the oldest offset of the history held (1000): below it, the lag is older than the history.
	test.each([
		[1500, 500, true],
		[1001, 999, true],
		[1000, 1000, false],
		[500, 1500, false],
		[0, 2000, false],
	])('%i bytes behind (follower at %i): lower bound %s', (lagBytes, _followerOffset, lowerBound) => {
		const {topology, history} = setup(lagBytes);
		const [series] = linkSeries(topology, history, new OffsetMemory());
		expect(series).toMatchObject({state: 'online', bytesBehind: lagBytes, secondsLowerBound: lowerBound});
	});
});
