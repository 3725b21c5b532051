// Renders the App as a user sees it: a sized terminal, keys typed through stdin, frames read back.
import React, {act, Profiler} from 'react';
import {render} from 'ink-testing-library';
import {App} from '../../components/App.js';
import type {Snapshot} from '../../source/model/snapshot.js';
import type {UiOptions} from '../../source/model/ui-contracts.js';
import {buildSnapshot, TestMonitor} from './fixtures.js';

export const keys = {up: '\u001B[A', down: '\u001B[B', enter: '\r', escape: '\u001B', tab: '\t', ctrlC: '\u0003'};

export interface Rendered {
	readonly monitor: TestMonitor;
	frame(): string;
	/** Every frame written so far. */
	frames(): readonly string[];
	/** React commits of the App so far: each one makes Ink lay out and draw the whole screen again. */
	commits(): number;
	lines(): string[];
	press(...input: string[]): Promise<void>;
	/** Keys that arrive before the app renders again (typed fast, over SSH): every write in one act. */
	pressTogether(...input: string[]): Promise<void>;
	resize(columns: number, rows: number): Promise<void>;
	publish(snapshot: Snapshot): Promise<void>;
	unmount(): void;
}

export async function renderApp(opts: {options?: Partial<UiOptions>; snapshot?: Snapshot; columns?: number; rows?: number} = {}): Promise<Rendered> {
	const monitor = new TestMonitor(opts.snapshot ?? buildSnapshot());
	const options: UiOptions = {readOnly: false, ascii: false, intervalMs: 1000, ...opts.options};
	let result!: ReturnType<typeof render>;
	let commits = 0;
	await act(async () => {
		result = render(
			<Profiler id="app" onRender={() => commits++}>
				<App monitor={monitor} options={options} />
			</Profiler>,
		);
	});
	const resize = async (columns: number, rows: number) => {
		await act(async () => {
			Object.defineProperty(result.stdout, 'columns', {value: columns, configurable: true});
			Object.defineProperty(result.stdout, 'rows', {value: rows, configurable: true});
			result.stdout.emit('resize');
		});
	};
	await resize(opts.columns ?? 80, opts.rows ?? 24);
	const frame = () => result.lastFrame() ?? '';
	return {
		monitor,
		frame,
		frames: () => result.frames,
		commits: () => commits,
		lines: () => frame().split('\n'),
		async press(...input: string[]) {
			for (const i of input) {
				await act(async () => {
					result.stdin.write(i);
				});
			}
		},
		async pressTogether(...input: string[]) {
			await act(async () => {
				for (const i of input) result.stdin.write(i);
			});
		},
		resize,
		async publish(snapshot: Snapshot) {
			await act(async () => monitor.publish(snapshot));
		},
		unmount: () => {
			act(() => result.unmount());
		},
	};
}
