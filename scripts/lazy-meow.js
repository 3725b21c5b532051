// meow's bundled dependencies evaluate normalize-package-data (semver, spdx-correct's tables,
// hosted-git-info) and @babel/code-frame when the CLI starts, for a package.json replwatch never
// reads (it passes `pkg`) and for JSON errors it never shows: 30-40 ms of every start, before the
// first frame (a CPU profile of the start). This plugin makes both evaluate on first use instead.
import {readFileSync} from 'node:fs';

const deferred = [
	['var libExports = requireLib$1();', 'const libExports = {codeFrameColumns: (...args) => requireLib$1().codeFrameColumns(...args)};'],
	['var normalizeExports = requireNormalize();\nconst normalizePackageData = getDefaultExportFromCjs(normalizeExports);', 'const normalizePackageData = (...args) => getDefaultExportFromCjs(requireNormalize())(...args);'],
];

export const lazyMeowPlugin = {
	name: 'lazy-meow',
	setup(build) {
		build.onLoad({filter: /[\\/]meow[\\/]build[\\/]dependencies\.js$/}, ({path}) => {
			let contents = readFileSync(path, 'utf8');
			for (const [eager, lazy] of deferred) {
				// A meow upgrade that changes these lines must fail the build, not silently keep the cost.
				if (!contents.includes(eager)) throw new Error(`lazy-meow: "${eager.split('\n')[0]}" not found in ${path}`);
				contents = contents.replace(eager, lazy);
			}
			return {contents, loader: 'js'};
		});
	},
};
