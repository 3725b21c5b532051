import type {Address, Link, Topology, TimelineEvent, TopologyNode} from './types.js';
import {nodeView, partialResyncsAccepted, type Resyncs} from './node-view.js';
import {sanitize} from './sanitize.js';

function counterDelta(prev: TopologyNode, next: TopologyNode, name: keyof Resyncs): number {
	if (!prev.sample.info || !next.sample.info) return 0;
	const before = nodeView(prev.sample.info);
	const after = nodeView(next.sample.info);
	const a = before.resyncs[name];
	const b = after.resyncs[name];
	return a !== undefined && b !== undefined && b > a && before.runId === after.runId ? b - a : 0;
}

/** Parameters that should read the same on a leader and its followers: a follower promoted later inherits them. */
export const driftParameters: readonly string[] = [
	'repl-backlog-size',
	'repl-backlog-ttl',
	'repl-timeout',
	'repl-ping-replica-period',
	'repl-diskless-sync',
	'repl-diskless-sync-delay',
	'min-replicas-to-write',
	'min-replicas-max-lag',
	'client-output-buffer-limit',
	'maxmemory',
	'maxmemory-policy',
];

const shown = (value: string) => (value === '' ? '""' : sanitize(value));

/** The first link of each follower (a follower replicates from one leader). */
function linkByFollower(links: readonly Link[]): Map<Address, Link> {
	const map = new Map<Address, Link>();
	for (const l of links) if (!map.has(l.follower)) map.set(l.follower, l);
	return map;
}

/** `follower|parameter` → text, for every watched parameter a reachable follower holds differently from its leader. */
function leaderDrift(t: Topology): Map<string, {node: Address; text: string}> {
	const drift = new Map<string, {node: Address; text: string}>();
	for (const l of t.links) {
		const leader = t.nodes[l.leader]?.sample;
		const follower = t.nodes[l.follower]?.sample;
		if (!leader?.reachable || !follower?.reachable || !leader.config || !follower.config) continue;
		for (const name of driftParameters) {
			const a = leader.config[name];
			const b = follower.config[name];
			if (a === undefined || b === undefined || a === b) continue;
			drift.set(`${l.follower}|${name}`, {node: l.follower, text: `${name} is ${shown(b)} here but ${shown(a)} on leader ${l.leader}`});
		}
	}
	return drift;
}

const runIdOf = (n: TopologyNode): string | undefined => (n.sample.info ? nodeView(n.sample.info).runId : undefined);

/** CONFIG values that changed between two reads of the same node. */
function configChanges(p: TopologyNode, n: TopologyNode): string[] {
	const before = p.sample.config;
	const after = n.sample.config;
	if (!before || !after || p.sample.configAt === n.sample.configAt) return [];
	if (runIdOf(p) !== runIdOf(n)) return []; // a restart is its own event
	return Object.keys(after).filter(k => before[k] !== undefined && before[k] !== after[k]).map(k => `${sanitize(k)} ${shown(before[k]!)} -> ${shown(after[k]!)}`);
}

/** Why a link went down, from what the same topology shows of both ends. */
function linkDownReason(t: Topology, l: Link): string {
	const leader = t.nodes[l.leader];
	const follower = t.nodes[l.follower];
	if (follower && !follower.sample.reachable) return ` (follower unreachable: ${sanitize(follower.sample.error?.message ?? 'no reply')})`;
	if (!leader) return ' (leader not watched)';
	if (!leader.sample.reachable) return ` (leader unreachable: ${sanitize(leader.sample.error?.message ?? 'no reply')})`;
	if (leader.role !== 'master') return ` (leader is now a ${leader.role})`;
	return ' (leader answers: network, auth or buffer limit between them)';
}

/** Every kind diffEvents can emit (the exporter counts each from zero, so the first one shows in `increase()`). */
export const topologyEventKinds = [
	'config-drift', 'config-aligned', 'discovered', 'unreachable', 'reachable', 'restart', 'failover', 'role-change', 'master-change',
	'full-sync-served', 'partial-resync-ok', 'partial-resync-err', 'config-change', 'forgotten', 'link-down', 'link-up',
	'full-sync-started', 'full-sync-finished', 'split-brain', 'failover-command',
] as const;
type TopologyEventKind = (typeof topologyEventKinds)[number];

/** The last run_id read from each node, kept across the ticks it is down (see diffEvents). */
export type RunIdMemory = Map<Address, string>;

/** Remembers the run_id of every node read in this topology; forgets nodes no longer in it. */
function rememberRunIds(memory: RunIdMemory | undefined, t: Topology): void {
	if (!memory) return;
	for (const address of [...memory.keys()]) if (!t.nodes[address]) memory.delete(address);
	for (const n of Object.values(t.nodes)) {
		const runId = n.sample.reachable ? runIdOf(n) : undefined;
		if (runId) memory.set(n.address, runId);
	}
}

/**
 * Timeline events from two consecutive topologies: what an operator would want to have seen happen.
 * The first topology yields only the configuration drift it already shows. `runIds` (kept by the
 * caller from one call to the next) lets a restart be seen when the node was down in between:
 * the previous topology then holds no INFO of it. A text never starts by repeating its kind
 * (the timeline shows `kind: text`).
 */
export function diffEvents(prev: Topology | undefined, next: Topology, runIds?: RunIdMemory): TimelineEvent[] {
	const events: TimelineEvent[] = [];
	const at = next.at;
	const add = (node: Address, kind: TopologyEventKind, text: string) => events.push({at, node, kind, text});

	const driftBefore = prev ? leaderDrift(prev) : new Map<string, {node: Address; text: string}>();
	const driftNow = leaderDrift(next);
	for (const [key, d] of driftNow) if (!driftBefore.has(key)) add(d.node, 'config-drift', d.text);
	if (!prev) {
		rememberRunIds(runIds, next);
		return events;
	}
	for (const [key, d] of driftBefore) {
		const [node, name] = key.split('|') as [Address, string];
		// Only when both are still read: a node gone or unreachable is an event of its own.
		const l = next.links.find(x => x.follower === node);
		const readable = l && next.nodes[l.leader]?.sample.config && next.nodes[node]?.sample.config && next.nodes[node]?.sample.reachable;
		if (!driftNow.has(key) && readable) add(d.node, 'config-aligned', `${name} now matches the leader`);
	}

	for (const n of Object.values(next.nodes)) {
		const p = prev.nodes[n.address];
		if (!p) {
			add(n.address, 'discovered', `found (${n.discoveredVia})`);
			continue;
		}
		if (p.sample.reachable && !n.sample.reachable) add(n.address, 'unreachable', sanitize(n.sample.error?.message ?? 'no reply'));
		if (!p.sample.reachable && n.sample.reachable) add(n.address, 'reachable', 'reachable again');
		if (!n.sample.reachable || !n.sample.info) continue;
		const runBefore = (p.sample.reachable ? runIdOf(p) : undefined) ?? runIds?.get(n.address);
		const runNow = runIdOf(n);
		if (runBefore && runNow && runBefore !== runNow) add(n.address, 'restart', `restarted (run_id changed, up ${nodeView(n.sample.info).uptimeSeconds ?? '?'} s)`);
		if (p.role !== n.role && p.role !== 'unknown' && n.role !== 'unknown') {
			add(n.address, n.role === 'master' ? 'failover' : 'role-change', `became ${n.role} (was ${p.role})`);
		} else if (n.role === 'replica' && p.masterAddress && n.masterAddress && p.masterAddress !== n.masterAddress) {
			add(n.address, 'master-change', `now replicates from ${n.masterAddress} (was ${p.masterAddress})`);
		}
		const failoverBefore = p.sample.reachable && p.sample.info ? nodeView(p.sample.info).failoverState : undefined;
		const failoverNow = nodeView(n.sample.info).failoverState;
		if (failoverNow !== failoverBefore && (failoverNow || p.sample.reachable)) {
			add(n.address, 'failover-command', failoverNow ? `master_failover_state:${failoverNow} (client writes ${failoverNow === 'waiting-for-sync' ? 'paused' : 'refused'})` : 'FAILOVER ended (no-failover): client writes accepted again');
		}
		const full = counterDelta(p, n, 'full');
		if (full > 0) add(n.address, 'full-sync-served', `served ${full} full sync${full > 1 ? 's' : ''}`);
		const ok = partialResyncsAccepted(counterDelta(p, n, 'partialOk'), full, n.sample.config?.['dual-channel-replication-enabled'] === 'yes');
		if (ok > 0) add(n.address, 'partial-resync-ok', `accepted ${ok} partial resync${ok > 1 ? 's' : ''}`);
		const err = counterDelta(p, n, 'partialErr');
		if (err > 0) add(n.address, 'partial-resync-err', `refused ${err} partial resync${err > 1 ? 's' : ''} (full sync needed)`);
		const changed = configChanges(p, n);
		if (changed.length > 0) add(n.address, 'config-change', changed.join(', '));
	}
	for (const address of Object.keys(prev.nodes)) if (!next.nodes[address]) add(address, 'forgotten', 'no longer watched');

	// By follower, not by leader>follower: a follower pointed elsewhere (REPLICAOF) keeps its link history.
	const before = linkByFollower(prev.links);
	for (const l of linkByFollower(next.links).values()) {
		const b = before.get(l.follower);
		if (!b) continue;
		if (b.linkStatus === 'up' && l.linkStatus === 'down') add(l.follower, 'link-down', `link to ${l.leader} down${linkDownReason(next, l)}`);
		if (b.linkStatus === 'down' && l.linkStatus === 'up') add(l.follower, 'link-up', `link to ${l.leader} up`);
		if (!b.syncInProgress && l.syncInProgress) add(l.follower, 'full-sync-started', `full sync from ${l.leader} started`);
		if (b.syncInProgress && !l.syncInProgress) add(l.follower, 'full-sync-finished', `full sync from ${l.leader} finished`);
	}

	const wasSplit = new Set(prev.groups.filter(g => g.splitBrain).flatMap(g => g.masters));
	for (const g of next.groups) {
		if (g.splitBrain && !g.masters.every(m => wasSplit.has(m))) add(g.masters[0]!, 'split-brain', `${g.masters.join(', ')} all claim to be master`);
	}
	rememberRunIds(runIds, next);
	return events;
}

/** Events whose node, kind or text contains the filter (case-insensitive); all of them for an empty filter. */
export function filterEvents(events: readonly TimelineEvent[], filter: string): readonly TimelineEvent[] {
	const f = filter.trim().toLowerCase();
	if (f === '') return events;
	return events.filter(e => e.node.toLowerCase().includes(f) || e.kind.toLowerCase().includes(f) || e.text.toLowerCase().includes(f));
}
