// Bundles the CLI into one file: importing ink's hundreds of modules costs ~400 ms, a bundle ~half.
import {build} from 'esbuild';

await build({
	entryPoints: ['source/cli/main.tsx'],
	outfile: 'dist/main.js',
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	jsx: 'automatic',
	packages: 'bundle',
	external: ['react-devtools-core'],
	banner: {js: "import {createRequire as __cr} from 'node:module'; const require = __cr(import.meta.url);"},
	logLevel: 'warning',
	legalComments: 'none',
});
