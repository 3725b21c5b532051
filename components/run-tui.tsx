import React from 'react';
import {render} from 'ink';
import type {MonitorHandle} from '../source/model/snapshot.js';
import type {UiOptions} from '../source/model/ui-contracts.js';
import {App, type AppProps} from './App.js';
import {ErrorBoundary} from './ErrorBoundary.js';
import {asciiStdout} from './ascii-output.js';

export interface RunTuiExtras {
	/** What a check verifies and why (the checks registry). */
	readonly describe?: AppProps['describe'];
	/** Frames per second at most (Ink's default is 30; one tick per second needs far fewer). */
	readonly maxFps?: number;
}

/** Renders the interactive UI until q / Ctrl+C (which stop the monitor); resolves once unmounted. */
export async function runTui(monitor: MonitorHandle, options: UiOptions, extras: RunTuiExtras = {}): Promise<void> {
	let stopping: Promise<void> | undefined;
	const stop = () => (stopping ??= monitor.stop().catch(() => undefined));
	// The App stops the monitor on q and so does the end of this function: once is enough.
	const guarded: MonitorHandle = {
		getSnapshot: () => monitor.getSnapshot(),
		subscribe: listener => monitor.subscribe(listener),
		setPaused: paused => monitor.setPaused(paused),
		stop,
	};
	const out = options.ascii ? asciiStdout(process.stdout) : process.stdout;
	const instance = render(
		<ErrorBoundary
			onQuit={() => {
				void stop().finally(() => instance.unmount());
			}}
		>
			<App monitor={guarded} options={options} {...(extras.describe ? {describe: extras.describe} : {})} />
		</ErrorBoundary>,
		// Only changed lines are written (the ink patch, components/frame-writer.ts): steady-state output stays far below 2 KB/s.
		{stdout: out, exitOnCtrlC: false, patchConsole: false, maxFps: extras.maxFps ?? 10},
	);
	await instance.waitUntilExit();
	await stop();
}
