import {useCallback, useEffect, useRef, useState, useSyncExternalStore} from 'react';
import type {MonitorHandle, Snapshot} from '../source/model/snapshot.js';

/** The latest published snapshot; re-renders once per tick (and on pause/resume). */
export function useMonitor(monitor: MonitorHandle): Snapshot {
	// Stable identities, or React resubscribes on every render (ink-stack-notes gotcha 8).
	const subscribe = useCallback((onChange: () => void) => monitor.subscribe(() => onChange()), [monitor]);
	const getSnapshot = useCallback(() => monitor.getSnapshot(), [monitor]);
	return useSyncExternalStore(subscribe, getSnapshot, getSnapshot);
}

/**
 * Whole seconds since the last completed tick, but only once ticks are overdue (two intervals):
 * while the engine keeps up nothing here changes, so no extra frames are written.
 */
export function useOverdueSeconds(lastTickAt: number | null, intervalMs: number, paused: boolean, now: () => number = Date.now): number | null {
	const compute = useCallback(() => {
		if (lastTickAt === null || paused) return null;
		const age = Math.floor((now() - lastTickAt) / 1000);
		return age * 1000 >= intervalMs * 2 && age >= 2 ? age : null;
	}, [lastTickAt, intervalMs, paused, now]);
	const [overdue, setOverdue] = useState(compute);
	// Set only on a change: React may render (and Ink redraw) once more even for an equal value.
	const shown = useRef(overdue);
	shown.current = overdue;
	useEffect(() => {
		const update = () => {
			const next = compute();
			if (next !== shown.current) setOverdue((shown.current = next));
		};
		update();
		if (lastTickAt === null || paused) return;
		const timer = setInterval(update, 1000);
		timer.unref?.();
		return () => clearInterval(timer);
	}, [compute, lastTickAt, paused]);
	return overdue;
}
