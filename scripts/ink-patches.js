// Source patches applied to ink while bundling (see components/frame-cache.ts for why). Each one must
// match exactly once: an ink upgrade that changes these files fails the build and its test instead
// of silently dropping the patch.
import {readFile} from 'node:fs/promises';
import {fileURLToPath} from 'node:url';

const frameCache = JSON.stringify(fileURLToPath(new URL('../components/frame-cache.ts', import.meta.url)));

export const inkPatches = {
	'output.js': [
		['caches = new OutputCaches();', 'caches = outputCachesForFrame(() => new OutputCaches());'],
		// A blank cell shared by every frame, so a row that did not change is made of the same cells.
		[/row\.push\(\{\s*type: 'char',\s*value: ' ',\s*fullWidth: false,\s*styles: \[\],\s*\}\);/, 'row.push(blankCell);'],
		// A row made of the same cells as last frame's row at that height is not turned into a string again.
		[/\.map\(line => \{(?=\s*\/\/ See https:\/\/github\.com\/vadimdemedes\/ink\/pull\/564)/, '.map((line, rowIndex) => {'],
		['return styledCharsToString(lineWithoutEmptyItems).trimEnd();', 'return rowText(styledCharsToString, lineWithoutEmptyItems, rowIndex);'],
		// Every line drawn inside a box with overflow hidden is cut again each frame.
		['return sliceAnsi(line, from, to);', 'return cachedSlice(sliceAnsi, line, from, to);'],
		[/^/, `import {blankCell, cachedSlice, outputCachesForFrame, rowText} from ${frameCache};\n`],
	],
	'measure-text.js': [
		['const cache = new Map();', 'const cache = frameMap();'],
		[/^/, `import {frameMap} from ${frameCache};\n`],
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
		[/^/, `import {frameMap} from ${frameCache};\n`],
	],
};

/** The patched text of one of ink's build files; throws when a patch does not match exactly once. */
export function patchInk(name, text) {
	let out = text;
	for (const [from, to] of inkPatches[name] ?? []) {
		const count = typeof from === 'string' ? out.split(from).length - 1 : from.source === '^' ? 1 : (out.match(new RegExp(from.source, 'g')) ?? []).length;
		if (count !== 1) throw new Error(`ink patch for ${name} matched ${count} times: ${from}`);
		out = out.replace(from, to);
	}
	return out;
}

/** The esbuild plugin that applies the patches. */
export const inkPatchPlugin = {
	name: 'ink-patches',
	setup(build) {
		build.onLoad({filter: /[\\/]node_modules[\\/]ink[\\/]build[\\/](output|measure-text|wrap-text|render-node-to-output)\.js$/}, async args => {
			const name = args.path.split(/[\\/]/).at(-1);
			return {contents: patchInk(name, await readFile(args.path, 'utf8')), loader: 'js'};
		});
	},
};
