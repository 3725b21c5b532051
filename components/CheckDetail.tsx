import React from 'react';
import type {CheckResult} from '../source/model/types.js';
import {checkLines, type CheckInfo} from './detail-lines.js';
import {Lines} from './Lines.js';

export interface CheckDetailProps {
	readonly check: CheckResult;
	readonly info?: CheckInfo;
	readonly width: number;
	readonly lines: number;
	readonly scroll: number;
	readonly ascii: boolean;
	readonly readOnly: boolean;
}

export function CheckDetail({check, info, width, lines, scroll, ascii, readOnly}: CheckDetailProps) {
	const body = checkLines(check, {width, ascii, readOnly, ...(info ? {info} : {})});
	return <Lines lines={body} height={lines} scroll={scroll} ascii={ascii} />;
}
