// The one patch of ink replwatch carries, for ink 6.8.0 exactly (package.json pins it). It is applied
// by patchInk below and nowhere else: esbuild calls it while bundling (scripts/build.js) and Vite
// calls it while the tests load ink (vitest.config.ts), so every component test renders through the
// renderer users run. What it changes, each for a budget of DESIGN.md:
// - text caches bounded to the last two frames (components/frame-cache.ts): ink 6.8 keeps every line
//   it ever measured or wrapped, and re-tokenizes every line of every frame;
// - Output.get keeps the text of rows that did not change (components/frame-rows.ts);
// - the standard log-update rewrites only the lines that changed (components/frame-writer.ts): ink
//   6.8 erases and rewrites the whole frame every tick, and its incremental mode moves the cursor
//   one line short when the frame ends with a newline.
// Each edit must match exactly once, and the ink being patched must be 6.8.0: an upgrade fails the
// build and the tests instead of silently dropping part of the patch.
import {readFileSync} from 'node:fs';
import {readFile} from 'node:fs/promises';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';

export const inkVersion = '6.8.0';

const source = name => JSON.stringify(fileURLToPath(new URL(`../components/${name}`, import.meta.url)));

/** Per build file of ink: [text, replacement] pairs; /^/ prepends. */
const edits = {
	'output.js': [
		['caches = new OutputCaches();', 'caches = outputCachesForFrame(() => new OutputCaches());'],
		['    get() {', '    get() {\n        return drawFrame(this, {sliceAnsi, diffAnsiCodes, ansiCodesToString});\n    }\n    inkGet() {'],
		[/^/, `import {outputCachesForFrame} from ${source('frame-cache.ts')};\nimport {drawFrame} from ${source('frame-rows.ts')};\nimport {ansiCodesToString, diffAnsiCodes} from '@alcalzone/ansi-tokenize';\n`],
	],
	'measure-text.js': [
		['const cache = new Map();', 'const cache = frameMap();'],
		[/^/, `import {frameMap} from ${source('frame-cache.ts')};\n`],
	],
	// Measured every frame for every text node, uncached: the one widestLine call left after the above.
	'render-node-to-output.js': [
		['const currentWidth = widestLine(text);', 'const currentWidth = measureText(text).width;'],
		[/^/, "import measureText from './measure-text.js';\n"],
	],
	'wrap-text.js': [
		['const cache = {};', 'const cache = frameMap();'],
		['const cachedText = cache[cacheKey];', 'const cachedText = cache.get(cacheKey);'],
		['cache[cacheKey] = wrappedText;', 'cache.set(cacheKey, wrappedText);'],
		[/^/, `import {frameMap} from ${source('frame-cache.ts')};\n`],
	],
	'log-update.js': [
		[
			'            previousOutput = str;\n            const returnPrefix = buildReturnToBottomPrefix(cursorWasShown, previousLineCount, previousCursorPosition);\n            stream.write(returnPrefix +\n                ansiEscapes.eraseLines(previousLineCount) +\n                str +\n',
			'            const shown = previousOutput;\n            previousOutput = str;\n            const returnPrefix = buildReturnToBottomPrefix(cursorWasShown, previousLineCount, previousCursorPosition);\n            stream.write(returnPrefix +\n                (changedLines(shown, previousLineCount, str) ?? ansiEscapes.eraseLines(previousLineCount) + str) +\n',
		],
		[/^/, `import {changedLines} from ${source('frame-writer.ts')};\n`],
	],
};

const inkBuildFile = /[\\/]node_modules[\\/]ink[\\/]build[\\/]([\w/-]+\.js)$/;

/** The files the patch changes, for the bundler's and Vite's filters. */
export const patchedFiles = new RegExp(`[\\\\/]node_modules[\\\\/]ink[\\\\/]build[\\\\/](${Object.keys(edits).join('|').replaceAll('.', '\\.')})$`);

const checkedVersions = new Map();

function checkVersion(buildDir) {
	let version = checkedVersions.get(buildDir);
	if (version === undefined) {
		version = JSON.parse(readFileSync(join(buildDir, '..', 'package.json'), 'utf8')).version;
		checkedVersions.set(buildDir, version);
	}
	if (version !== inkVersion) throw new Error(`the ink patch is for ink ${inkVersion}, not ${version} (scripts/ink-patch.js)`);
}

/**
 * The patched text of one of ink's build files (path: where it is, text: what it holds), or
 * undefined for a file the patch does not change. Throws when ink is not 6.8.0 or an edit does not
 * match exactly once.
 */
export function patchInk(path, text) {
	const name = inkBuildFile.exec(path)?.[1];
	const list = name === undefined ? undefined : edits[name];
	if (list === undefined) return undefined;
	checkVersion(dirname(path));
	let out = text;
	for (const [from, to] of list) {
		const count = typeof from === 'string' ? out.split(from).length - 1 : 1;
		if (count !== 1) throw new Error(`ink patch for ${name} matched ${count} times: ${String(from).split('\n')[0]}`);
		out = out.replace(from, to);
	}
	return out;
}

/** For esbuild (scripts/build.js). */
export const inkPatchEsbuild = {
	name: 'ink-patch',
	setup(build) {
		build.onLoad({filter: patchedFiles}, async args => ({contents: patchInk(args.path, await readFile(args.path, 'utf8')), loader: 'js'}));
	},
};

/**
 * For Vite (vitest.config.ts). A module imported with `?unpatched` is left as ink ships it: the
 * tests that compare the patch with ink's own code load that.
 */
export function inkPatchVite() {
	return {
		name: 'ink-patch',
		enforce: 'pre',
		// Every build file of ink is loaded here, without its source map (ink ships maps to sources it
		// does not ship: Vite would warn once per file), patched unless asked for `?unpatched`.
		async load(id) {
			const [path, query] = id.split('?');
			if (!inkBuildFile.test(path)) return undefined;
			const code = (await readFile(path, 'utf8')).replace(/^\/\/# sourceMappingURL=.*$/m, '');
			return {code: (query !== 'unpatched' && patchInk(path, code)) || code, map: null};
		},
	};
}
