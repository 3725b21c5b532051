// STUB written by the TUI helper so the walkthrough can be wired; the CHECKS helper owns and replaces this file.
import {mkdirSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import type {Snapshot} from '../model/snapshot.js';
import {sanitize} from '../model/sanitize.js';

/** Writes the Markdown walkthrough report into `dir`; returns the file's path. */
export function writeWalkthroughReport(snapshot: Snapshot, notes: Readonly<Record<string, string>>, dir: string): string {
	mkdirSync(dir, {recursive: true});
	const stamp = new Date(snapshot.lastTickAt ?? Date.now()).toISOString().replace(/[:.]/g, '-');
	const path = join(dir, `replwatch-walkthrough-${stamp}.md`);
	const lines = ['# replwatch walkthrough', ''];
	for (const check of snapshot.checks) {
		lines.push(`## ${check.id} ${sanitize(check.title)}`, '', `- Current status: ${check.status}: ${sanitize(check.summary)}`);
		if (check.recommendation) lines.push(`- Recommendations: ${sanitize(check.recommendation)}`);
		if (notes[check.id]) lines.push(`- Notes: ${sanitize(notes[check.id])}`);
		lines.push('');
	}
	writeFileSync(path, lines.join('\n'));
	return path;
}
