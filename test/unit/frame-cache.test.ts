// Ink's text caches, as the build patches them in (scripts/ink-patch.js): bounded by what the last
// two frames drew, and kept across frames so a line that did not change is not measured again.
import {mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {createRequire} from 'node:module';
import {dirname, join} from 'node:path';
import {describe, expect, test} from 'vitest';
import {cachedSlice, FrameMap, frameMap, nextFrame, outputCachesForFrame} from '../../components/frame-cache.js';
// @ts-expect-error plain JS build script
import {patchInk} from '../../scripts/ink-patch.js';

describe('FrameMap', () => {
	test('a line drawn in every frame stays cached; one not drawn for two frames is forgotten', () => {
		const map = new FrameMap<string, number>();
		map.set('steady', 1);
		map.set('gone', 2);
		map.turn();
		expect(map.get('steady')).toBe(1);
		map.turn();
		expect(map.get('steady')).toBe(1);
		expect(map.get('gone')).toBeUndefined();
	});

	test('a screen whose numbers change every second holds two frames of lines, not every line ever drawn', () => {
		const map = frameMap<string, string>();
		for (let tick = 0; tick < 5000; tick++) {
			for (let row = 0; row < 40; row++) map.set(`row ${row} · ${tick} B behind`, 'x');
			nextFrame();
		}
		expect(map.size).toBeLessThanOrEqual(80);
	});

	test('every Output of a frame shares one set of caches', () => {
		const make = () => ({widths: new Map(), blockWidths: new Map(), styledChars: new Map()});
		const first = outputCachesForFrame(make);
		(first.widths as unknown as FrameMap<string, number>).set('abc', 3);
		const second = outputCachesForFrame(make);
		expect(second).toBe(first);
		expect((second.widths as unknown as FrameMap<string, number>).get('abc')).toBe(3);
	});
});

test('a clipped line is cut once while it stays on screen, and cut again when it changes', () => {
	let cuts = 0;
	const slice = (line: string, from: number, to: number) => (cuts++, line.slice(from, to));
	expect(cachedSlice(slice, 'follower 0 B behind', 0, 8)).toBe('follower');
	nextFrame();
	expect(cachedSlice(slice, 'follower 0 B behind', 0, 8)).toBe('follower');
	expect(cachedSlice(slice, 'follower 0 B behind', 0, 10)).toBe('follower 0');
	expect(cuts).toBe(2);
});

describe('the ink patch', () => {
	const inkBuild = dirname(createRequire(import.meta.url).resolve('ink'));
	const patched = (name: string) => patchInk(join(inkBuild, name), readFileSync(join(inkBuild, name), 'utf8')) as string;
	test('the installed ink measures a text node\'s width through the kept cache', () => {
		expect(patched('render-node-to-output.js')).toContain('measureText(text).width');
	});

	test.each(['output.js', 'measure-text.js', 'wrap-text.js'])('the installed ink %s takes its patch (an ink upgrade that moves the code fails here)', name => {
		expect(patched(name)).toMatch(/frame-cache\.ts";\n/);
		expect(patched(name)).not.toMatch(/new OutputCaches\(\);|const cache = (new Map\(\)|\{\});/);
	});

	test('the installed ink\'s Output.get draws through drawFrame, its log-update writes the changed lines', () => {
		expect(patched('output.js')).toMatch(/get\(\) \{\n\s*return drawFrame\(this, \{sliceAnsi, diffAnsiCodes, ansiCodesToString\}\);/);
		expect(patched('log-update.js')).toContain('(changedLines(shown, previousLineCount, str) ?? ansiEscapes.eraseLines(previousLineCount) + str)');
	});

	test('an edit that no longer matches fails, and so does another ink version', () => {
		expect(() => patchInk(join(inkBuild, 'wrap-text.js'), 'const cache = new Map();')).toThrow(/ink patch for wrap-text.js matched 0 times/);
		expect(patchInk(join(inkBuild, 'colorize.js'), 'unchanged')).toBeUndefined();
		const other = mkdtempSync(join(tmpdir(), 'ink-'));
		mkdirSync(join(other, 'node_modules/ink/build'), {recursive: true});
		writeFileSync(join(other, 'node_modules/ink/package.json'), '{"version": "7.1.1"}');
		expect(() => patchInk(join(other, 'node_modules/ink/build/output.js'), readFileSync(join(inkBuild, 'output.js'), 'utf8'))).toThrow('the ink patch is for ink 6.8.0, not 7.1.1');
		rmSync(other, {recursive: true});
	});
});
