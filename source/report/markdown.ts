import type {Snapshot} from '../model/snapshot.js';
import type {CheckStatus} from '../model/types.js';
import {buildJsonReport} from './json.js';
import {formatBytes, formatSeconds} from './format.js';
import {countStatuses} from './text.js';

const cell = (value: unknown) => String(value ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');
const badge: Record<CheckStatus, string> = {pass: 'PASS', warn: 'WARN', fail: '**FAIL**', info: 'info', unknown: 'unknown'};

/** `--report md`: the same content as the JSON report, for a ticket or a wiki page. */
export function renderMarkdown(snapshot: Snapshot, windowSeconds: number): string {
	const report = buildJsonReport(snapshot, windowSeconds);
	const counts = countStatuses(snapshot);
	const out: string[] = [
		'# replwatch report',
		'',
		`Generated ${report.generatedAt}, sampled over ${windowSeconds} s. Checks: ${counts.pass} pass, ${counts.warn} warn, ${counts.fail} fail, ${counts.info} info, ${counts.unknown} unknown.`,
		'',
		'## Nodes',
		'',
		'| node | role | master | link | version | offset | writes/s | error |',
		'| --- | --- | --- | --- | --- | --- | --- | --- |',
	];
	for (const n of report.nodes) {
		const rate = typeof n.writeRateBytesPerSec === 'number' ? formatBytes(n.writeRateBytesPerSec) : '';
		out.push(`| ${cell(n.address)} | ${cell(n.reachable ? n.role : 'unreachable')} | ${cell(n.masterAddress)} | ${cell(n.linkStatus)} | ${cell(n.product ? `${n.product} ${n.version ?? ''}` : '')} | ${cell(n.offset)} | ${rate} | ${cell(n.error)} |`);
	}
	if (report.links.length > 0) {
		out.push('', '## Links', '', '| leader | follower | state | link | behind (bytes) | behind (s) | apply backlog | last ack |', '| --- | --- | --- | --- | --- | --- | --- | --- |');
		for (const l of report.links) {
			out.push(`| ${cell(l.leader)} | ${cell(l.follower)} | ${cell(l.state)} | ${cell(l.linkStatus)} | ${formatBytes(l.lagBytes as number | null)} | ${formatSeconds(l.lagSeconds as number | null)}${typeof l.heartbeatMs === 'number' ? ` (heartbeat ${l.heartbeatMs} ms)` : ''} | ${formatBytes(l.applyBacklogBytes as number | null)} | ${l.ackAgeSeconds === null ? '-' : `${cell(l.ackAgeSeconds)} s`} |`);
		}
	}
	out.push('', '## Checks', '', '| id | status | check | summary |', '| --- | --- | --- | --- |');
	for (const c of report.checks) out.push(`| ${cell(c.id)} | ${badge[c.status as CheckStatus]} | ${cell(c.title)} | ${cell(c.summary)} |`);
	const detailed = snapshot.checks.filter(c => c.status === 'warn' || c.status === 'fail');
	const byId = new Map(report.checks.map(c => [c.id, c]));
	for (const check of detailed) {
		const c = byId.get(check.id)!;
		out.push('', `### ${cell(c.id)} ${cell(c.title)} (${c.status})`, '', cell(c.summary));
		for (const e of c.evidence as {node: string; text: string}[]) out.push(`- ${cell(e.node)}: ${cell(e.text)}`);
		if (c.recommendation) out.push('', `Recommendation: ${cell(c.recommendation)}`);
		for (const r of c.remediations as {node: string; command: string[]; risk: string}[]) out.push(`- on ${cell(r.node)}: \`${r.command.join(' ')}\` (risk ${r.risk})`);
	}
	if (report.events.length > 0) {
		out.push('', '## Events', '');
		out.push('| at | node | kind | what happened |', '| --- | --- | --- | --- |');
		for (const e of report.events) out.push(`| ${cell(e.at)} | ${cell(e.node)} | ${cell(e.kind)} | ${cell(e.text)} |`);
	}
	return `${out.join('\n')}\n`;
}
