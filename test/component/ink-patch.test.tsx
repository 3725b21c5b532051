// The component tests load ink through the same patch as the build (scripts/ink-patch.js, applied by
// vitest.config.ts): ink-testing-library's frames here come from drawFrame, which keeps the text of
// rows that did not change. A row that changed must show its new text even when only one character
// of it changed, the same number of characters long, or when the same text moved.
import React from 'react';
import {Box, Text} from 'ink';
import {render} from 'ink-testing-library';
import {expect, test} from 'vitest';
import {rowsPlaced} from '../../components/frame-rows.js';

function Monitor({tick}: {readonly tick: number}) {
	return (
		<Box flexDirection="column" width={40}>
			<Text>replwatch · tick {tick}</Text>
			<Text>{' '.repeat(tick % 3)}LIVE</Text>
			<Text>follower-1 {tick % 10} B behind</Text>
			<Text>follower-2 0 B behind</Text>
			<Text>{tick % 2 ? '✗' : '✓'} 1.2.1 Link up</Text>
		</Box>
	);
}

const expected = (tick: number) =>
	[`replwatch · tick ${tick}`, `${' '.repeat(tick % 3)}LIVE`, `follower-1 ${tick % 10} B behind`, 'follower-2 0 B behind', `${tick % 2 ? '✗' : '✓'} 1.2.1 Link up`].join('\n');

test('every tick shows every changed row and places only those again', () => {
	const {lastFrame, rerender, unmount} = render(<Monitor tick={1} />);
	expect(lastFrame()).toContain('tick 1');
	for (let tick = 2; tick <= 12; tick++) {
		rerender(<Monitor tick={tick} />);
		// eslint-disable-next-line no-control-regex
		expect(lastFrame()!.replace(/\u001B\[[0-9;]*m/g, '')).toBe(expected(tick));
		// The header, LIVE, follower-1 and the check change; follower-2 is kept.
		expect(rowsPlaced).toBe(4);
	}
	unmount();
});
