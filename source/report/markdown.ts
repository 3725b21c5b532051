// The Markdown report as a document to hand to a team: the verdict and what needs action first,
// then topology, timeline, fixes, notes, lag charts, and only then the checks that pass.
import type {AppliedFix, LagPeak, Snapshot} from '../model/snapshot.js';
import type {CheckResult, CheckStatus, TimelineEvent, Topology} from '../model/types.js';
import {sanitize} from '../model/sanitize.js';
import {escapeMarkdown} from './escape.js';
import type {Point} from '../model/history.js';
import {sections} from '../checks/registry.js';
import {formatBytes, formatSeconds} from './format.js';
import {remediationCommand} from './walkthrough.js';
import {noteLine, parseNote} from './notes.js';

export interface MarkdownContext {
	/** What the report covers: `a live run`, `--once`, `replay of FILE`. */
	readonly source?: string;
	/** Operator notes by check or section id (the walkthrough's `e`). */
	readonly notes?: Readonly<Record<string, string>>;
	/** When the report was made (default now). */
	readonly generatedAt?: number;
}

/** Server-provided text in a table cell or a line: printable, no pipes breaking the table, no raw HTML. */
const cell = escapeMarkdown;
const code = (text: string) => `\`${sanitize(text).replace(/`/g, "'")}\``;
const clock = (at: number) => new Date(at).toISOString().slice(11, 19);
const label: Record<CheckStatus, string> = {pass: 'PASS', warn: 'WARN', fail: 'FAIL', info: 'INFO', unknown: 'UNKNOWN'};

/** One line, derived from the numbers below it. */
export function verdictLine(snapshot: Snapshot): string {
	const nodes = Object.values(snapshot.topology.nodes);
	const down = nodes.filter(n => !n.sample.reachable);
	const count = (s: CheckStatus) => snapshot.checks.filter(c => c.status === s).length;
	const fail = count('fail');
	const warn = count('warn');
	const status = !nodes.some(n => n.sample.reachable) ? 'NO DATA' : fail > 0 || down.length > 0 ? 'FAIL' : warn > 0 ? 'WARN' : 'PASS';
	const parts: string[] = [];
	if (fail > 0) parts.push(`${fail} check${fail > 1 ? 's' : ''} fail`);
	if (warn > 0) parts.push(`${warn} warn${warn > 1 ? '' : 's'}`);
	if (down.length > 0) parts.push(`${down.length} node${down.length > 1 ? 's' : ''} unreachable (${down.map(n => cell(n.address)).join(', ')})`);
	const rest = parts.length > 0 ? parts.join(', ') : `all ${count('pass')} checks pass`;
	const happened = (['failover', 'link-down', 'restart', 'full-sync-started'] as const)
		.map(kind => [kind, snapshot.events.filter(e => e.kind === kind).length] as const)
		.filter(([, n]) => n > 0)
		.map(([kind, n]) => (kind === 'link-down' ? `${n} link${n > 1 ? 's' : ''} down` : `${n} ${kind === 'full-sync-started' ? 'full sync' : kind}${n > 1 ? 's' : ''}`));
	return `**Verdict: ${status}**: ${rest}${happened.length > 0 ? ` after ${happened.join(', ')}` : ''}, on ${nodes.filter(n => n.role !== 'sentinel').length} data nodes and ${snapshot.topology.sentinels.length > 0 ? `${new Set(snapshot.topology.sentinels.map(s => s.address)).size} Sentinels` : 'no Sentinel'}.`;
}

/** The team's note on a check (or its section), one line. */
function noteFor(c: CheckResult, notes: Readonly<Record<string, string>>): string | undefined {
	const raw = notes[c.id] ?? notes[c.section];
	return raw === undefined ? undefined : noteLine(parseNote(raw));
}

function actionBlock(c: CheckResult, notes: Readonly<Record<string, string>>): string[] {
	const out = [`### ${label[c.status]} ${c.id} ${cell(c.title)}`, '', cell(c.summary), ''];
	const note = noteFor(c, notes);
	if (note) out.push(`Team note: ${cell(note)}`, '');
	for (const e of c.evidence) out.push(`- ${cell(e.node)}: ${cell(e.text)}`);
	if (c.evidence.length > 0) out.push('');
	if (c.remediations.length > 0) {
		out.push(`Fix for ${c.id}:`);
		for (const r of c.remediations) {
			const current = r.secret ? '' : ` (now ${r.current === '' ? 'empty' : code(r.current)})`;
			out.push(`- on ${cell(r.node)}: ${code(remediationCommand(r))}${current}, risk ${r.risk}${r.note ? `: ${cell(r.note)}` : ''}`);
		}
		out.push('');
	} else if (c.recommendation) {
		out.push(`What to do: ${cell(c.recommendation)}`, '');
	}
	return out;
}

function topologyLines(t: Topology): string[] {
	const out = ['## Topology', ''];
	const data = Object.values(t.nodes).filter(n => n.role !== 'sentinel');
	if (data.length === 0) return [...out, 'No data node was reached.', ''];
	out.push('| group | master name | leader | followers |', '| --- | --- | --- | --- |');
	t.groups.forEach((g, i) => {
		const followers = g.members.filter(m => m !== g.leader);
		// Sentinel names a group by the master it monitors (which may be the leader it lost).
		const name = g.name ?? t.sentinels.find(s => s.masterAddr !== undefined && g.members.includes(s.masterAddr))?.masterName;
		out.push(`| ${g.kind === 'shard' ? `shard ${cell(g.slots ?? '')}` : `${i + 1}`}${g.splitBrain ? ' (split brain)' : ''} | ${cell(name ?? '-')} | ${cell(g.leader ?? 'none')} | ${followers.map(cell).join(', ') || '-'} |`);
	});
	out.push('', '| node | role | version | replicates from | link |', '| --- | --- | --- | --- | --- |');
	for (const n of data) {
		const link = t.links.find(l => l.follower === n.address);
		const role = n.sample.reachable ? n.role : `${n.role === 'unknown' ? '' : `${n.role}, `}unreachable: ${cell(n.sample.error?.message ?? 'no reply')}`;
		out.push(`| ${cell(n.address)} | ${role} | ${cell(n.product ? `${n.product} ${n.version ?? ''}` : n.version ?? '?')} | ${cell(n.masterAddress ?? '-')} | ${link ? `${link.linkStatus}${link.lagBytes !== null ? `, ${formatBytes(link.lagBytes)} behind` : ''}` : '-'} |`);
	}
	if (t.sentinels.length > 0) {
		out.push('', '| Sentinel | master name | leader it names | quorum | state |', '| --- | --- | --- | --- | --- |');
		for (const s of t.sentinels) {
			const state = !s.reachable ? `unreachable: ${cell(s.error?.message ?? 'no reply')}` : s.tilt ? 'TILT' : cell(s.master?.flags ?? 'ok');
			out.push(`| ${cell(s.address)} | ${cell(s.masterName)} | ${cell(s.masterAddr ?? '?')} | ${cell(s.master?.quorum ?? '?')} | ${state} |`);
		}
	}
	out.push('');
	return out;
}

/** What folds into one line: lab feedback of one kind (`load rate …`), Sentinel's failover sub-steps. */
function foldKey(e: TimelineEvent): string | undefined {
	if (e.kind === 'lab') return `lab|${e.node}|${e.text.replace(/[\d.].*$/, '')}`;
	// Sentinel's news (a master down, switched) stays one line each; the steps between fold.
	if (e.kind === 'sentinel' && !/^[+-](switch-master|odown|sdown|tilt)\b/.test(e.text)) return 'sentinel-steps';
	return undefined;
}

/** Seconds between two events of one fold key that still join one line (Sentinel's steps interleave with our own events). */
const foldGapMs = 10_000;

/** Events of one fold key close in time become one event at the first's place: the steps named once, how many. */
export function foldRepeats(events: readonly TimelineEvent[]): TimelineEvent[] {
	const slots: (TimelineEvent | TimelineEvent[])[] = [];
	const open = new Map<string, TimelineEvent[]>();
	for (const e of events) {
		const key = foldKey(e);
		if (key === undefined) {
			slots.push(e);
			continue;
		}
		const run = open.get(key);
		if (run && e.at - run.at(-1)!.at <= foldGapMs) run.push(e);
		else {
			const fresh = [e];
			open.set(key, fresh);
			slots.push(fresh);
		}
	}
	return slots.map(slot => {
		if (!Array.isArray(slot)) return slot;
		const first = slot[0]!;
		if (slot.length === 1) return first;
		const last = slot.at(-1)!;
		const span = `${slot.length} lines, ${clock(first.at)}–${clock(last.at)}`;
		const text = first.kind === 'sentinel'
			? `${[...new Set(slot.map(e => e.text.split(' ')[0]!))].join(', ')} (${span})`
			: `${last.text} (${span}, first: ${first.text})`;
		return {...first, node: new Set(slot.map(e => e.node)).size === 1 ? first.node : '', text};
	});
}

/**
 * The incident in a few lines, in time order: failovers, split brains (two masters of one history, or a
 * node that came back as master after a restart while another led, until it was re-pointed), nodes that
 * froze or went away, with times.
 */
export function incidentLines(events: readonly TimelineEvent[]): string[] {
	const out: {at: number; text: string}[] = [];
	const add = (at: number, text: string) => out.push({at, text});
	const down = new Map<string, TimelineEvent>();
	let lost: TimelineEvent | undefined;
	let leader: string | undefined;
	const later = (e: TimelineEvent, test: (x: TimelineEvent) => boolean) => events.find(x => x.at >= e.at && x !== e && test(x));
	for (const e of events) {
		if (e.kind === 'unreachable') {
			down.set(e.node, e);
			if (!lost) lost = e;
		} else if (e.kind === 'reachable') {
			const since = down.get(e.node);
			down.delete(e.node);
			const restarted = later(e, x => x.kind === 'restart' && x.node === e.node && x.at - e.at < 5000);
			if (since) add(since.at, `- ${clock(since.at)}–${clock(e.at)} **${cell(e.node)} did not answer for ${formatSeconds((e.at - since.at) / 1000)}** (${cell(since.text)})${restarted ? ': it had restarted' : ': a freeze (it came back without a restart)'}`);
			if (lost?.node === e.node) lost = undefined;
		} else if (e.kind === 'failover') {
			add(e.at, `- ${clock(e.at)} **failover**: ${cell(e.node)} ${cell(e.text)}${lost ? `, ${formatSeconds((e.at - lost.at) / 1000)} after ${cell(lost.node)} stopped answering` : ''}`);
			leader = e.node;
			lost = undefined;
		} else if (e.kind === 'split-brain') {
			const masters = e.text.split(' all claim')[0]!.split(', ');
			const end = later(e, x => (x.kind === 'role-change' || x.kind === 'unreachable') && masters.includes(x.node));
			add(e.at, `- ${clock(e.at)} **split brain**: ${cell(e.text)}${end ? `; ended ${clock(end.at)} (${formatSeconds((end.at - e.at) / 1000)}) when ${cell(end.node)} ${cell(end.text)}` : '; still on at the end of the report'}`);
		} else if (e.kind === 'restart' && leader !== undefined && e.node !== leader) {
			// Back as master beside the leader until something re-points it (its next role change says "was master").
			const next = later(e, x => x.node === e.node && (x.kind === 'role-change' || x.kind === 'failover' || x.kind === 'restart'));
			if (next?.kind === 'role-change' && /\(was master\)/.test(next.text)) {
				add(e.at, `- ${clock(e.at)} **split brain**: ${cell(e.node)} came back as master after a restart while ${cell(leader)} led; ended ${clock(next.at)} (${formatSeconds((next.at - e.at) / 1000)}) when it ${cell(next.text)}`);
			}
		}
	}
	for (const e of down.values()) add(e.at, `- ${clock(e.at)} **${cell(e.node)} stopped answering** (${cell(e.text)}) and had not answered again at the end`);
	return out.sort((x, y) => x.at - y.at).map(x => x.text);
}

/** Timeline rows, with durations joined up: failover after the leader was lost, link outages, full syncs. */
export function timelineRows(events: readonly TimelineEvent[], startedAt: number): string[] {
	const rows: string[] = [];
	const lastSeen = new Map<string, number>();
	let lost: TimelineEvent | undefined;
	for (const e of events) {
		// The nodes found at the start are the topology, not news.
		if (e.kind === 'discovered' && e.at - startedAt < 5000) continue;
		let text = cell(e.text);
		if (e.kind === 'unreachable' && !lost) lost = e;
		if (e.kind === 'failover') {
			text = `**failover**: ${text}${lost ? `, ${formatSeconds((e.at - lost.at) / 1000)} after ${cell(lost.node)} became unreachable` : ''}`;
			lost = undefined;
		} else if (e.kind === 'link-up' || e.kind === 'reachable') {
			const downAt = lastSeen.get(`${e.kind === 'link-up' ? 'link-down' : 'unreachable'}|${e.node}`);
			if (downAt !== undefined) text += ` after ${formatSeconds((e.at - downAt) / 1000)}`;
			if (e.kind === 'reachable' && lost?.node === e.node) lost = undefined;
		} else if (e.kind === 'full-sync-finished') {
			const began = lastSeen.get(`full-sync-started|${e.node}`);
			if (began !== undefined) text += ` in ${formatSeconds((e.at - began) / 1000)}`;
		} else {
			text = `${cell(e.kind)}: ${text}`;
		}
		if (e.kind === 'link-up' || e.kind === 'reachable' || e.kind === 'full-sync-finished') text = `${cell(e.kind)}: ${text}`;
		lastSeen.set(`${e.kind}|${e.node}`, e.at);
		rows.push(`| ${clock(e.at)} | ${cell(e.node || '-')} | ${text} |`);
	}
	return rows;
}

function fixLines(fixes: readonly AppliedFix[]): string[] {
	const out = ['## Fixes applied', ''];
	if (fixes.length === 0) return [...out, 'None during this run.', ''];
	out.push('| time | who | node | check | change | result |', '| --- | --- | --- | --- | --- | --- |');
	for (const f of fixes) {
		const change = `${code(f.command.join(' '))}${f.before !== undefined ? `: ${code(f.before)} → ${code(f.after ?? '?')}` : ''}`;
		out.push(`| ${clock(f.at)} | ${cell(f.user)} | ${cell(f.node)} | ${cell(f.check)} | ${change} | ${f.ok ? 'applied, read back' : `failed: ${cell(f.error ?? 'error')}`} |`);
	}
	out.push('');
	return out;
}

const bars = '▁▂▃▄▅▆▇█';

/** A one-line chart: `width` columns, each the largest value of its stretch of time. */
export function sparkline(points: readonly Point[], width = 60): {line: string; max: number; columnMs: number} {
	if (points.length === 0) return {line: '', max: 0, columnMs: 0};
	const t0 = points[0]!.t;
	const span = Math.max(1, points.at(-1)!.t - t0);
	const columns = Math.min(width, points.length);
	const columnMs = span / columns;
	const values = new Array<number>(columns).fill(-1);
	for (const p of points) {
		const i = Math.min(columns - 1, Math.floor((p.t - t0) / columnMs));
		values[i] = Math.max(values[i]!, p.v);
	}
	const max = Math.max(0, ...values);
	let last = 0;
	const line = values.map(v => {
		const value = v < 0 ? last : v;
		last = value;
		return max === 0 ? bars[0] : bars[Math.min(bars.length - 1, Math.round((value / max) * (bars.length - 1)))];
	}).join('');
	return {line, max, columnMs};
}

function lagLines(snapshot: Snapshot): string[] {
	const out = ['## Lag per follower', ''];
	const peaks = new Map((snapshot.lagPeaks ?? []).map(p => [p.follower, p] as const));
	const followers = [...new Set(snapshot.topology.links.map(l => l.follower)), ...[...peaks.keys()].filter(f => !snapshot.topology.links.some(l => l.follower === f))];
	if (followers.length === 0) return [...out, 'No follower was watched.', ''];
	out.push('```');
	for (const follower of followers) {
		const p: LagPeak | undefined = peaks.get(follower);
		const leader = snapshot.topology.links.find(l => l.follower === follower)?.leader ?? p?.leader ?? '?';
		const peak = p
			? `peak ${formatBytes(p.lagBytes)}${p.lagBytesAt ? ` at ${clock(p.lagBytesAt)}` : ''}${p.lagSecondsAt ? `, ${formatSeconds(p.lagSeconds)} behind at ${clock(p.lagSecondsAt)}` : ''}`
			: 'no lag measured';
		out.push(`${sanitize(follower)} from ${sanitize(leader)}: ${peak}`);
		const series = snapshot.history.series(follower, 'lagBytes');
		if (series.length >= 2) {
			const {line, max, columnMs} = sparkline(series);
			out.push(`  ${clock(series[0]!.t)} ${line} ${clock(series.at(-1)!.t)}  bytes behind, top = ${formatBytes(max)}, 1 column = ${formatSeconds(columnMs / 1000)}`);
		}
	}
	out.push('```', '');
	return out;
}

/** `--report md`, the walkthrough's `r`, and `replay --report md`: one document. */
export function renderMarkdown(snapshot: Snapshot, windowSeconds: number, context: MarkdownContext = {}): string {
	const generatedAt = context.generatedAt ?? Date.now();
	const from = snapshot.startedAt;
	const to = snapshot.lastTickAt ?? from;
	const span = Math.max(windowSeconds, (to - from) / 1000);
	const incident = incidentLines(snapshot.events);
	const out: string[] = [
		'# replwatch report',
		'',
		'## What happened',
		'',
		...(incident.length > 0 ? incident : ['No failover, split brain or node outage while watched.']),
		'',
		verdictLine(snapshot),
		'',
		`Covers ${new Date(from).toISOString().slice(0, 10)} ${clock(from)}–${clock(to)} UTC (${formatSeconds(span)}) of ${context.source ?? 'a live run'}; written ${new Date(generatedAt).toISOString()}.`,
		'',
		'## Needs action',
		'',
	];
	const notes = context.notes ?? {};
	const order: Record<CheckStatus, number> = {fail: 0, warn: 1, unknown: 2, info: 3, pass: 4};
	const actions = snapshot.checks.filter(c => c.status === 'fail' || c.status === 'warn').sort((a, b) => order[a.status] - order[b.status]);
	if (actions.length === 0) out.push('Nothing: no check fails or warns.', '');
	else {
		// At a glance first; each item's evidence and exact fix follow.
		for (const c of actions) {
			const note = noteFor(c, notes);
			out.push(`- **${label[c.status]}** ${c.id} ${cell(c.title)}: ${cell(c.summary)}${c.remediations.length > 0 ? ` (fix: ${code(remediationCommand(c.remediations[0]!))}${c.remediations.length > 1 ? ` +${c.remediations.length - 1}` : ''})` : ''}${note ? `. Team note: ${cell(note)}` : ''}`);
		}
		out.push('');
	}
	for (const c of actions) out.push(...actionBlock(c, notes));
	out.push(...topologyLines(snapshot.topology));
	const rows = timelineRows(foldRepeats(snapshot.events), snapshot.startedAt);
	out.push('## Timeline', '');
	if (rows.length === 0) out.push('Nothing happened: no failover, link change, restart or full sync.', '');
	else out.push('| time (UTC) | node | what happened |', '| --- | --- | --- |', ...rows, '');
	out.push(...fixLines(snapshot.fixes ?? []));
	const noted = Object.entries(notes);
	if (noted.length > 0) {
		out.push('## Walkthrough notes', '');
		for (const [id, text] of noted) out.push(`- ${cell(sections[id] ?? id)}: ${cell(noteLine(parseNote(text)))}`);
		out.push('');
	}
	out.push(...lagLines(snapshot));
	const rest = snapshot.checks.filter(c => c.status !== 'fail' && c.status !== 'warn');
	out.push('## Passing and informational checks', '');
	if (rest.length === 0) out.push('None.', '');
	else {
		out.push('| id | status | check | result |', '| --- | --- | --- | --- |');
		for (const c of rest) out.push(`| ${c.id} | ${label[c.status]} | ${cell(c.title)} | ${cell(c.summary)} |`);
		out.push('');
	}
	return `${out.join('\n')}`;
}
