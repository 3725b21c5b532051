import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startClusterLab, type ClusterLab} from '../../source/lab/cluster-lab.js';
import {parseOptions} from '../../source/cli/options.js';
import {createMonitor} from '../../source/engine/monitor.js';

describe('engine on a real 3-shard cluster', () => {
	let lab: ClusterLab;
	beforeAll(async () => {
		lab = await startClusterLab({shards: 3, replicasPerShard: 1});
	});
	afterAll(async () => {
		await lab?.stop();
	});

	it('finds every shard from one seed in the first tick, each group with its slots', async () => {
		// A tick waits for slow nodes up to min(timeout + 150 ms, 0.6 × interval): generous here, so a loaded CI
		// machine does not cut the first tick short (it ends as soon as every node answered).
		const result = parseOptions(['--interval', '5s', '--timeout', '2s', lab.nodes[0]!.address], {});
		if (result.kind !== 'options') throw new Error(JSON.stringify(result));
		const monitor = createMonitor(result.options);
		try {
			const first = await monitor.tickOnce();
			expect(Object.keys(first.topology.nodes).sort()).toEqual(lab.nodes.map(n => n.address).sort());
			expect(first.topology.groups).toHaveLength(3);
			for (const group of first.topology.groups) {
				expect(group.kind).toBe('shard');
				expect(group.slots).toMatch(/^\d+-\d+/);
				expect(group.members).toHaveLength(2);
				expect(first.topology.nodes[group.members[0]!]!.role).toBe('master');
			}
			expect(first.topology.links).toHaveLength(3);
			expect(first.topology.links.every(l => l.linkStatus === 'up')).toBe(true);
		} finally {
			await monitor.stop();
		}
	});
});
