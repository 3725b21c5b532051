// drawFrame against ink 6.8's own Output.get(), unpatched, on the same writes: frame after frame of a
// monitor whose numbers change, with colours, wide characters, clipped boxes, a transformer, text off
// the screen and a footer that moves. The screens must be the same to the character; only the rows
// that changed may be placed again.
import {createRequire} from 'node:module';
import {dirname, join} from 'node:path';
import {pathToFileURL} from 'node:url';
import {describe, expect, test} from 'vitest';
import sliceAnsi from 'slice-ansi';
import {ansiCodesToString, diffAnsiCodes} from '@alcalzone/ansi-tokenize';
import {drawFrame, rowsPlaced, type InkOutput} from '../../components/frame-rows.js';

interface InkOutputClass {
	new (options: {width: number; height: number}): InkOutput & {
		write(x: number, y: number, text: string, options: {transformers: Array<(line: string, index: number) => string>}): void;
		clip(clip: {x1?: number; x2?: number; y1?: number; y2?: number}): void;
		unclip(): void;
		get(): {output: string; height: number};
	};
}

const inkBuild = dirname(createRequire(import.meta.url).resolve('ink'));
// `?unpatched`: ink's Output as ink ships it (the tests load ink through the patch, scripts/ink-patch.js).
const {default: Output} = (await import(`${pathToFileURL(join(inkBuild, 'output.js')).href}?unpatched`)) as {default: InkOutputClass};
const tools = {sliceAnsi, diffAnsiCodes, ansiCodesToString};

const bold = (s: string) => `\u001B[1m${s}\u001B[22m`;
const red = (s: string) => `\u001B[31m${s}\u001B[39m`;

/** One frame of a monitor at tick n: what ink's renderNodeToOutput would write. */
function writeFrame(output: InstanceType<InkOutputClass>, n: number): void {
	const {width, height} = output;
	output.write(0, 0, `${bold('replwatch')} · leader 127.0.0.1:6379 · tick ${n}`, {transformers: []});
	// Nested styles, two intensities that share one end code, a background to the end of the line.
	output.write(Math.floor(width / 3), 0, `\u001B[1m\u001B[31mAB\u001B[2mC\u001B[22mD\u001B[39m\u001B[44m ${n % 2 ? 'up' : 'down'} \u001B[49m`, {transformers: []});
	for (let row = 1; row < height - 1; row++) {
		const behind = row === 2 ? n * 1031 : row * 7;
		output.write(0, row, `${row % 3 === 0 ? red('✗') : '✓'} follower-${row} 漢字 ${behind} B behind`, {transformers: []});
	}
	// A box with overflow hidden: its text starts left of the clip and runs below it.
	output.clip({x1: 4, x2: Math.max(5, width - 6), y1: 3, y2: Math.max(4, height - 3)});
	output.write(2, 2, `lag ${'▁▂▃▅▇'.repeat(8)} ${n % 7}\nsecond line 漢 ${n}\nthird`, {transformers: [(line, index) => (index === 1 ? line.toUpperCase() : line)]});
	output.write(width + 3, 4, 'entirely right of the clip', {transformers: []});
	output.unclip();
	// Text taller than the screen, and text that starts below it.
	output.write(width - 4, height - 2, `a${n}\nb\nc\nd`, {transformers: []});
	output.write(1, height + 2, 'below the screen', {transformers: []});
	// The same text at a place that moves, and text that runs past the right edge.
	output.write(Math.floor(width / 2) + (n % 3), 1, 'LIVE', {transformers: []});
	output.write(width - 2, height - 3, 'past the edge', {transformers: []});
	// The footer's x moves with its length.
	output.write(Math.max(0, width - 12 - String(n).length), height - 1, `q quit · ${n}`, {transformers: []});
}

function frames(width: number, height: number, ticks: number): Array<{ink: string; ours: string; placed: number}> {
	const out = [];
	for (let n = 0; n < ticks; n++) {
		const ink = new Output({width, height});
		writeFrame(ink, n);
		const ours = new Output({width, height});
		writeFrame(ours, n);
		const drawn = drawFrame(ours, tools);
		const expected = ink.get();
		expect(drawn.height).toBe(expected.height);
		out.push({ink: expected.output, ours: drawn.output, placed: rowsPlaced});
	}
	return out;
}

describe('drawFrame', () => {
	test.each([
		[80, 24],
		[120, 40],
		[20, 6],
		[7, 3],
	])('draws the same screen as ink at %ix%i, frame after frame', (width, height) => {
		for (const frame of frames(width, height, 12)) expect(frame.ours).toBe(frame.ink);
	});

	test('only the rows whose text changed are placed again; a new width places every row', () => {
		const run = frames(120, 40, 3);
		expect(run[0]!.placed).toBe(40);
		// A tick changes the header, the LIVE row, follower-2's bytes, the box's one visible line that
		// shows n (its first line is clipped away), the corner text and the footer.
		expect(run[2]!.placed).toBe(6);
		expect(frames(100, 40, 1)[0]!.placed).toBe(40);
	});

	test('the Output ink renders with is the patched one, the reference is not', async () => {
		const {default: Patched} = (await import(pathToFileURL(join(inkBuild, 'output.js')).href)) as {default: InkOutputClass};
		expect(Patched.prototype.get.toString()).toContain('drawFrame');
		expect(Output.prototype.get.toString()).not.toContain('drawFrame');
	});
});
