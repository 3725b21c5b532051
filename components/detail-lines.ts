import {nodeView} from '../source/model/node-view.js';
// Builds the lines of the detail and walkthrough screens, pre-wrapped to the width so the
// frame's line budget can be kept exactly.
import {sanitize} from '../source/model/sanitize.js';
import type {CheckResult, Link, TopologyNode} from '../source/model/types.js';
import {humanBytes, humanSeconds, statusColor, statusGlyph, wrapText} from './format.js';
import type {Line} from './Lines.js';

/** What a check verifies and why (from the checks registry when it provides it). */
export interface CheckInfo {
	readonly title: string;
	readonly why?: string;
	readonly section?: string;
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

const pair = (label: string, value: string, width: number): Line[] => wrapText(`${label.padEnd(22)} ${value}`, width, ' '.repeat(23)).map(text => ({text}));

export function nodeDetailLines(node: TopologyNode, link: Link | undefined, leaderOffset: number | undefined, width: number, now: number): Line[] {
	const lines: Line[] = [{text: `${node.address}  ${node.role}`, bold: true}];
	const s = node.sample;
	lines.push(...pair('product / version', `${node.product ?? '?'} ${sanitize(node.version ?? '?')}`, width));
	lines.push(...pair('discovered via', sanitize(node.discoveredVia), width));
	lines.push(...pair('reachable', s.reachable ? 'yes' : `no: ${s.error ? `${s.error.kind}: ${sanitize(s.error.message)}` : 'no reply'}`, width));
	if (s.rttMs !== undefined) lines.push(...pair('round trip', `${s.rttMs.toFixed(1)} ms`, width));
	lines.push(...pair('sampled', `${humanSeconds(Math.max(0, (now - s.at) / 1000))} ago`, width));
	if (node.masterAddress) lines.push(...pair('leader', node.masterAddress, width));
	if (node.writeRateBytesPerSec !== undefined && node.writeRateBytesPerSec !== null) lines.push(...pair('write rate', `${humanBytes(node.writeRateBytesPerSec)}/s`, width));
	if (link) {
		lines.push({text: ''}, {text: `Link from ${link.leader}`, bold: true});
		lines.push(...pair('state', `${link.state} (link ${link.linkStatus})`, width));
		lines.push(...pair('lag bytes', humanBytes(link.lagBytes), width));
		lines.push(...pair('apply backlog', humanBytes(link.applyBacklogBytes), width));
		lines.push(...pair('lag seconds', humanSeconds(link.lagSeconds), width));
		if (link.heartbeatMs !== undefined) lines.push(...pair('heartbeat lag', `${link.heartbeatMs} ms (--heartbeat key, end to end)`, width));
		lines.push(...pair('last ack', link.ackAgeSeconds === null ? '-' : `${humanSeconds(link.ackAgeSeconds)} ago`, width));
		if (link.syncInProgress) lines.push(...pair('full sync', link.syncPercent === undefined ? 'in progress' : `${link.syncPercent.toFixed(0)}%`, width));
		if (link.linkDownSinceSeconds !== undefined) lines.push(...pair('link down for', humanSeconds(link.linkDownSinceSeconds), width));
	}
	const replication = s.info?.sections.replication;
	if (replication) {
		lines.push({text: ''}, {text: 'INFO replication', bold: true});
		for (const [name, value] of Object.entries(replication)) {
			if (/^(?:slave|replica)\d+$/.test(name)) continue;
			lines.push(...pair(name, humanField(name, value), width));
		}
		const view = s.info ? nodeView(s.info) : undefined;
		for (const r of view?.replicas ?? []) {
			const own = view?.masterReplOffset;
			const behind = leaderOffset === undefined ? (own === undefined ? undefined : own - r.offset) : leaderOffset - r.offset;
			const text = `${sanitize(r.ip)}:${r.port} ${sanitize(r.state)} acked ${r.offset}${behind === undefined ? '' : ` (${humanBytes(Math.max(0, behind))} behind)`}, last ack ${humanSeconds(r.lag)} ago${r.port === 0 ? ' (SYNC client, not a replica)' : ''}`;
			const channels = r.dualChannel ? `; dual-channel sync: rdb-channel ${sanitize(r.dualChannel.rdbState ?? '-')}, main-channel ${sanitize(r.dualChannel.mainState ?? '-')}` : '';
			lines.push(...pair(`slave${r.index}`, text + channels, width));
		}
	}
	if (s.config && Object.keys(s.config).length > 0) {
		lines.push({text: ''}, {text: `CONFIG${s.configAt === undefined ? '' : ` (read ${humanSeconds(Math.max(0, (now - s.configAt) / 1000))} ago)`}`, bold: true});
		for (const [name, value] of Object.entries(s.config)) lines.push(...pair(sanitize(name), sanitize(value) || '""', width));
	}
	if (s.configError) lines.push(...pair('CONFIG unavailable', `${s.configError.kind}: ${sanitize(s.configError.message)}`, width));
	return lines;
}

export interface CheckLinesOptions {
	readonly width: number;
	readonly ascii: boolean;
	readonly readOnly: boolean;
	readonly info?: CheckInfo;
	/** Walkthrough: the document's "Documentation notes" filled from the check. */
	readonly documentationNotes?: boolean;
	/** The operator's own note for this check. */
	readonly note?: string;
}

export function checkLines(check: CheckResult, options: CheckLinesOptions): Line[] {
	const {width, ascii, readOnly, info} = options;
	const color = statusColor[check.status];
	const lines: Line[] = [{text: `${statusGlyph(check.status, ascii)} ${check.id} ${sanitize(check.title)}`, bold: true, ...(color ? {color} : {})}];
	lines.push(...wrapText(`Status: ${check.status} - ${sanitize(check.summary)}`, width, '  ').map(text => ({text})));
	if (info?.why) {
		lines.push({text: ''}, {text: 'What is verified and why it matters', bold: true});
		lines.push(...wrapText(sanitize(info.why), width).map(text => ({text})));
	}
	lines.push({text: ''}, {text: 'Evidence', bold: true});
	if (check.evidence.length === 0) lines.push({text: '  (none)', dim: true});
	for (const e of check.evidence) lines.push(...wrapText(`${e.node}: ${sanitize(e.text)}`, width - 2, '    ').map(text => ({text: `  ${text}`})));
	if (options.documentationNotes) {
		lines.push({text: ''}, {text: 'Documentation notes', bold: true});
		lines.push(...wrapText(`- Current status: ${check.status}: ${sanitize(check.summary)}`, width, '  ').map(text => ({text})));
		lines.push(...wrapText(`- Recommendations: ${check.recommendation ? sanitize(check.recommendation) : 'none'}`, width, '  ').map(text => ({text})));
		lines.push(...wrapText(`- Operator note: ${options.note ? sanitize(options.note) : '(none, press e to add one)'}`, width, '  ').map(text => ({text})));
	} else if (check.recommendation) {
		lines.push({text: ''}, {text: 'Recommendation', bold: true});
		lines.push(...wrapText(sanitize(check.recommendation), width).map(text => ({text})));
	}
	lines.push({text: ''}, {text: 'Fixes on offer', bold: true});
	if (check.remediations.length === 0) lines.push({text: '  none (nothing replwatch can change for this check)', dim: true});
	for (const r of check.remediations) {
		const shown = r.secret ? [...r.command.slice(0, -1), '<secret>'] : r.command;
		const value = r.secret ? 'typed when applied, never shown' : `${sanitize(r.current) || '""'} ${ascii ? '->' : '→'} ${sanitize(r.proposed) || '""'}`;
		const risk = r.risk === 'high' ? (ascii ? ' !! high risk' : ' ⚠ high risk') : '';
		lines.push(...wrapText(`${r.node}: ${shown.map(sanitize).join(' ')}  (${value})${risk}`, width - 2, '    ').map(text => ({text: `  ${text}`})));
		if (r.note) lines.push(...wrapText(sanitize(r.note), width - 4).map(text => ({text: `    ${text}`, dim: true})));
	}
	if (check.remediations.length > 0) lines.push({text: readOnly ? 'read-only: fixes are disabled' : 'press f to review and apply a fix', dim: true});
	return lines;
}
