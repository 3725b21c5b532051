import React, {act} from 'react';
import {render} from 'ink-testing-library';
import {expect, test, vi} from 'vitest';
import {ErrorBoundary} from '../../components/ErrorBoundary.js';

function Broken(): React.ReactElement {
	throw new Error('cannot draw this\nsecond line of a stack');
}

test('a rendering error shows one line instead of a stack, and q still quits', async () => {
	const quit = vi.fn();
	const quiet = vi.spyOn(console, 'error').mockImplementation(() => undefined);
	let result!: ReturnType<typeof render>;
	await act(async () => {
		result = render(
			<ErrorBoundary onQuit={quit}>
				<Broken />
			</ErrorBoundary>,
		);
	});
	expect(result.lastFrame()).toBe('replwatch display error: cannot draw this (press q to quit)');
	await act(async () => {
		result.stdin.write('q');
	});
	expect(quit).toHaveBeenCalledTimes(1);
	act(() => result.unmount());
	quiet.mockRestore();
});
