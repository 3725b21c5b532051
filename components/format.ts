// Pure display helpers shared by the components: units a person reads at a glance.
import type {CheckStatus} from '../source/model/types.js';
import {formatBytes, formatSeconds} from '../source/model/units.js';

/** 1536 → "1.5 KiB": the IEC units of every screen and report (source/model/units.ts); '-' when unknown. */
export function humanBytes(bytes: number | null | undefined): string {
	if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return '-';
	return formatBytes(bytes);
}

/** Seconds as "0.4s", "12s", "3m05s", "2h10m" (source/model/units.ts). */
export const humanSeconds = formatSeconds;

export function humanRate(bytesPerSec: number | null | undefined): string {
	if (bytesPerSec === null || bytesPerSec === undefined || !Number.isFinite(bytesPerSec)) return '-';
	return `${humanBytes(bytesPerSec)}/s`;
}

const unicodeGlyphs: Readonly<Record<CheckStatus, string>> = {pass: '✔', warn: '!', fail: '✖', info: 'i', unknown: '?'};
const asciiGlyphs: Readonly<Record<CheckStatus, string>> = {pass: '[ok]', warn: '[!!]', fail: '[XX]', info: '[i]', unknown: '[?]'};

export function statusGlyph(status: CheckStatus, ascii: boolean): string {
	return (ascii ? asciiGlyphs : unicodeGlyphs)[status] ?? '?';
}

export const statusColor: Readonly<Record<CheckStatus, string | undefined>> = {pass: 'green', warn: 'yellow', fail: 'red', info: 'cyan', unknown: undefined};

/** Cuts a line to `width` display cells with an ellipsis, `...` under --ascii (all our text is single-cell). */
export function fit(text: string, width: number, ascii = false): string {
	if (width <= 0) return '';
	const chars = [...text];
	if (chars.length <= width) return text;
	if (ascii) return width <= 3 ? chars.slice(0, width).join('') : `${chars.slice(0, width - 3).join('')}...`;
	return width === 1 ? chars[0]! : `${chars.slice(0, width - 1).join('')}…`;
}

/** Word-wraps to `width` cells so every screen line is counted in the line budget; words longer than a line are cut. */
export function wrapText(text: string, width: number, indent = ''): string[] {
	if (width <= indent.length + 1) return [fit(text, width)];
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/\s+/).filter(Boolean)) {
		const candidate = line ? `${line} ${word}` : `${lines.length > 0 ? indent : ''}${word}`;
		if ([...candidate].length <= width) {
			line = candidate;
			continue;
		}
		if (line) lines.push(line);
		line = fit(`${indent}${word}`, width);
	}
	if (line) lines.push(line);
	return lines.length > 0 ? lines : [''];
}
