import React from 'react';
import {Box, Text} from 'ink';
import type {Walkthrough} from '../hooks/walkthrough.js';
import {sectionTitles} from '../hooks/use-checklist-rows.js';
import {checkLines, type CheckInfo} from './detail-lines.js';
import {Lines, type Line} from './Lines.js';

export interface WalkthroughScreenProps {
	readonly walkthrough: Walkthrough;
	readonly info?: CheckInfo;
	readonly width: number;
	readonly lines: number;
	readonly ascii: boolean;
	readonly readOnly: boolean;
}

/** One check per screen in document order, its evidence live, the document's notes filled in. */
export function WalkthroughScreen({walkthrough, info, width, lines, ascii, readOnly}: WalkthroughScreenProps) {
	const {check, position, total, atEnd, reportPath, reportError} = walkthrough;
	if (lines <= 0) return null;
	const tail: Line[] = [];
	if (atEnd) tail.push({text: 'End of the checklist. Press r to write the walkthrough report.', bold: true});
	if (reportPath) tail.push({text: `Report written: ${reportPath}`, bold: true});
	if (reportError) tail.push({text: `Report not written: ${reportError}`, color: 'red'});
	if (!check) {
		return (
			<Box flexDirection="column" height={lines} overflow="hidden">
				<Text>Walkthrough: waiting for the first checks…</Text>
				{tail.map((l, i) => <Text key={i} wrap="truncate-end">{l.text}</Text>)}
			</Box>
		);
	}
	const header: Line = {text: `Walkthrough ${position + 1}/${total} - section ${check.section} ${sectionTitles[check.section] ?? ''}`, bold: true};
	const note = walkthrough.notes[check.id];
	const body = checkLines(check, {width, ascii, readOnly, documentationNotes: true, ...(info ? {info} : {}), ...(note ? {note} : {})});
	// The report line must stay visible: it goes on top of the body's budget.
	const bodyHeight = Math.max(0, lines - 1 - tail.length);
	return (
		<Box flexDirection="column">
			<Text bold wrap="truncate-end">{header.text}</Text>
			<Lines lines={body} height={bodyHeight} scroll={0} ascii={ascii} />
			{tail.slice(0, Math.max(0, lines - 1)).map((l, i) => (
				<Text key={`t${i}`} wrap="truncate-end" bold={l.bold === true} {...(l.color ? {color: l.color} : {})}>
					{l.text}
				</Text>
			))}
		</Box>
	);
}
