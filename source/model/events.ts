import type {Address, Link, Topology, TimelineEvent, TopologyNode} from './types.js';
import {infoNumber} from '../redis/parse-info.js';
import {sanitize} from './sanitize.js';

function counterDelta(prev: TopologyNode, next: TopologyNode, name: string): number {
	const a = infoNumber(prev.sample.info, name);
	const b = infoNumber(next.sample.info, name);
	return a !== undefined && b !== undefined && b > a && prev.sample.info?.fields.run_id === next.sample.info?.fields.run_id ? b - a : 0;
}

const linkKey = (l: Link) => `${l.leader}>${l.follower}`;

/** Timeline events from two consecutive topologies: what an operator would want to have seen happen. */
export function diffEvents(prev: Topology | undefined, next: Topology): TimelineEvent[] {
	if (!prev) return [];
	const events: TimelineEvent[] = [];
	const at = next.at;
	const add = (node: Address, kind: string, text: string) => events.push({at, node, kind, text});

	for (const n of Object.values(next.nodes)) {
		const p = prev.nodes[n.address];
		if (!p) {
			add(n.address, 'discovered', `found (${n.discoveredVia})`);
			continue;
		}
		if (p.sample.reachable && !n.sample.reachable) add(n.address, 'unreachable', `unreachable: ${sanitize(n.sample.error?.message ?? 'no reply')}`);
		if (!p.sample.reachable && n.sample.reachable) add(n.address, 'reachable', 'reachable again');
		if (!n.sample.reachable || !n.sample.info) continue;
		const runBefore = p.sample.info?.fields.run_id;
		const runNow = n.sample.info.fields.run_id;
		if (runBefore && runNow && runBefore !== runNow) add(n.address, 'restart', `restarted (uptime ${infoNumber(n.sample.info, 'uptime_in_seconds') ?? '?'} s)`);
		if (p.role !== n.role && p.role !== 'unknown' && n.role !== 'unknown') {
			add(n.address, n.role === 'master' ? 'failover' : 'role-change', `became ${n.role} (was ${p.role})`);
		} else if (n.role === 'replica' && p.masterAddress && n.masterAddress && p.masterAddress !== n.masterAddress) {
			add(n.address, 'master-change', `now replicates from ${n.masterAddress} (was ${p.masterAddress})`);
		}
		const full = counterDelta(p, n, 'sync_full');
		if (full > 0) add(n.address, 'full-sync-served', `served ${full} full sync${full > 1 ? 's' : ''}`);
		const ok = counterDelta(p, n, 'sync_partial_ok');
		if (ok > 0) add(n.address, 'partial-resync-ok', `accepted ${ok} partial resync${ok > 1 ? 's' : ''}`);
		const err = counterDelta(p, n, 'sync_partial_err');
		if (err > 0) add(n.address, 'partial-resync-err', `refused ${err} partial resync${err > 1 ? 's' : ''} (full sync needed)`);
	}
	for (const address of Object.keys(prev.nodes)) if (!next.nodes[address]) add(address, 'forgotten', 'no longer watched');

	const before = new Map(prev.links.map(l => [linkKey(l), l]));
	for (const l of next.links) {
		const b = before.get(linkKey(l));
		if (!b) continue;
		if (b.linkStatus === 'up' && l.linkStatus === 'down') add(l.follower, 'link-down', `link to ${l.leader} down`);
		if (b.linkStatus === 'down' && l.linkStatus === 'up') add(l.follower, 'link-up', `link to ${l.leader} up`);
		if (!b.syncInProgress && l.syncInProgress) add(l.follower, 'full-sync-started', `full sync from ${l.leader} started`);
		if (b.syncInProgress && !l.syncInProgress) add(l.follower, 'full-sync-finished', `full sync from ${l.leader} finished`);
	}

	const wasSplit = new Set(prev.groups.filter(g => g.splitBrain).flatMap(g => g.masters));
	for (const g of next.groups) {
		if (g.splitBrain && !g.masters.every(m => wasSplit.has(m))) add(g.masters[0]!, 'split-brain', `split brain: ${g.masters.join(', ')} all claim to be master`);
	}
	return events;
}
