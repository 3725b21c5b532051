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
 * the lab keys shrink to `lab: s K b …` and the incident keys to `more: ] [ v g l` (names stay in the ? help).
 */
export function footerLines(entries: readonly KeyEntry[], columns: number, ascii: boolean, maxLines: number): string[] {
	const full = pack(entries.map(e => item(e, ascii)), columns);
	const lab = entries.filter(e => e.scope === 'lab');
	const more = entries.filter(e => e.keyOnly && e.scope !== 'lab');
	if (full.length <= Math.min(2, maxLines) || lab.length + more.length === 0) return full.slice(0, maxLines);
	const keysOf = (list: readonly KeyEntry[]) => list.map(e => keyLabel(e.keys, ascii)).join(' ');
	const named = entries.filter(e => e.scope !== 'lab' && !e.keyOnly).map(e => item(e, ascii));
	const moreItem = more.length > 0 ? [`more: ${keysOf(more)}`] : [];
	// First the incident keys shrink; the lab keys keep their names while that is enough.
	const labNamed = pack([...named, ...moreItem, ...lab.map(e => item(e, ascii))], columns);
	if (labNamed.length <= Math.min(2, maxLines)) return labNamed;
	return pack([...named, ...moreItem, ...(lab.length > 0 ? [`lab: ${keysOf(lab)}`] : [])], columns).slice(0, maxLines);
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
