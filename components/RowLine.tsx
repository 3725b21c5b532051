import React from 'react';
import {Text} from 'ink';

export interface RowLineProps {
	/** The selection marker column ('' for none). */
	readonly marker: string;
	/** A status glyph drawn in its own colour before the text, with a space after it. */
	readonly glyph?: string;
	readonly glyphColor?: string | undefined;
	readonly text: string;
	readonly color?: string | undefined;
	readonly bold?: boolean;
	readonly inverse?: boolean;
}

// A panel row takes plain values and is memoised: a tick redraws only the rows whose text changed.
export const RowLine = React.memo(function RowLine({marker, glyph, glyphColor, text, color, bold = false, inverse = false}: RowLineProps) {
	return (
		<Text wrap="truncate-end" bold={bold} inverse={inverse} {...(color ? {color} : {})}>
			{marker}
			{glyph === undefined ? null : <Text {...(glyphColor ? {color: glyphColor} : {})}>{glyph}</Text>}
			{glyph === undefined ? '' : ' '}
			{text}
		</Text>
	);
});
