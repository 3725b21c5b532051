// Every replication link as a table row: the numbers of each follower side by side, sortable.
import {humanBytes, humanSeconds} from '../components/format.js';
import type {Address, Link, TimelineEvent, Topology} from '../source/model/types.js';

export type LinkSort = 'behind' | 'seconds' | 'ack' | 'state' | 'follower';
export const linkSorts: readonly LinkSort[] = ['behind', 'seconds', 'ack', 'state', 'follower'];

export const linkColumns = ['follower', 'leader', 'state', 'behind B', 'behind s', 'backlog', 'ack', 'link up since'] as const;
export type LinkRow = Readonly<Record<(typeof linkColumns)[number], string>>;

/** When the link last came up: the newest link-up (or a first sighting) event of the follower, if the timeline holds one. */
function upSince(link: Link, follower: Address, events: readonly TimelineEvent[], startedAt: number, now: number): string {
	if (link.linkStatus === 'down') return link.linkDownSinceSeconds === undefined ? 'DOWN' : `DOWN ${humanSeconds(link.linkDownSinceSeconds)}`;
	for (let i = events.length - 1; i >= 0; i--) {
		const e = events[i]!;
		if (e.node !== follower) continue;
		if (e.kind === 'link-up' || e.kind === 'reachable' || e.kind === 'full-sync-finished') return `${humanSeconds((now - e.at) / 1000)} ago`;
		if (e.kind === 'link-down' || e.kind === 'unreachable') return '?';
	}
	return `> ${humanSeconds((now - startedAt) / 1000)} (watch start)`;
}

const num = (v: number | null | undefined) => (v === null || v === undefined ? -1 : v);

export function linkRows(topology: Topology, events: readonly TimelineEvent[], sort: LinkSort, startedAt: number, now: number, ascii = false): LinkRow[] {
	const links = [...topology.links].filter(l => topology.nodes[l.follower]);
	const compare: Record<LinkSort, (a: Link, b: Link) => number> = {
		behind: (a, b) => num(b.lagBytes) - num(a.lagBytes),
		seconds: (a, b) => num(b.lagSeconds) - num(a.lagSeconds),
		ack: (a, b) => num(b.ackAgeSeconds) - num(a.ackAgeSeconds),
		state: (a, b) => (a.linkStatus === b.linkStatus ? a.state.localeCompare(b.state) : a.linkStatus === 'down' ? -1 : 1),
		follower: (a, b) => a.follower.localeCompare(b.follower),
	};
	links.sort((a, b) => compare[sort](a, b) || a.follower.localeCompare(b.follower));
	return links.map(l => {
		const silent = !topology.nodes[l.follower]!.sample.reachable;
		return {
			follower: `${silent ? (ascii ? 'XX ' : '✖ ') : ''}${l.follower}`,
			leader: l.leader,
			state: silent ? `${l.state} (ldr view)` : l.linkStatus === 'down' ? `${l.state}, link DOWN` : l.state,
			'behind B': humanBytes(l.lagBytes),
			'behind s': humanSeconds(l.lagSeconds),
			backlog: humanBytes(l.applyBacklogBytes),
			ack: humanSeconds(l.ackAgeSeconds),
			'link up since': upSince(l, l.follower, events, startedAt, now),
		};
	});
}

/**
 * Where every address of the table is on one host, the host goes to the title and the cells keep the
 * port (`:20366`): at 80 columns `127.0.…` told no follower apart.
 */
export function shortHosts(rows: readonly LinkRow[]): {host?: string; rows: LinkRow[]} {
	const hostOf = (a: string) => /^(?:✖ |XX )?(.+):\d+$/.exec(a)?.[1];
	const hosts = new Set(rows.flatMap(r => [hostOf(r.follower), hostOf(r.leader)]));
	const host = hosts.size === 1 ? [...hosts][0] : undefined;
	if (host === undefined) return {rows: [...rows]};
	const cut = (a: string) => a.replace(`${host}:`, ':');
	return {host, rows: rows.map(r => ({...r, follower: cut(r.follower), leader: cut(r.leader)}))};
}
