import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.{ts,tsx}'],
		setupFiles: ['test/setup.ts'],
		testTimeout: 60_000,
		hookTimeout: 60_000,
		// Integration tests start real redis-server processes: keep the 2-core machine from thrashing.
		fileParallelism: true,
		maxWorkers: 2,
	},
});
