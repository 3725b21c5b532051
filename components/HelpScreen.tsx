import React from 'react';
import {keyLabel, type KeyEntry, type KeyScope} from '../source/keymap/keymap.js';
import {Lines, type Line} from './Lines.js';
import {wrapText} from './format.js';

const scopeTitles: Readonly<Record<KeyScope, string>> = {
	global: 'Everywhere',
	topology: 'Topology panel',
	checks: 'Checklist panel',
	detail: 'Detail screens',
	walkthrough: 'Walkthrough',
	lab: 'Lab (fault injection)',
	replay: 'Playback of a recording',
};

/** Lines longer than `width` go on under themselves, indented: at 80 columns nothing is cut. */
function wrapped(line: Line, width: number, indent: number): Line[] {
	if (line.text.length <= width) return [line];
	const lead = line.text.length - line.text.trimStart().length;
	return wrapText(line.text.trimStart(), width - lead, ' '.repeat(Math.max(0, indent - lead))).map(text => ({...line, text: `${' '.repeat(lead)}${text}`}));
}

export function helpLines(entries: readonly KeyEntry[], ascii: boolean, withHeaders: boolean, width = Number.POSITIVE_INFINITY): Line[] {
	const lines: Line[] = [];
	const scopes = [...new Set(entries.map(e => e.scope))];
	const keyWidth = Math.max(...entries.map(e => keyLabel(e.keys, ascii).length), 3) + 2;
	const labelWidth = Math.max(...entries.map(e => e.label.length), 4) + 2;
	for (const scope of scopes) {
		if (withHeaders) lines.push({text: scopeTitles[scope], bold: true});
		for (const e of entries.filter(x => x.scope === scope)) {
			const danger = e.dangerous ? (ascii ? ' (!! changes servers)' : ' (⚠ changes servers)') : '';
			lines.push(...wrapped({text: `  ${keyLabel(e.keys, ascii).padEnd(keyWidth)}${e.label.padEnd(labelWidth)}${e.description}${danger}`}, width, 2 + keyWidth + labelWidth));
		}
	}
	return lines;
}

export interface HelpScreenProps {
	readonly entries: readonly KeyEntry[];
	readonly lines: number;
	readonly scroll: number;
	readonly ascii: boolean;
	readonly width?: number;
}

export function HelpScreen({entries, lines, scroll, ascii, width = Number.POSITIVE_INFINITY}: HelpScreenProps) {
	const scopes = new Set(entries.map(e => e.scope)).size;
	const body = helpLines(entries, ascii, 1 + entries.length + scopes <= lines, width);
	return <Lines lines={[{text: 'Keys', bold: true}, ...body, ...legendLines(ascii).flatMap(l => wrapped(l, width, 4))]} height={lines} scroll={scroll} ascii={ascii} />;
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
		{text: `  sparkline ${g('▁▂▃█', '_.-#')} max X/Ns: bytes behind over the last N seconds, scaled to X (below 64 KiB it stays flat); ${g('░', '?')} no reading`},
		{text: '  unreachable: a node that does not answer us · link down: a follower that answers but does not replicate'},
	];
}
