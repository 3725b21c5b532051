// The fields of the node detail screen as table rows (field, value), pure. A node that does not
// answer says since when, and its link is the leader's view, named as such.
import {humanBytes, humanSeconds} from '../components/format.js';
import type {History} from '../source/model/history.js';
import {nodeView, replicationFields} from '../source/model/node-view.js';
import {sanitize} from '../source/model/sanitize.js';
import type {Link, TopologyNode} from '../source/model/types.js';

export interface FieldRow {
	readonly field: string;
	readonly value: string;
}

const byteFields = new Set(['repl_backlog_size', 'repl_backlog_histlen', 'master_sync_total_bytes', 'master_sync_read_bytes', 'master_sync_left_bytes', 'mem_clients_slaves', 'mem_total_replication_buffers']);
const offsetFields = /(_offset|^second_repl_offset)$/;
const secondFields = /_seconds(_ago)?$|_seconds$/;

function humanField(name: string, value: string): string {
	const n = Number(value);
	if (value === '' || !Number.isFinite(n)) return sanitize(value);
	if (byteFields.has(name)) return `${humanBytes(n)} (${value})`;
	if (offsetFields.test(name)) return n < 0 ? value : `${value} (${humanBytes(n)} into the stream)`;
	if (secondFields.test(name)) return n < 0 ? value : humanSeconds(n);
	if (name === 'master_sync_perc') return `${value}%`;
	return sanitize(value);
}

const heading = (title: string): FieldRow => ({field: `— ${title}`, value: ''});

export function nodeDetailRows(node: TopologyNode, link: Link | undefined, leaderOffset: number | undefined, history: History, now: number): FieldRow[] {
	const s = node.sample;
	const rows: FieldRow[] = [];
	const add = (field: string, value: string) => rows.push({field, value});
	const lastAnswer = s.reachable ? s.at : history.latest(node.address)?.at;
	add('role', node.role);
	add('product / version', `${node.product ?? '?'} ${sanitize(node.version ?? '?')}`);
	add('discovered via', sanitize(node.discoveredVia));
	add('reachable', s.reachable ? 'yes' : `NO: ${s.error ? `${s.error.kind}: ${sanitize(s.error.message)}` : 'no reply'}`);
	// What is shown below is as old as the last answer: for a silent node that is not "just now".
	add('last answered', lastAnswer === undefined ? 'never (since replwatch started)' : `${humanSeconds(Math.max(0, (now - lastAnswer) / 1000))} ago`);
	if (s.reachable && s.rttMs !== undefined) add('round trip', `${s.rttMs.toFixed(1)} ms`);
	if (node.masterAddress) add('leader', node.masterAddress);
	if (node.writeRateBytesPerSec !== undefined && node.writeRateBytesPerSec !== null) add('write rate', `${humanBytes(node.writeRateBytesPerSec)}/s`);
	if (link) {
		const view = s.reachable ? '' : " (leader's view: the follower does not answer)";
		rows.push(heading(`link from ${link.leader}`));
		add('state', s.reachable ? `${link.state} (link ${link.linkStatus})` : `leader lists it ${link.state}${view}`);
		add('behind', `${humanBytes(link.lagBytes)} ${humanSeconds(link.lagSeconds)}${view}`);
		add('apply backlog', humanBytes(link.applyBacklogBytes));
		if (link.heartbeatMs !== undefined) add('heartbeat lag', `${link.heartbeatMs} ms (--heartbeat key, end to end)`);
		add('last ack', link.ackAgeSeconds === null ? '-' : `${humanSeconds(link.ackAgeSeconds)} ago`);
		if (link.syncInProgress) add('full sync', link.syncPercent === undefined ? 'in progress' : `${link.syncPercent.toFixed(0)}%`);
		if (link.linkDownSinceSeconds !== undefined) add('link down for', humanSeconds(link.linkDownSinceSeconds));
	}
	const info = s.info ?? (s.reachable ? undefined : history.latest(node.address)?.info);
	const replication = info ? replicationFields(info) : undefined;
	if (replication) {
		rows.push(heading(s.reachable ? 'INFO replication' : 'INFO replication (last answer)'));
		for (const [name, value] of Object.entries(replication)) {
			if (/^(?:slave|replica)\d+$/.test(name)) continue;
			add(name, humanField(name, value));
		}
		const view = info ? nodeView(info) : undefined;
		for (const r of view?.replicas ?? []) {
			const own = view?.masterReplOffset;
			const behind = leaderOffset === undefined ? (own === undefined ? undefined : own - r.offset) : leaderOffset - r.offset;
			const channels = r.dualChannel ? `; dual-channel sync: rdb-channel ${sanitize(r.dualChannel.rdbState ?? '-')}, main-channel ${sanitize(r.dualChannel.mainState ?? '-')}` : '';
			add(`slave${r.index}`, `${sanitize(r.ip)}:${r.port} ${sanitize(r.state)} acked ${r.offset}${behind === undefined ? '' : ` (${humanBytes(Math.max(0, behind))} behind)`}, last ack ${humanSeconds(r.lag)} ago${r.port === 0 ? ' (SYNC client, not a replica)' : ''}${channels}`);
		}
	}
	if (s.config && Object.keys(s.config).length > 0) {
		rows.push(heading(`CONFIG${s.configAt === undefined ? '' : ` (read ${humanSeconds(Math.max(0, (now - s.configAt) / 1000))} ago)`}`));
		for (const [name, value] of Object.entries(s.config)) add(sanitize(name), sanitize(value) || '""');
	}
	if (s.configError) add('CONFIG unavailable', `${s.configError.kind}: ${sanitize(s.configError.message)}`);
	return rows;
}
