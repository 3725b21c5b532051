import {formatBytes as iec} from '../model/units.js';

/** 1536 → "1.5 KiB" (IEC, as on screen); '-' when unknown. */
export function formatBytes(bytes: number | null | undefined): string {
	if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return '-';
	return iec(bytes);
}

export function formatSeconds(seconds: number | null | undefined): string {
	if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '-';
	return seconds < 10 ? `${seconds.toFixed(1)} s` : `${Math.round(seconds)} s`;
}
