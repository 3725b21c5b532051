// Bundles the CLI into one file: importing ink's hundreds of modules costs ~400 ms, a bundle ~half.
import {rmSync} from 'node:fs';
import {build} from 'esbuild';
import {inkPatchEsbuild} from './ink-patch.js';
import {lazyMeowPlugin} from './lazy-meow.js';

// Chunk names carry a content hash: without this, every build leaves the last one's chunks behind.
rmSync('dist', {recursive: true, force: true});
await build({
	entryPoints: ['source/app/main.tsx'],
	// Code splitting: the headless path never loads ink (startup), and ink's optional devtools chunk
	// (react-devtools-core, not installed) is only loaded when DEV=true.
	outdir: 'dist',
	entryNames: '[name]',
	chunkNames: 'chunks/[name]-[hash]',
	splitting: true,
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node20',
	jsx: 'automatic',
	packages: 'bundle',
	external: ['react-devtools-core'],
	// React's development build (component stacks, a performance.measure per render) costs CPU and memory.
	define: {'process.env.NODE_ENV': '"production"'},
	banner: {js: "import {createRequire as __cr} from 'node:module'; const require = __cr(import.meta.url);"},
	logLevel: 'warning',
	legalComments: 'none',
	// V8 parses every byte of the 1 MB ink/react chunk before the first frame: without whitespace and
	// with shorter syntax it starts ~100 ms sooner (bench/first-frame.ts, A/B on one lab: 530/591 vs
	// 618/747 ms median). Identifiers are kept, so profiles and errors still name functions.
	minifyWhitespace: true,
	minifySyntax: true,
	// The one patch of ink (scripts/ink-patch.js), the same the component tests render through.
	plugins: [inkPatchEsbuild, lazyMeowPlugin],
});
