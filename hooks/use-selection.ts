import {useCallback, useState} from 'react';

/** First visible row so that `index` stays inside a window of `height` rows. */
export function scrollStart(index: number, count: number, height: number, previousStart = 0): number {
	if (height <= 0 || count <= height) return 0;
	let start = Math.min(Math.max(previousStart, 0), count - height);
	if (index < start) start = index;
	if (index >= start + height) start = index - height + 1;
	return Math.max(0, Math.min(start, count - height));
}

export interface Selection {
	/** Clamped to the current count (−1 when the list is empty). */
	readonly index: number;
	readonly next: () => void;
	readonly prev: () => void;
	readonly set: (index: number) => void;
}

/** A cursor over a list whose length changes between ticks. */
export function useSelection(count: number): Selection {
	const [raw, setRaw] = useState(0);
	const index = count === 0 ? -1 : Math.min(raw, count - 1);
	const next = useCallback(() => setRaw(i => (count === 0 ? 0 : Math.min(Math.min(i, count - 1) + 1, count - 1))), [count]);
	const prev = useCallback(() => setRaw(i => Math.max(Math.min(i, count - 1) - 1, 0)), [count]);
	const set = useCallback((i: number) => setRaw(Math.max(0, i)), []);
	return {index, next, prev, set};
}
