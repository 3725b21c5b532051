// Source patches applied to ink while bundling (see components/frame-cache.ts for why). Each one must
// match exactly once: an ink upgrade that changes these files fails the build and its test instead
// of silently dropping the patch.
import {readFile} from 'node:fs/promises';
import {fileURLToPath} from 'node:url';

const frameCache = JSON.stringify(fileURLToPath(new URL('../components/frame-cache.ts', import.meta.url)));
const frameRows = JSON.stringify(fileURLToPath(new URL('../components/frame-rows.ts', import.meta.url)));

export const inkPatches = {
	'output.js': [
		['caches = new OutputCaches();', 'caches = outputCachesForFrame(() => new OutputCaches());'],
		// Rows whose pieces did not change since the last frame keep their text (components/frame-rows.ts).
		['    get() {', '    get() {\n        return drawFrame(this, {sliceAnsi, diffAnsiCodes, ansiCodesToString});\n    }\n    inkGet() {'],
		[/^/, `import {outputCachesForFrame} from ${frameCache};\nimport {drawFrame} from ${frameRows};\nimport {ansiCodesToString, diffAnsiCodes} from '@alcalzone/ansi-tokenize';\n`],
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
