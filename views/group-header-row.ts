// A group's summary row: leader up or failed, followers by health, the worst lag.
import {sanitize} from '../source/model/sanitize.js';
import type {Group} from '../source/model/types.js';
import type {HeaderRow, NodeRow} from './row-types.js';
import {rowSeverity} from './node-row.js';

export function headerRow(group: Group, followers: readonly NodeRow[], leader: NodeRow | undefined, collapsed: boolean): HeaderRow {
	const name = group.name ? sanitize(group.name) : group.kind === 'shard' ? 'shard' : 'group';
	const text = [name, group.slots ? `slots ${sanitize(group.slots)}` : ''].filter(Boolean).join(' ');
	let maxLagBytes: number | null = null;
	let maxLagSeconds: number | null = null;
	let online = 0;
	let syncing = 0;
	let unreachable = 0;
	let linksDown = 0;
	const formerLeaders = followers.filter(f => f.formerLeader).length;
	for (const f of followers) {
		if (f.formerLeader) continue;
		const severity = rowSeverity(f);
		if (severity === 4) unreachable++;
		else if (severity === 3) linksDown++;
		else if (severity === 2) syncing++;
		else if (f.link?.state === 'online') online++;
		else syncing++;
		if (f.link?.lagBytes !== null && f.link?.lagBytes !== undefined) maxLagBytes = Math.max(maxLagBytes ?? 0, f.link.lagBytes);
		if (f.link?.lagSeconds !== null && f.link?.lagSeconds !== undefined) maxLagSeconds = Math.max(maxLagSeconds ?? 0, f.link.lagSeconds);
	}
	return {
		kind: 'header',
		groupId: group.id,
		text,
		splitBrain: group.splitBrain,
		masters: group.masters,
		shard: group.kind === 'shard',
		...(group.leader ? {leader: group.leader} : {}),
		leaderUp: leader?.reachable ?? false,
		followers: followers.length - formerLeaders,
		online,
		syncing,
		unreachable,
		linksDown,
		formerLeaders,
		maxLagBytes,
		maxLagSeconds,
		collapsed,
	};
}
