// Sparklines and the lag chart: pure text, so their scale and their newest point can be tested.
import type {Point} from '../source/model/history.js';

const unicodeLevels = [...'▁▂▃▄▅▆▇█'];
const asciiLevels = [...'_.-=#'];

export interface Spark {
	/** One character per point, the newest last. */
	readonly bars: string;
	/** The largest value drawn. */
	readonly max: number;
	/** Seconds from the oldest to the newest point drawn. */
	readonly spanSeconds: number;
}

/** The cell of a sparkline or chart column with no reading in its span (a freeze, a follower the leader dropped). */
export const noReading = (ascii: boolean) => (ascii ? '?' : '░');

/** A gap longer than this many usual steps between two points is drawn as missing cells, one per step. */
const gapSteps = 1.5;

/** Points as one cell per reading, with a `undefined` cell per step no reading came in (newest last). */
function cells(points: readonly Point[], max: number): {v: number | undefined; t: number}[] {
	const dts: number[] = [];
	for (let i = 1; i < points.length; i++) dts.push(points[i]!.t - points[i - 1]!.t);
	const step = dts.length ? [...dts].sort((a, b) => a - b)[Math.floor(dts.length / 2)]! : 0;
	const out: {v: number | undefined; t: number}[] = [];
	// Newest first, so a long gap far back costs nothing once the width is filled.
	for (let i = points.length - 1; i >= 0 && out.length < max; i--) {
		const p = points[i]!;
		out.push({v: Number.isFinite(p.v) ? Math.max(0, p.v) : undefined, t: p.t});
		const before = points[i - 1];
		if (before && step > 0 && p.t - before.t > gapSteps * step) {
			const missing = Math.min(max, Math.round((p.t - before.t) / step) - 1);
			for (let k = 1; k <= missing && out.length < max; k++) out.push({v: undefined, t: p.t - k * step});
		}
	}
	return out.reverse();
}

/**
 * The newest `width` cells as bars, scaled to max(values, floor): a series whose peak stays under
 * the floor (noise, a sub-second blip) draws flat instead of as full bars. A span with no reading
 * (points further apart than the usual step) is drawn as unknown cells, never as low lag.
 */
export function sparkline(points: readonly Point[], width: number, floor: number, ascii = false): Spark {
	const levels = ascii ? asciiLevels : unicodeLevels;
	const shown = cells(points, Math.max(0, Math.floor(width)));
	if (shown.length === 0) return {bars: '', max: 0, spanSeconds: 0};
	const max = Math.max(0, ...shown.map(c => c.v ?? 0));
	const scale = Math.max(floor, max);
	const gap = noReading(ascii);
	const bars = shown.map(c => (c.v === undefined ? gap : levels[Math.min(levels.length - 1, Math.round((c.v / (scale || 1)) * (levels.length - 1)))])).join('');
	return {bars, max, spanSeconds: Math.max(0, (shown.at(-1)!.t - shown[0]!.t) / 1000)};
}

/** "45 s", "10 min", "1.5 h": a time span as a label. */
export function spanLabel(seconds: number): string {
	if (seconds < 120) return `${Math.round(seconds)} s`;
	if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
	return `${(seconds / 3600).toFixed(1)} h`;
}
