import React from 'react';
import {Text} from 'ink';

export interface FilterInputProps {
	readonly label: string;
	readonly draft: string;
	readonly ascii: boolean;
}

/** A one-line text input; the keys reach it through the screen's keymap. */
export function FilterInput({label, draft, ascii}: FilterInputProps) {
	return (
		<Text wrap="truncate-start">
			{label}: {draft}
			{ascii ? '_' : '▏'}
		</Text>
	);
}
