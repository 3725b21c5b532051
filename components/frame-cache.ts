// Ink 6.8 keeps three text caches: measureText's and wrapText's live for the whole process and never
// forget (every distinct line ever drawn: a monitor whose numbers change every second grows without
// bound), and Output's string widths and styled characters live for one frame only (so every frame
// re-tokenizes and re-measures every line and character, most of replwatch's CPU at one tick a
// second). The build (scripts/ink-patches.js) swaps all three for the maps below, which keep what
// the last two frames used and forget the rest.

/** A map that keeps the entries used during this frame and the one before it. */
export class FrameMap<K, V> {
	private current = new Map<K, V>();
	private previous = new Map<K, V>();

	get(key: K): V | undefined {
		const hit = this.current.get(key);
		if (hit !== undefined) return hit;
		const kept = this.previous.get(key);
		if (kept !== undefined) this.current.set(key, kept);
		return kept;
	}

	set(key: K, value: V): this {
		this.current.set(key, value);
		return this;
	}

	/** A new frame begins: what the frame before last used and this one did not is dropped. */
	turn(): void {
		this.previous = this.current;
		this.current = new Map();
	}

	get size(): number {
		return this.current.size + this.previous.size;
	}
}

const maps = new Set<FrameMap<unknown, unknown>>();

/** A FrameMap that turns with every frame Ink draws. */
export function frameMap<K, V>(): FrameMap<K, V> {
	const map = new FrameMap<K, V>();
	maps.add(map as FrameMap<unknown, unknown>);
	return map;
}

export function nextFrame(): void {
	for (const map of maps) map.turn();
	lastRows = rowsNow;
	rowsNow = [];
}

const slices = frameMap<string, string>();

/** slice(line, from, to), remembered while a frame draws the same line in the same clip. */
export function cachedSlice(slice: (line: string, from: number, to: number) => string, line: string, from: number, to: number): string {
	const key = `${from}:${to}:${line}`;
	let cut = slices.get(key);
	if (cut === undefined) {
		cut = slice(line, from, to);
		slices.set(key, cut);
	}
	return cut;
}

/** The cell ink fills an empty screen with; nothing writes into a cell, it only replaces it. */
export const blankCell = Object.freeze({type: 'char', value: ' ', fullWidth: false, styles: Object.freeze([])});

// The rows of the last frame drawn, and of the one being drawn (swapped by nextFrame).
let lastRows: Array<{cells: readonly unknown[]; text: string}> = [];
let rowsNow: Array<{cells: readonly unknown[]; text: string}> = [];

/** toText(cells).trimEnd(), reused when the row at this height has the same cells as in the last frame. */
export function rowText<C>(toText: (cells: C[]) => string, cells: C[], row: number): string {
	const last = lastRows[row];
	const same = last !== undefined && last.cells.length === cells.length && cells.every((cell, i) => cell === last.cells[i]);
	const text = same ? last.text : toText(cells).trimEnd();
	rowsNow[row] = {cells, text};
	return text;
}

interface OutputCachesShape {
	widths: unknown;
	blockWidths: unknown;
	styledChars: unknown;
}

let shared: OutputCachesShape | undefined;

/**
 * Ink builds one Output, with fresh caches, per frame: give every Output the same caches, backed by
 * FrameMaps, and turn the frame.
 */
export function outputCachesForFrame<T extends OutputCachesShape>(make: () => T): T {
	if (!shared) {
		shared = make();
		shared.widths = frameMap();
		shared.blockWidths = frameMap();
		shared.styledChars = frameMap();
	}
	nextFrame();
	return shared as T;
}
