import {describe, expect, it} from 'vitest';
import {parseClusterNodes, parseClusterShards, slotsCovered} from '../../source/cluster/parse.js';
import {shardGroups} from '../../source/cluster/fetch.js';
import {json, text} from './cluster-replies.js';

describe('shard groups', () => {
	it('one group per shard, led by its master, with its slots', () => {
		const groups = shardGroups(parseClusterShards(json('shards.json').resp2));
		expect(groups).toHaveLength(3);
		for (const group of groups) {
			expect(group).toMatchObject({kind: 'shard', splitBrain: false});
			expect(group.members).toHaveLength(2);
			expect(group.members[0]).toBe(group.leader);
			expect(group.masters).toEqual([group.leader]);
		}
		expect(groups.map(g => g.slots)).toEqual(['0-5460', '5461-10922', '10923-16383']);
	});
});

describe('after a master failover', () => {
	it('the promoted replica leads its slots alone and the dead master shows failed, holding no slots', () => {
		const fromNodes = parseClusterNodes(text('nodes-master-failed-over.txt'));
		const fromShards = parseClusterShards(json('shards-master-failed-over.json').resp2);
		for (const shards of [fromNodes, fromShards]) {
			expect(slotsCovered(shards)).toBe(true);
			const groups = shardGroups(shards);
			const withSlots = groups.filter(g => g.slots !== '');
			expect(withSlots.map(g => g.masters.length)).toEqual([1, 1, 1]);
			expect(withSlots.map(g => g.members.length).sort()).toEqual([1, 2, 2]);
			const dead = groups.filter(g => g.slots === '');
			expect(dead).toHaveLength(1);
			expect(dead[0]!.masters).toEqual([]);
			expect(shards.flatMap(s => s.nodes).find(n => n.address === dead[0]!.members[0])).toMatchObject({role: 'master', health: 'fail'});
		}
	});
});
