import {formatBytes, formatSeconds} from '../model/units.js';

/** 1536 → "1.5 KiB" (IEC, the one unit system of replwatch). */
export const humanBytes = formatBytes;

/** 12 → "12s", 65 → "1m05s" (the one seconds format, source/model/units.ts). */
export const humanSeconds = formatSeconds;

export const percent = (share: number): string => `${Math.round(share * 1000) / 10} %`;
