/** First visible row so that `index` stays inside a window of `height` rows. */
export function scrollStart(index: number, count: number, height: number, previousStart = 0): number {
	if (height <= 0 || count <= height) return 0;
	let start = Math.min(Math.max(previousStart, 0), count - height);
	if (index < start) start = index;
	if (index >= start + height) start = index - height + 1;
	return Math.max(0, Math.min(start, count - height));
}
