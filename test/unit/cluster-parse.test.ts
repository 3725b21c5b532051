import {describe, expect, it} from 'vitest';
import {formatSlots, parseClusterNodes, parseClusterShards, parseSlots, slotsCovered} from '../../source/cluster/parse.js';
import {clusterAddresses} from '../../source/cluster/fetch.js';
import {json, text} from './cluster-replies.js';

const summary = (shards: ReturnType<typeof parseClusterNodes>) =>
	shards.map(s => ({slots: s.slots, roles: s.nodes.map(n => n.role), health: s.nodes.map(n => n.health)}));

describe('CLUSTER NODES', () => {
	it('groups a 3 × 1 cluster into three shards, master first, slots covering 0-16383', () => {
		const shards = parseClusterNodes(text('nodes.txt'));
		expect(summary(shards)).toEqual([
			{slots: '0-5460', roles: ['master', 'replica'], health: ['online', 'online']},
			{slots: '5461-10922', roles: ['master', 'replica'], health: ['online', 'online']},
			{slots: '10923-16383', roles: ['master', 'replica'], health: ['online', 'online']},
		]);
		expect(slotsCovered(shards)).toBe(true);
		expect(shards[0]!.nodes[0]!.flags).toEqual(['myself', 'master']);
		expect(clusterAddresses(shards)).toHaveLength(6);
	});

	it('shows a killed replica as failed in its shard', () => {
		const shards = parseClusterNodes(text('nodes-replica-failed.txt'));
		const failed = shards.flatMap(s => s.nodes).filter(n => n.health === 'fail');
		expect(failed).toHaveLength(1);
		expect(failed[0]).toMatchObject({role: 'replica', flags: ['slave', 'fail']});
	});

	it('ignores migrating and importing markers, whatever order the lines come in', () => {
		for (const name of ['nodes-migrating.txt', 'nodes-importing.txt']) {
			const shards = parseClusterNodes(text(name));
			expect(shards.map(s => s.slots)).toEqual(['0-5460', '5461-10922', '10923-16383']);
			expect(shards.every(s => s.nodes.length === 2 && s.nodes[0]!.role === 'master')).toBe(true);
		}
	});
});

describe('CLUSTER SHARDS', () => {
	it('reads the RESP3 (legacy mapping) and RESP2 replies the same way', () => {
		const {resp2, resp3} = json('shards.json');
		expect(parseClusterShards(resp3)).toEqual(parseClusterShards(resp2));
	});

	it('agrees with CLUSTER NODES of the same cluster on shards, addresses and roles', () => {
		const shards = parseClusterShards(json('shards.json').resp2);
		const fromNodes = parseClusterNodes(text('nodes.txt'));
		const shape = (list: typeof shards) => list.map(s => ({id: s.id, slots: s.slots, nodes: s.nodes.map(n => [n.address, n.id, n.role])}));
		expect(shape(shards)).toEqual(shape(fromNodes));
		expect(slotsCovered(shards)).toBe(true);
	});

	it('keeps health and offsets: a fresh replica at offset 0 reports loading, a killed one fail', () => {
		const shards = parseClusterShards(json('shards-replica-failed.json').resp2);
		const replicas = shards.flatMap(s => s.nodes).filter(n => n.role === 'replica');
		expect(replicas.map(n => n.health).sort()).toEqual(['fail', 'loading', 'loading']);
		expect(replicas.every(n => n.offset === 0)).toBe(true);
	});
});

describe('slot ranges', () => {
	it('round-trips and merges adjacent ranges', () => {
		expect(formatSlots([[5461, 10922], [0, 5460], [7, 7]])).toBe('0-10922');
		expect(formatSlots([[0, 10], [12, 12]])).toBe('0-10,12');
		expect(parseSlots('0-10,12')).toEqual([[0, 10], [12, 12]]);
		expect(slotsCovered(parseSlots('0-16000').map(([a, b]) => ({id: 'x', slots: `${a}-${b}`, nodes: []})))).toBe(false);
	});
});
