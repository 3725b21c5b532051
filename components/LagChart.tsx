import React from 'react';
import {Box, Text} from 'ink';
import type {History} from '../source/model/history.js';
import type {Address} from '../source/model/types.js';
import {lagChart, type ChartUnit} from '../views/lag-chart.js';
import {noReading, spanLabel} from '../views/sparkline.js';
import {sparkFloorBytes} from '../views/node-line.js';
import {humanBytes, humanSeconds} from './format.js';

export interface LagChartProps {
	readonly follower: Address;
	readonly history: History;
	readonly unit: ChartUnit;
	readonly width: number;
	/** Lines in all: title, bars, axis rule and labels. */
	readonly lines: number;
	readonly now: number;
	readonly intervalMs: number;
	readonly ascii: boolean;
}

/** Lines the chart needs besides its bars (title, rule, time labels). */
export const chartChrome = 3;

/** How far back the history reaches: its points at the polling interval (600 at 1 s = 10 min). */
export const historyWindowMs = (history: History, intervalMs: number) => history.limits.points * intervalMs;

export function LagChart({follower, history, unit, width, lines, now, intervalMs, ascii}: LagChartProps) {
	if (lines < chartChrome + 2) return null;
	const windowMs = historyWindowMs(history, intervalMs);
	const points = history.series(follower, unit === 'bytes' ? 'lagBytes' : 'lagSeconds');
	const chart = lagChart(points, {
		width,
		height: lines - chartChrome,
		windowMs,
		now,
		floor: unit === 'bytes' ? sparkFloorBytes : 1,
		format: unit === 'bytes' ? v => humanBytes(v) : v => humanSeconds(v),
		ascii,
	});
	const dot = ascii ? '|' : '·';
	const gaps = chart.some((line, i) => i < chart.length - 2 && line.includes(noReading(ascii)));
	const title = `${follower} ${unit === 'bytes' ? 'bytes' : 'seconds'} behind ${dot} last ${spanLabel(windowMs / 1000)} (history window, ${points.length} points)${gaps ? ` ${dot} ${noReading(ascii)} no reading` : ''} ${dot} u: ${unit === 'bytes' ? 'seconds' : 'bytes'}`;
	return (
		<Box flexDirection="column">
			<Text bold wrap="truncate-end">{title}</Text>
			{chart.map((line, i) => (
				<Text key={i} wrap="truncate-end" {...(i < chart.length - 2 ? {color: 'cyan'} : {})}>
					{line}
				</Text>
			))}
		</Box>
	);
}
