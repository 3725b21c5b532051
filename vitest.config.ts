import {defineConfig} from 'vitest/config';
import {inkPatchVite} from './scripts/ink-patch.js';

export default defineConfig({
	// The component tests render through the same patched ink as the product (scripts/ink-patch.js):
	// ink, and ink-testing-library which imports it, are loaded through Vite so the patch applies.
	plugins: [inkPatchVite()],
	test: {
		include: ['test/**/*.test.{ts,tsx}'],
		setupFiles: ['test/setup.ts'],
		testTimeout: 60_000,
		hookTimeout: 60_000,
		// Integration tests start real redis-server processes: keep the 2-core machine from thrashing.
		fileParallelism: true,
		maxWorkers: 2,
		server: {deps: {inline: ['ink', 'ink-testing-library']}},
	},
});
