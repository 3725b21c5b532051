// Builds the lines of the detail and walkthrough screens, pre-wrapped to the width so the
// frame's line budget can be kept exactly.
import {sanitize} from '../source/model/sanitize.js';
import type {CheckResult} from '../source/model/types.js';
import {statusColor, statusGlyph, wrapText} from './format.js';
import type {Line} from './Lines.js';

/** What a check verifies and why (from the checks registry when it provides it). */
export interface CheckInfo {
	readonly title: string;
	readonly why?: string;
	readonly section?: string;
}

export interface CheckLinesOptions {
	readonly width: number;
	readonly ascii: boolean;
	readonly readOnly: boolean;
	readonly info?: CheckInfo;
	/** Walkthrough: the document's "Documentation notes" filled from the check. */
	readonly documentationNotes?: boolean;
	/** The operator's own note for this check. */
	readonly note?: string;
}

export function checkLines(check: CheckResult, options: CheckLinesOptions): Line[] {
	const {width, ascii, readOnly, info} = options;
	const color = statusColor[check.status];
	const lines: Line[] = [{text: `${statusGlyph(check.status, ascii)} ${check.id} ${sanitize(check.title)}`, bold: true, ...(color ? {color} : {})}];
	lines.push(...wrapText(`Status: ${check.status} - ${sanitize(check.summary)}`, width, '  ').map(text => ({text})));
	if (info?.why) {
		lines.push({text: ''}, {text: 'What is verified and why it matters', bold: true});
		lines.push(...wrapText(sanitize(info.why), width).map(text => ({text})));
	}
	lines.push({text: ''}, {text: 'Evidence', bold: true});
	if (check.evidence.length === 0) lines.push({text: '  (none)', dim: true});
	for (const e of check.evidence) lines.push(...wrapText(`${e.node}: ${sanitize(e.text)}`, width - 2, '    ').map(text => ({text: `  ${text}`})));
	if (options.documentationNotes) {
		lines.push({text: ''}, {text: 'Documentation notes', bold: true});
		lines.push(...wrapText(`- Current status: ${check.status}: ${sanitize(check.summary)}`, width, '  ').map(text => ({text})));
		lines.push(...wrapText(`- Recommendations: ${check.recommendation ? sanitize(check.recommendation) : 'none'}`, width, '  ').map(text => ({text})));
		lines.push(...wrapText(`- Operator note: ${options.note ? sanitize(options.note) : '(none, press e to add one)'}`, width, '  ').map(text => ({text})));
	} else if (check.recommendation) {
		lines.push({text: ''}, {text: 'Recommendation', bold: true});
		lines.push(...wrapText(sanitize(check.recommendation), width).map(text => ({text})));
	}
	lines.push({text: ''}, {text: 'Fixes on offer', bold: true});
	if (check.remediations.length === 0) lines.push({text: '  none (nothing replwatch can change for this check)', dim: true});
	for (const r of check.remediations) {
		const shown = r.secret ? [...r.command.slice(0, -1), '<secret>'] : r.command;
		const value = r.secret ? 'typed when applied, never shown' : `${sanitize(r.current) || '""'} ${ascii ? '->' : '→'} ${sanitize(r.proposed) || '""'}`;
		const risk = r.risk === 'high' ? (ascii ? ' !! high risk' : ' ⚠ high risk') : '';
		lines.push(...wrapText(`${r.node}: ${shown.map(sanitize).join(' ')}  (${value})${risk}`, width - 2, '    ').map(text => ({text: `  ${text}`})));
		if (r.note) lines.push(...wrapText(sanitize(r.note), width - 4).map(text => ({text: `    ${text}`, dim: true})));
	}
	if (check.remediations.length > 0) lines.push({text: readOnly ? 'read-only: fixes are disabled' : 'press f to review and apply a fix', dim: true});
	return lines;
}
