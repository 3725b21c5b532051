import React from 'react';
import {Text} from 'ink';

export interface FilterInputProps {
	readonly draft: string;
	readonly ascii: boolean;
}

export function FilterInput({draft, ascii}: FilterInputProps) {
	return (
		<Text wrap="truncate-start">
			filter nodes and checks: {draft}
			{ascii ? '_' : '▏'}
		</Text>
	);
}
