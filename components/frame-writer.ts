// Ink 6.8's standard log-update erases the whole frame and writes it again on every render (about
// 5 KB/s at 120x40), and its `incrementalRendering` places the frame one row too low when the frame
// ends with a newline (it moves the cursor up one line short), which scrolls the screen on every
// tick. The ink patch (scripts/ink-patch.js) has the standard log-update write changedLines instead
// of "erase N lines + frame": only the lines that changed, leaving the screen and the cursor exactly
// where the full redraw would have.

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

/**
 * What log-update writes instead of eraseLines(erase) + next, when the screen holds `shown` as
 * log-update last wrote it (erase = its line count, the empty row below it included); undefined
 * when it does not know (nothing shown, cleared since, a frame without its final newline), and
 * ink's full redraw is written.
 */
export function changedLines(shown: string, erase: number, next: string): string | undefined {
	if (shown === '' || !shown.endsWith('\n') || !next.endsWith('\n')) return undefined;
	const previous = shown.slice(0, -1).split('\n');
	if (erase !== previous.length + 1) return undefined;
	return diffFrame(previous, next.slice(0, -1).split('\n'));
}
