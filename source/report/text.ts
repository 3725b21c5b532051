import type {Snapshot} from '../model/snapshot.js';
import type {CheckStatus} from '../model/types.js';
import {buildJsonReport} from './json.js';
import {formatBytes, formatSeconds} from './format.js';

const label: Record<CheckStatus, string> = {pass: 'PASS', warn: 'WARN', fail: 'FAIL', info: 'INFO', unknown: '  ? '};

export function countStatuses(snapshot: Snapshot): Record<CheckStatus, number> {
	const counts: Record<CheckStatus, number> = {pass: 0, warn: 0, fail: 0, info: 0, unknown: 0};
	for (const c of snapshot.checks) counts[c.status]++;
	return counts;
}

/** The plain-text report of `--once` (also what a pipe gets): everything already sanitized. */
export function renderText(snapshot: Snapshot, windowSeconds: number): string {
	const report = buildJsonReport(snapshot, windowSeconds);
	const lines: string[] = [`replwatch ${report.generatedAt} (window ${windowSeconds} s)`, '', 'Nodes'];
	for (const n of report.nodes) {
		if (!n.reachable) {
			lines.push(`  ${n.address}  UNREACHABLE  ${n.error ?? ''}`.trimEnd());
			continue;
		}
		const parts = [`  ${n.address}`, String(n.role)];
		if (n.masterAddress) parts.push(`of ${n.masterAddress}`, `link ${n.linkStatus ?? '?'}`);
		if (n.product) parts.push(`${n.product} ${n.version ?? ''}`.trim());
		if (typeof n.offset === 'number') parts.push(`offset ${n.offset}`);
		if (typeof n.writeRateBytesPerSec === 'number') parts.push(`writes ${formatBytes(n.writeRateBytesPerSec)}/s`);
		lines.push(parts.join('  '));
	}
	if (report.links.length > 0) {
		lines.push('', 'Links');
		for (const l of report.links) {
			lines.push(`  ${l.leader} -> ${l.follower}  ${l.state}  link ${l.linkStatus}  behind ${formatBytes(l.lagBytes as number | null)} / ${formatSeconds(l.lagSeconds as number | null)}${typeof l.heartbeatMs === 'number' ? ` (heartbeat ${l.heartbeatMs} ms)` : ''}  ack ${l.ackAgeSeconds ?? '-'} s`);
		}
	}
	const counts = countStatuses(snapshot);
	lines.push('', `Checks  ${counts.pass} pass, ${counts.warn} warn, ${counts.fail} fail, ${counts.info} info, ${counts.unknown} unknown`);
	for (const c of report.checks) lines.push(`  ${label[c.status as CheckStatus]} ${c.id}  ${c.title} — ${c.summary}`);
	if (report.events.length > 0) {
		lines.push('', 'Events');
		for (const e of report.events) lines.push(`  ${e.at}  ${e.node}  ${e.kind}: ${e.text}`);
	}
	return `${lines.join('\n')}\n`;
}
