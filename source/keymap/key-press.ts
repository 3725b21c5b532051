/** What Ink's useInput reports about a key press. */
export interface InkKey {
	readonly upArrow?: boolean;
	readonly downArrow?: boolean;
	readonly leftArrow?: boolean;
	readonly rightArrow?: boolean;
	readonly return?: boolean;
	readonly escape?: boolean;
	readonly tab?: boolean;
	readonly backspace?: boolean;
	readonly delete?: boolean;
	readonly pageUp?: boolean;
	readonly pageDown?: boolean;
	readonly ctrl?: boolean;
}

/** The key name of a press, as used in the table. */
export function keyName(input: string, key: InkKey): string {
	if (key.upArrow) return 'up';
	if (key.downArrow) return 'down';
	if (key.leftArrow) return 'left';
	if (key.rightArrow) return 'right';
	if (key.return) return 'return';
	if (key.escape) return 'escape';
	if (key.tab) return 'tab';
	if (key.backspace || key.delete) return 'backspace';
	if (key.pageUp) return 'pageup';
	if (key.pageDown) return 'pagedown';
	if (key.ctrl) return `ctrl+${input}`;
	return input;
}

const chunkKeys: Readonly<Record<string, string>> = {'\r': 'return', '\n': 'return', '\t': 'tab', '\u007F': 'backspace', '\b': 'backspace'};

/**
 * Key names of one stdin chunk. Ink hands over keys typed faster than it reads (or pasted) as one
 * string such as "j\r": each character is its own key.
 */
export function keyNames(input: string, key: InkKey & {readonly meta?: boolean}): Array<{readonly name: string; readonly input: string}> {
	const plain = !key.ctrl && !key.meta && !key.upArrow && !key.downArrow && !key.leftArrow && !key.rightArrow && !key.escape;
	if (!plain || [...input].length <= 1) return [{name: keyName(input, key), input}];
	return [...input].map(ch => ({name: chunkKeys[ch] ?? ch, input: ch in chunkKeys ? '' : ch}));
}
