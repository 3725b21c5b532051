import {mkdirSync, writeFileSync} from 'node:fs';
import {noteLine, parseNote} from './notes.js';
import {join} from 'node:path';
import type {CheckResult, CheckStatus, Remediation, Topology} from '../model/types.js';
import {sanitize} from '../model/sanitize.js';
import {sections} from '../checks/registry.js';

export interface WalkthroughInput {
	readonly checks: readonly CheckResult[];
	readonly topology: Topology;
	readonly generatedAt: number;
	/** Operator notes by section id (`1.1`) or check id (`1.1.2`), added to the Current Status. */
	readonly notes?: Readonly<Record<string, string>>;
}

const parts: readonly {title: string; sections: readonly string[]}[] = [
	{title: '1. Topology Design', sections: ['1.1', '1.2', '1.3']},
	{title: '2. Replication Configuration', sections: ['2.1', '2.2', '2.3', '2.4']},
	{title: '3. Sentinel', sections: ['3']},
	{title: '4. Persistence Interplay', sections: ['4']},
	{title: '5. Security', sections: ['5']},
	{title: '6. Buffers and Timeouts', sections: ['6']},
];

// The document's description of each item, in short.
const descriptions: Readonly<Record<string, string>> = {
	'1.1': 'All writes go to the leader; reads are spread over the followers.',
	'1.2': 'Followers stay close to the leader so they do not serve stale data.',
	'1.3': 'One leader and at least two followers, so one follower can fail without loss of redundancy.',
	'2.1': 'Replication is asynchronous: followers keep serving if the leader is down, at the risk of losing the last writes.',
	'2.2': 'Full syncs stream the snapshot over the network instead of writing it to disk first.',
	'2.3': 'Reconnecting followers continue from the backlog instead of copying the whole dataset.',
	'2.4': 'The backlog is active and large enough for brief disconnections.',
	'3': 'Sentinel detects a failed leader and promotes a follower (the document’s “discussed later”).',
	'4': 'Persistence settings of the leader decide what followers copy after a restart.',
	'5': 'Nodes require authentication; followers can authenticate to their leader; no secret leaks.',
	'6': 'Output buffers and timeouts let full syncs finish and idle links stay up.',
};

const label: Record<CheckStatus, string> = {pass: 'PASS', warn: 'WARN', fail: 'FAIL', info: 'INFO', unknown: 'UNKNOWN'};

const clean = (text: string): string => sanitize(text).replace(/\|/g, '\\|');
const code = (text: string): string => `\`${sanitize(text).replace(/`/g, "'")}\``;

/** The command as an operator would type it; a secret value is never shown. */
export function remediationCommand(r: Remediation): string {
	const args = r.secret ? [...r.command.slice(0, -1), '<secret>'] : [...r.command];
	return args.map(a => (a === '' ? '""' : /\s/.test(a) ? `"${a}"` : a)).join(' ');
}

function remediationLine(r: Remediation): string {
	const current = r.secret ? '' : r.current === '' ? ' (currently empty)' : ` (currently ${code(r.current)})`;
	return `${code(remediationCommand(r))} on ${clean(r.node)}${current}, risk ${r.risk}${r.note ? `: ${clean(r.note)}` : ''}`;
}

function checkBlock(c: CheckResult, heading: string): string[] {
	const out = [`${heading} ${c.id} ${clean(c.title)}: ${label[c.status]}`, '', clean(c.summary), ''];
	for (const e of c.evidence) out.push(`- ${clean(e.node)}: ${clean(e.text)}`);
	if (c.evidence.length) out.push('');
	if (c.recommendation) out.push(`Recommendation: ${clean(c.recommendation)}`, '');
	if (c.remediations.length) {
		out.push('Proposed changes:');
		for (const r of c.remediations) out.push(`- ${remediationLine(r)}`);
		out.push('');
	}
	return out;
}

const bySection = (checks: readonly CheckResult[], id: string) => checks.filter(c => c.section === id);

function countLine(checks: readonly CheckResult[]): string {
	const counts = (['pass', 'warn', 'fail', 'info', 'unknown'] as const).map(s => [s, checks.filter(c => c.status === s).length] as const).filter(([, n]) => n > 0);
	return counts.map(([s, n]) => `${n} ${label[s]}`).join(', ') || 'no checks';
}

/** Section, status, evidence and recommendation of every check: the Markdown body `--report md` reuses. */
export function checksMarkdown(checks: readonly CheckResult[]): string {
	const out: string[] = [];
	for (const id of Object.keys(sections)) {
		const list = bySection(checks, id);
		if (list.length === 0) continue;
		out.push(`## ${clean(sections[id]!)}`, '');
		for (const c of list) out.push(...checkBlock(c, '###'));
	}
	return out.join('\n');
}

/** The checklist document's structure, with every item's status, evidence and filled-in Documentation Notes. */
export function walkthroughMarkdown(input: WalkthroughInput): string {
	const {checks, topology, notes = {}} = input;
	const out: string[] = ['# Replication checklist walkthrough', '', `Generated ${new Date(input.generatedAt).toISOString()} by replwatch. Result: ${countLine(checks)}.`, ''];
	const nodes = Object.values(topology.nodes).sort((a, b) => (a.address < b.address ? -1 : 1));
	if (nodes.length) {
		out.push('| node | role | version | replicates from |', '| --- | --- | --- | --- |');
		for (const n of nodes) out.push(`| ${clean(n.address)} | ${n.sample.reachable ? n.role : `${n.role} (unreachable)`} | ${clean(n.version ?? '?')} | ${clean(n.masterAddress ?? '')} |`);
		out.push('');
	}
	for (const part of parts) {
		out.push('---', '', `## ${part.title}`, '');
		for (const id of part.sections) {
			const list = bySection(checks, id);
			out.push(`### ${clean(sections[id] ?? id)}`, '');
			if (descriptions[id]) out.push(`**Description:** ${descriptions[id]}`, '');
			for (const c of list) out.push(...checkBlock(c, '####'));
			out.push('**Documentation Notes:**', '');
			out.push(`- **Current Status:** ${countLine(list)}.`);
			for (const c of list) out.push(`  - ${c.id} ${label[c.status]}: ${clean(c.summary)}`);
			for (const key of [id, ...list.map(c => c.id)]) if (notes[key]) out.push(`  - Note (${key}): ${clean(noteLine(parseNote(notes[key]!)))}`);
			const recs = list.filter(c => c.recommendation && (c.status === 'warn' || c.status === 'fail'));
			out.push(`- **Recommendations:**${recs.length ? '' : ' none; nothing here needs a change.'}`);
			for (const c of recs) out.push(`  - ${c.id}: ${clean(c.recommendation!)}`);
			out.push('');
		}
	}
	return out.join('\n');
}

interface SnapshotLike {
	readonly checks: readonly CheckResult[];
	readonly topology: Topology;
	readonly lastTickAt: number | null;
}

/**
 * Writes the walkthrough to `dir` (created if missing) and returns the file's path. Also accepts
 * the TUI's form: (snapshot, notes, dir).
 */
export function writeWalkthroughReport(input: WalkthroughInput, dir: string): string;
export function writeWalkthroughReport(snapshot: SnapshotLike, notes: Readonly<Record<string, string>> | undefined, dir: string): string;
export function writeWalkthroughReport(first: WalkthroughInput | SnapshotLike, second: string | Readonly<Record<string, string>> | undefined, third?: string): string {
	const input: WalkthroughInput = 'generatedAt' in first
		? first
		: {checks: first.checks, topology: first.topology, generatedAt: first.lastTickAt ?? Date.now(), ...(typeof second === 'object' ? {notes: second} : {})};
	const dir = typeof second === 'string' ? second : third ?? '.';
	mkdirSync(dir, {recursive: true});
	const stamp = new Date(input.generatedAt).toISOString().replace(/[:.]/g, '-');
	const path = join(dir, `replwatch-walkthrough-${stamp}.md`);
	writeFileSync(path, walkthroughMarkdown(input), {mode: 0o644});
	return path;
}
