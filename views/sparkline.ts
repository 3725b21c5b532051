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

/**
 * The newest `width` points as bars, scaled to max(values, floor): a series whose peak stays under
 * the floor (noise, a sub-second blip) draws flat instead of as full bars.
 */
export function sparkline(points: readonly Point[], width: number, floor: number, ascii = false): Spark {
	const levels = ascii ? asciiLevels : unicodeLevels;
	const shown = points.slice(-Math.max(0, Math.floor(width)));
	if (shown.length === 0) return {bars: '', max: 0, spanSeconds: 0};
	const values = shown.map(p => (Number.isFinite(p.v) ? Math.max(0, p.v) : 0));
	const max = Math.max(...values);
	const scale = Math.max(floor, max);
	const bars = values.map(v => levels[Math.min(levels.length - 1, Math.round((v / (scale || 1)) * (levels.length - 1)))]).join('');
	return {bars, max, spanSeconds: Math.max(0, (shown.at(-1)!.t - shown[0]!.t) / 1000)};
}

/** "45 s", "10 min", "1.5 h": a time span as a label. */
export function spanLabel(seconds: number): string {
	if (seconds < 120) return `${Math.round(seconds)} s`;
	if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
	return `${(seconds / 3600).toFixed(1)} h`;
}
