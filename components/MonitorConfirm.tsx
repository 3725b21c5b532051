import React from 'react';
import {wrapText} from './format.js';
import {Lines, type Line} from './Lines.js';

export interface MonitorConfirmProps {
	readonly node: string;
	readonly warning: string;
	readonly width: number;
	readonly lines: number;
	readonly ascii: boolean;
}

/** The warning a MONITOR sample needs before it starts (it costs the node throughput). */
export function MonitorConfirm({node, warning, width, lines, ascii}: MonitorConfirmProps) {
	const body: Line[] = [
		{text: `MONITOR sample of ${node}`, bold: true},
		{text: ''},
		...wrapText(warning, width).map(text => ({text})),
		{text: ''},
		{text: 'y: start the sample (5 s)    n / Esc: cancel', bold: true, color: 'yellow'},
	];
	return <Lines lines={body} height={lines} scroll={0} ascii={ascii} />;
}
