// Ink 6.8's Output.get() fills a fresh width×height grid of cells every frame, writes every text
// piece into it cell by cell and turns every row back into a string: at one frame a second, most
// of the screen is the same as last second and all of that work is thrown away. drawFrame (patched
// in for Output.get by scripts/ink-patches.js) does what Output.get does, except that a row made of
// the same pieces at the same places as last frame's row, at the same width, reuses last frame's
// text. The pieces decide the row: the rest of it is blank.
import {cachedSlice} from './frame-cache.js';

/** One styled character as @alcalzone/ansi-tokenize gives it (ink's cell). */
interface Cell {
	readonly type: string;
	readonly value: string;
	readonly fullWidth: boolean;
	readonly styles: readonly AnsiCode[];
}

interface Clip {
	readonly x1?: number;
	readonly x2?: number;
	readonly y1?: number;
	readonly y2?: number;
}

type Operation =
	| {readonly type: 'clip'; readonly clip: Clip}
	| {readonly type: 'unclip'}
	| {readonly type: 'write'; readonly x: number; readonly y: number; readonly text: string; readonly transformers: ReadonlyArray<(line: string, index: number) => string>};

/** What drawFrame reads of ink's Output. */
export interface InkOutput {
	readonly width: number;
	readonly height: number;
	readonly operations: readonly Operation[];
	readonly caches: {
		getStyledChars(line: string): readonly Cell[];
		getStringWidth(text: string): number;
		getWidestLine(text: string): number;
	};
}

type AnsiCode = {readonly code: string; readonly endCode: string};

/** What drawFrame takes from ink's own dependencies (slice-ansi, @alcalzone/ansi-tokenize). */
export interface DrawTools {
	sliceAnsi(line: string, from: number, to: number): string;
	diffAnsiCodes(from: readonly AnsiCode[], to: readonly AnsiCode[]): AnsiCode[];
	ansiCodesToString(codes: readonly AnsiCode[]): string;
}

/** The cell ink fills an empty screen with; nothing writes into a cell, it only replaces it. */
const blankCell: Cell = Object.freeze({type: 'char', value: ' ', fullWidth: false, styles: Object.freeze([])});

interface Piece {
	readonly x: number;
	readonly line: string;
}

/** Last frame's rows: the pieces that made each one (as a key) and its text. */
let last: {width: number; keys: string[]; texts: string[]} = {width: -1, keys: [], texts: []};

/** How many rows the last frame placed cell by cell (the rest were reused): for the tests. */
export let rowsPlaced = 0;

/** Output.get() of ink 6.8, reusing the text of every row whose pieces did not change. */
export function drawFrame(out: InkOutput, tools: DrawTools): {output: string; height: number} {
	const pieces: Piece[][] = [];
	for (let y = 0; y < out.height; y++) pieces.push([]);
	const clips: Clip[] = [];
	for (const operation of out.operations) {
		if (operation.type === 'clip') clips.push(operation.clip);
		if (operation.type === 'unclip') clips.pop();
		if (operation.type !== 'write') continue;
		const {text, transformers} = operation;
		let {x, y} = operation;
		let lines = text.split('\n');
		const clip = clips.at(-1);
		if (clip) {
			const clipHorizontally = typeof clip.x1 === 'number' && typeof clip.x2 === 'number';
			const clipVertically = typeof clip.y1 === 'number' && typeof clip.y2 === 'number';
			if (clipHorizontally && (x + out.caches.getWidestLine(text) < clip.x1! || x > clip.x2!)) continue;
			if (clipVertically && (y + lines.length < clip.y1! || y > clip.y2!)) continue;
			if (clipHorizontally) {
				lines = lines.map(line => {
					const from = x < clip.x1! ? clip.x1! - x : 0;
					const width = out.caches.getStringWidth(line);
					const to = x + width > clip.x2! ? clip.x2! - x : width;
					return cachedSlice(tools.sliceAnsi, line, from, to);
				});
				if (x < clip.x1!) x = clip.x1!;
			}
			if (clipVertically) {
				const from = y < clip.y1! ? clip.y1! - y : 0;
				const height = lines.length;
				const to = y + height > clip.y2! ? clip.y2! - y : height;
				lines = lines.slice(from, to);
				if (y < clip.y1!) y = clip.y1!;
			}
		}
		// As ink: a line below (or above) the screen is dropped, and so is every line after it.
		for (let [index, line] of lines.entries()) {
			const at = pieces[y + index];
			if (!at) break;
			for (const transformer of transformers) line = transformer(line, index);
			at.push({x, line});
		}
	}

	const keys = pieces.map(row => row.map(p => `${p.x}:${p.line.length}:${p.line}`).join(''));
	const reuse = last.width === out.width;
	rowsPlaced = 0;
	const texts = keys.map((key, y) => (reuse && last.keys[y] === key ? last.texts[y]! : placeRow(out, tools, pieces[y]!)));
	last = {width: out.width, keys, texts};
	return {output: texts.join('\n'), height: pieces.length};
}

/** One row as ink makes it: blank cells, each piece's characters written over them in order. */
function placeRow(out: InkOutput, tools: DrawTools, pieces: readonly Piece[]): string {
	rowsPlaced++;
	const cells: Cell[] = [];
	for (let x = 0; x < out.width; x++) cells.push(blankCell);
	for (const {x, line} of pieces) {
		let offsetX = x;
		for (const character of out.caches.getStyledChars(line)) {
			cells[offsetX] = character;
			// Determine printed width using string-width to align with measurement
			const characterWidth = Math.max(1, out.caches.getStringWidth(character.value));
			for (let index = 1; index < characterWidth; index++) cells[offsetX + index] = {type: 'char', value: '', fullWidth: false, styles: character.styles};
			offsetX += characterWidth;
		}
	}
	return rowString(tools, cells.filter(cell => cell !== undefined)).trimEnd();
}

/**
 * styledCharsToString of @alcalzone/ansi-tokenize 0.2, without diffing the styles of two neighbours
 * that have the same codes (the diff is then empty): most cells of a row share their style, and the
 * diff allocates three Sets per cell.
 */
function rowString(tools: DrawTools, cells: readonly Cell[]): string {
	let text = '';
	for (let i = 0; i < cells.length; i++) {
		const cell = cells[i]!;
		if (i === 0) text += tools.ansiCodesToString(cell.styles);
		else if (!sameCodes(cells[i - 1]!.styles, cell.styles)) text += tools.ansiCodesToString(tools.diffAnsiCodes(cells[i - 1]!.styles, cell.styles));
		text += cell.value;
		if (i === cells.length - 1 && cell.styles.length > 0) text += tools.ansiCodesToString(tools.diffAnsiCodes(cell.styles, []));
	}
	return text;
}

function sameCodes(a: readonly AnsiCode[], b: readonly AnsiCode[]): boolean {
	if (a === b) return true;
	if (a.length !== b.length) return false;
	for (let i = 0; i < a.length; i++) if (a[i]!.code !== b[i]!.code || a[i]!.endCode !== b[i]!.endCode) return false;
	return true;
}
