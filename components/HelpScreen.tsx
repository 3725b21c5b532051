import React from 'react';
import {keyLabel, type KeyEntry, type KeyScope} from '../source/keymap/keymap.js';
import {Lines, type Line} from './Lines.js';

const scopeTitles: Readonly<Record<KeyScope, string>> = {
	global: 'Everywhere',
	topology: 'Topology panel',
	checks: 'Checklist panel',
	detail: 'Detail screens',
	walkthrough: 'Walkthrough',
	lab: 'Lab (fault injection)',
	replay: 'Playback of a recording',
};

export function helpLines(entries: readonly KeyEntry[], ascii: boolean, withHeaders: boolean): Line[] {
	const lines: Line[] = [];
	const scopes = [...new Set(entries.map(e => e.scope))];
	const width = Math.max(...entries.map(e => keyLabel(e.keys, ascii).length), 3) + 2;
	const labelWidth = Math.max(...entries.map(e => e.label.length), 4) + 2;
	for (const scope of scopes) {
		if (withHeaders) lines.push({text: scopeTitles[scope], bold: true});
		for (const e of entries.filter(x => x.scope === scope)) {
			const danger = e.dangerous ? (ascii ? ' (!! changes servers)' : ' (⚠ changes servers)') : '';
			lines.push({text: `  ${keyLabel(e.keys, ascii).padEnd(width)}${e.label.padEnd(labelWidth)}${e.description}${danger}`});
		}
	}
	return lines;
}

export interface HelpScreenProps {
	readonly entries: readonly KeyEntry[];
	readonly lines: number;
	readonly scroll: number;
	readonly ascii: boolean;
}

export function HelpScreen({entries, lines, scroll, ascii}: HelpScreenProps) {
	const scopes = new Set(entries.map(e => e.scope)).size;
	const body = helpLines(entries, ascii, 1 + entries.length + scopes <= lines);
	return <Lines lines={[{text: 'Keys', bold: true}, ...body]} height={lines} scroll={scroll} ascii={ascii} />;
}
