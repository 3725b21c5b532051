import {clusterAddresses, fetchClusterShards} from '../cluster/fetch.js';
import type {ClusterShard} from '../cluster/parse.js';
import {splitAddress} from '../model/address.js';
import {viewOf} from '../model/node-view.js';
import type {Address, NodeSample} from '../model/types.js';
import type {Poller, PollTarget} from './poller.js';

const clusterRefreshMs = 30_000;

/** Cluster mode: a seed with cluster_enabled:1 brings every node of the cluster (CLUSTER SHARDS / NODES). */
export class ClusterSource {
	shards: readonly ClusterShard[] | undefined;
	private at = 0;
	private fetching: Promise<void> | undefined;

	constructor(private readonly poller: Poller, private readonly now: () => number) {}

	/** Asks the first cluster node among `samples` for the shards (every 30 s); `add` gets each node with the target it was found through. */
	fetch(samples: Iterable<NodeSample>, add: (address: Address, parent: PollTarget | undefined) => void): Promise<void> | undefined {
		if (this.fetching || (this.shards && this.now() - this.at < clusterRefreshMs)) return undefined;
		const source = [...samples].find(s => viewOf(s)?.clusterEnabled === true);
		if (!source) return undefined;
		const version = viewOf(source)?.redisVersion;
		const pending = this.poller.withClient(source.address, client => fetchClusterShards(client, version, splitAddress(source.address).host));
		if (!pending) return undefined;
		this.fetching = pending.then(shards => {
			this.shards = shards;
			this.at = this.now();
			const parent = this.poller.target(source.address);
			for (const address of clusterAddresses(shards)) add(address, parent);
		}).catch(() => {
			this.at = this.now();
		}).finally(() => {
			this.fetching = undefined;
		});
		return this.fetching;
	}
}
