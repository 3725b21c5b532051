import React from 'react';
import {Box, Text} from 'ink';
import {keyLabel, type KeyEntry} from '../source/keymap/keymap.js';

const item = (e: KeyEntry, ascii: boolean) => `${keyLabel(e.keys, ascii)} ${e.label}`;

/** The footer text for a key table on one line: `q quit  ? help  ↑/k up …`. */
export function footerText(entries: readonly KeyEntry[], ascii: boolean): string {
	return entries.map(e => item(e, ascii)).join('  ');
}

// Whole entries per line: a line break never splits a key from its label.
function pack(items: readonly string[], columns: number): string[] {
	const lines: string[] = [];
	let line = '';
	for (const text of items) {
		const candidate = line ? `${line}  ${text}` : text;
		if (line && [...candidate].length > columns) {
			lines.push(line);
			line = text;
		} else line = candidate;
	}
	if (line) lines.push(line);
	return lines;
}

/**
 * The footer's lines for a width, at most `maxLines`. When the full labels need more than two lines,
 * the lab keys shrink to `lab: s K b …` (their names and descriptions stay in the ? help).
 */
export function footerLines(entries: readonly KeyEntry[], columns: number, ascii: boolean, maxLines: number): string[] {
	const full = pack(entries.map(e => item(e, ascii)), columns);
	const lab = entries.filter(e => e.scope === 'lab');
	if (full.length <= Math.min(2, maxLines) || lab.length === 0) return full.slice(0, maxLines);
	const compact = pack([...entries.filter(e => e.scope !== 'lab').map(e => item(e, ascii)), `lab: ${lab.map(e => keyLabel(e.keys, ascii)).join(' ')}`], columns);
	return compact.slice(0, maxLines);
}

export interface FooterProps {
	/** From footerLines(), so the layout reserves exactly these lines. */
	readonly lines: readonly string[];
}

export function Footer({lines}: FooterProps) {
	if (lines.length === 0) return null;
	return (
		<Box flexDirection="column" height={lines.length} overflow="hidden">
			{lines.map((line, i) => (
				<Text key={i} dimColor wrap="truncate-end">
					{line}
				</Text>
			))}
		</Box>
	);
}
