import {viewOf} from '../model/node-view.js';
import type {Address, NodeSample} from '../model/types.js';
import {formatAddress, isValidPort} from '../model/address.js';

// A host a server reports is followed only when it looks like one: never a control character or a space.
const plausibleHost = /^[A-Za-z0-9._:%\[\]-]{1,255}$/;

export interface Discovered {
	readonly address: Address;
	/** `master-of <addr>` or `replica-of <addr>`: how we learned of it. */
	readonly via: string;
}

/**
 * Neighbours a sample points at: its master (`master_host:master_port`) and its replicas
 * (`slaveN` lines). `port=0` lines are SYNC clients such as `redis-cli --rdb`, never nodes.
 */
export function neighbours(sample: NodeSample): Discovered[] {
	const info = viewOf(sample);
	if (!info) return [];
	const found: Discovered[] = [];
	const host = info.masterHost;
	const port = info.masterPort ?? NaN;
	if (info.role === 'replica' && host && plausibleHost.test(host) && isValidPort(port)) {
		found.push({address: formatAddress(host, port), via: `master-of ${sample.address}`});
	}
	for (const replica of info.replicas) {
		if (replica.port === 0 || !isValidPort(replica.port) || !plausibleHost.test(replica.ip)) continue;
		found.push({address: formatAddress(replica.ip, replica.port), via: `replica-of ${sample.address}`});
	}
	return found;
}

/** Addresses not yet known, from every sample, first finder wins. */
export function discoverNew(samples: Iterable<NodeSample>, known: (address: Address) => boolean): Discovered[] {
	const out = new Map<Address, Discovered>();
	for (const sample of samples) {
		for (const d of neighbours(sample)) if (!known(d.address) && !out.has(d.address)) out.set(d.address, d);
	}
	return [...out.values()];
}
