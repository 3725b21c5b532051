import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {existsSync} from 'node:fs';
import {startClusterLab, startManyNodes, type ClusterLab} from '../../source/lab/cluster-lab.js';
import {isPortFree} from '../../source/lab/processes.js';
import {openClient} from '../../source/sentinel/connect.js';
import {clusterAddresses, fetchClusterShards, shardGroups} from '../../source/cluster/fetch.js';
import {slotsCovered} from '../../source/cluster/parse.js';

let lab: ClusterLab;

beforeAll(async () => {
	lab = await startClusterLab({shards: 3, replicasPerShard: 1});
});

afterAll(async () => {
	await lab?.stop();
});

async function shardsFrom(address: string, version?: string) {
	const client = openClient(address, {timeoutMs: 2000});
	try {
		await client.connect();
		return await fetchClusterShards(client, version);
	} finally {
		client.disconnect();
	}
}

describe('Cluster as a topology source', () => {
	it('from one node finds 3 shards of one master and one replica, covering all 16384 slots', async () => {
		const seed = lab.nodes[lab.nodes.length - 1]!.address; // a replica: discovery works from any node
		for (const version of ['7.0.15', '6.2.0']) {
			// 7.0 reads CLUSTER SHARDS, 6.2 reads CLUSTER NODES: both must give the same picture.
			const shards = await shardsFrom(seed, version);
			expect(shards).toHaveLength(3);
			for (const shard of shards) expect(shard.nodes.map(n => n.role)).toEqual(['master', 'replica']);
			expect(slotsCovered(shards)).toBe(true);
			expect(new Set(clusterAddresses(shards))).toEqual(new Set(lab.nodes.map(n => n.address)));
			const groups = shardGroups(shards);
			expect(groups.map(g => g.members.length)).toEqual([2, 2, 2]);
			expect(groups.every(g => g.kind === 'shard' && g.leader === g.members[0] && !g.splitBrain)).toBe(true);
		}
	});

	it('shows a killed replica as failed in its shard', async () => {
		const before = await shardsFrom(lab.nodes[0]!.address);
		const replica = before[1]!.nodes[1]!;
		await lab.nodes.find(n => n.address === replica.address)!.kill9();
		let health: string | undefined;
		const deadline = Date.now() + 15_000;
		while (Date.now() < deadline && health !== 'fail') {
			const shards = await shardsFrom(before[0]!.nodes[0]!.address);
			health = shards.flatMap(s => s.nodes).find(n => n.address === replica.address)?.health;
			if (health !== 'fail') await new Promise(resolve => setTimeout(resolve, 250));
		}
		expect(health).toBe('fail');
	});
});

describe('startManyNodes', () => {
	it('starts leader + 2 follower groups in parallel and stops exactly its processes', async () => {
		const many = await startManyNodes(7);
		const ports = many.nodes.map(n => n.port);
		try {
			expect(many.groups.map(g => g.followers.length)).toEqual([2, 2, 0]);
			const info = await many.groups[0]!.followers[1]!.command('INFO', 'replication');
			expect(info).toContain(`master_port:${many.groups[0]!.leader.port}`);
			expect(many.pids()).toHaveLength(7);
		} finally {
			await many.stop();
		}
		expect(many.pids()).toHaveLength(0);
		expect(existsSync(many.dir)).toBe(false);
		expect((await Promise.all(ports.map(p => isPortFree(p)))).every(Boolean)).toBe(true);
	});
});
