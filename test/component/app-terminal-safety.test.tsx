import React, {act} from 'react';
import {render} from 'ink-testing-library';
import {afterEach, expect, test, vi} from 'vitest';
import {ErrorBoundary} from '../../components/ErrorBoundary.js';
import {renderApp, type Rendered} from './render-app.js';

const hostile = 'bad\u001B]0;pwned\u0007\u001B[2J';
let app: Rendered | undefined;
afterEach(() => {
	app?.unmount();
	app = undefined;
});

test('a lab action failing with escape sequences shows only the printable text in the status line', async () => {
	const lab = {actions: [{id: 'explode', key: 'X', description: 'fails', target: 'none' as const}], run: async () => Promise.reject(new Error(hostile))};
	app = await renderApp({columns: 160, rows: 30, options: {lab}});
	await app.press('X');
	await vi.waitFor(() => expect(app!.lines()[0]).toContain('explode failed: bad'));
	expect(app.frame()).not.toContain('\u001B]');
	expect(app.frame()).not.toContain('\u0007');
	expect(app.frame()).not.toContain('pwned');
	expect(app.frame()).not.toContain('[2J');
});

test('a lab action resolving with control characters shows them stripped', async () => {
	const lab = {actions: [{id: 'noisy', key: 'X', description: 'noisy', target: 'none' as const}], run: async () => hostile};
	app = await renderApp({columns: 160, rows: 30, options: {lab}});
	await app.press('X');
	await vi.waitFor(() => expect(app!.lines()[0]).toMatch(/bad$/));
	expect(app.frame()).not.toContain('pwned');
});

function Hostile(): React.ReactElement {
	throw new Error(hostile);
}

test('a rendering error carrying escape sequences prints only its text', async () => {
	const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
	let result!: ReturnType<typeof render>;
	await act(async () => {
		result = render(
			<ErrorBoundary onQuit={() => undefined}>
				<Hostile />
			</ErrorBoundary>,
		);
	});
	expect(result.lastFrame()).toBe('replwatch display error: bad (press q to quit)');
	act(() => result.unmount());
	quiet.mockRestore();
});
