import React from 'react';
import {Text} from 'ink';

const unicodeLevels = '▁▂▃▄▅▆▇█';
const asciiLevels = '_.-=#';

/** The last `width` values as bars, scaled to max(values, floor) so a quiet series stays flat. */
export function sparkline(values: readonly number[], width: number, ascii = false, floor = 1): string {
	const levels = [...(ascii ? asciiLevels : unicodeLevels)];
	const shown = values.slice(-Math.max(0, width)).map(v => (Number.isFinite(v) ? Math.max(0, v) : 0));
	if (shown.length === 0) return '';
	const max = Math.max(floor, ...shown);
	return shown.map(v => levels[Math.min(levels.length - 1, Math.round((v / max) * (levels.length - 1)))]).join('');
}

export interface SparklineProps {
	readonly values: readonly number[];
	readonly width: number;
	readonly ascii: boolean;
}

export function Sparkline({values, width, ascii}: SparklineProps) {
	return <Text>{sparkline(values, width, ascii)}</Text>;
}
