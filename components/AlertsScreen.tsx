import React from 'react';
import type {Alert} from '../source/model/alerts.js';
import {alertLines} from './alert-lines.js';
import {Lines} from './Lines.js';

export interface AlertsScreenProps {
	readonly alerts: readonly Alert[] | undefined;
	readonly now: number;
	readonly forSeconds?: number;
	readonly lines: number;
	readonly scroll: number;
	readonly ascii: boolean;
}

export function AlertsScreen({alerts, now, forSeconds, lines, scroll, ascii}: AlertsScreenProps) {
	return <Lines lines={alertLines(alerts, now, forSeconds, ascii)} height={lines} scroll={scroll} ascii={ascii} />;
}
