/** Layer rules of replwatch (issue 12): data flows one way, source/ stays UI-free but for the composition root. */
module.exports = {
	forbidden: [
		{name: 'no-circular', severity: 'error', comment: 'an import cycle makes data walk back and forth', from: {}, to: {circular: true}},
		{
			name: 'model-is-the-bottom-floor',
			severity: 'error',
			comment: 'source/model imports nothing above it',
			from: {path: '^source/model/'},
			to: {path: '^(source/(?!model/)|components/|hooks/|views/)'},
		},
		{
			name: 'redis-below-engine',
			severity: 'error',
			comment: 'the Redis layer knows the model, nothing above it',
			from: {path: '^source/redis/'},
			to: {path: '^(source/(?!redis/|model/|io/)|components/|hooks/|views/)'},
		},
		{
			name: 'source-is-ui-free',
			severity: 'error',
			comment: 'only the composition root (source/app/) starts the TUI',
			from: {path: '^source/(?!app/)'},
			to: {path: '^(components|hooks|views)/'},
		},
		{
			name: 'engine-does-not-know-the-cli',
			severity: 'error',
			comment: 'argv parsing is the CLI\'s business; the engine takes plain settings',
			from: {path: '^source/(engine|redis|sentinel|cluster|triage|checks|model|remediation|report)/'},
			to: {path: '^source/cli/'},
		},
		{
			name: 'components-render-rows',
			severity: 'error',
			comment: 'components never talk to Redis or run the engine',
			from: {path: '^(components|hooks|views)/'},
			to: {path: '^source/(redis|engine|cli|lab)/'},
		},
	],
	options: {
		doNotFollow: {path: 'node_modules'},
		tsPreCompilationDeps: true,
		tsConfig: {fileName: 'tsconfig.json'},
		exclude: {path: '^(test|bench|dist|scripts|node_modules)/'},
	},
};
