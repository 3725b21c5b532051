import {formatBytes as iec} from '../model/units.js';

export {formatSeconds} from '../model/units.js';

/** 1536 → "1.5 KiB" (IEC, as on screen); '-' when unknown. */
export function formatBytes(bytes: number | null | undefined): string {
	if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return '-';
	return iec(bytes);
}

