// Ink 6.8 redraws the whole frame on every render (about 5 KB/s at 120x40), and its
// `incrementalRendering` places the frame one row too low when the frame ends with a newline
// (it moves the cursor up one line short), which scrolls the screen on every tick. This stdout
// wrapper keeps Ink's standard renderer and turns each "erase N lines + frame" write into a
// rewrite of only the lines that changed, leaving the screen and the cursor exactly where the
// full redraw would have.

// eslint-disable-next-line no-control-regex
const erasePrefix = /^(?:\u001B\[2K\u001B\[1A)*\u001B\[2K\u001B\[G/;
// eslint-disable-next-line no-control-regex
const modeOnly = /^(?:\u001B\[\?\d+[hl])+$/; // cursor show/hide, synchronized-output begin/end

/** How many lines Ink's eraseLines(n) prefix erases (0 when there is none). */
function eraseCount(text: string): {count: number; rest: string} {
	const match = erasePrefix.exec(text);
	if (!match) return {count: 0, rest: text};
	return {count: match[0].split('\u001B[2K').length - 1, rest: text.slice(match[0].length)};
}

/**
 * The bytes that turn the previous frame into the next one, the cursor starting and ending on
 * the row just below the frame (where a frame ending in a newline leaves it).
 */
export function diffFrame(previous: readonly string[], next: readonly string[]): string {
	let out = previous.length > 0 ? `\u001B[${previous.length}A` : '';
	let skip = 0;
	for (let i = 0; i < next.length; i++) {
		if (i < previous.length && previous[i] === next[i]) {
			skip++;
			continue;
		}
		if (skip > 0) out += `\u001B[${skip}B`;
		skip = 0;
		// Erase the whole line first: erasing to the end after a full-width line would eat its last cell.
		out += `\u001B[2K${next[i]}\n`;
	}
	if (skip > 0) out += `\u001B[${skip}B`;
	if (next.length < previous.length) out += '\u001B[J';
	return out;
}

type Write = (chunk: string | Uint8Array, ...rest: unknown[]) => boolean;

/** A stdout for Ink that writes only the changed lines of each frame. Resizes fall back to full redraws. */
export function lineDiffStdout(stdout: NodeJS.WriteStream): NodeJS.WriteStream {
	let previous: string[] | undefined;
	const original = stdout.write.bind(stdout) as Write;
	stdout.on('resize', () => {
		// The terminal may have reflowed the old frame: let Ink erase and redraw it whole.
		previous = undefined;
	});
	const write: Write = (chunk, ...rest) => {
		if (typeof chunk !== 'string') {
			previous = undefined;
			return original(chunk, ...rest);
		}
		if (modeOnly.test(chunk)) return original(chunk, ...rest);
		if (!chunk.endsWith('\n')) {
			previous = undefined;
			return original(chunk, ...rest);
		}
		const {count, rest: frame} = eraseCount(chunk);
		const lines = frame.slice(0, -1).split('\n');
		// Ink erases one line more than the frame had: the empty row below it.
		if (previous !== undefined && count === previous.length + 1 && !frame.includes('\u001B[2J') && !frame.includes('\u001Bc')) {
			const diff = diffFrame(previous, lines);
			previous = lines;
			return diff === '' ? true : original(diff, ...rest);
		}
		previous = lines;
		return original(chunk, ...rest);
	};
	return new Proxy(stdout, {
		get(target, property) {
			if (property === 'write') return write;
			const value = Reflect.get(target, property, target) as unknown;
			return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
		},
	});
}
