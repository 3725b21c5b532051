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
	return <Lines lines={[{text: 'Keys', bold: true}, ...body, ...legendLines(ascii)]} height={lines} scroll={scroll} ascii={ascii} />;
}

/** What the marks and words on the main screen mean. */
export function legendLines(ascii: boolean): Line[] {
	const g = (u: string, a: string) => (ascii ? a : u);
	return [
		{text: ''},
		{text: 'What the screen shows', bold: true},
		{text: `  ${g('✔', '[ok]')} pass  ${g('!', '[!!]')} warn  ${g('✖', '[XX]')} fail  i info  ? not known yet (checks; ${g('✖', 'XX')} also marks a node that does not answer)`},
		{text: `  M leader (master)  ${g('└', '`-')} follower of the line above  ${g('◆', 'S')} Sentinel  ${g('▸', '>')} selected  [-]/[+] group open/collapsed`},
		{text: '  behind: bytes the follower lacks (leader offset − follower offset), then seconds (when the leader wrote the first byte it lacks)'},
		{text: '  ack: seconds since the follower last acknowledged to the leader (REPLCONF ACK, once a second); large = the follower or the link stalled'},
		{text: `  (leader view), (leader), (ldr): the follower does not answer; its numbers are the leader's slaveN line. silent Ns: since its last answer`},
		{text: `  sparkline ${g('▁▂▃█', '_.-#')} max X · N s: bytes behind over the last N seconds, scaled to X (below 64 KiB it stays flat)`},
		{text: '  unreachable: a node that does not answer us · link down: a follower that answers but does not replicate'},
	];
}
