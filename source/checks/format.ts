import {formatBytes} from '../model/units.js';

/** 1536 → "1.5 KiB" (IEC, the one unit system of replwatch). */
export const humanBytes = formatBytes;

export function humanSeconds(seconds: number): string {
	if (!Number.isFinite(seconds)) return 'unbounded';
	if (seconds < 10) return `${Math.round(seconds * 10) / 10} s`;
	if (seconds < 120) return `${Math.round(seconds)} s`;
	if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
	return `${Math.round(seconds / 360) / 10} h`;
}

export const percent = (share: number): string => `${Math.round(share * 1000) / 10} %`;
