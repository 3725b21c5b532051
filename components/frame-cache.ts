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
