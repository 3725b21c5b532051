import {useInput, useStdin} from 'ink';
import {useRef} from 'react';
import {findEntry, keyNames, type KeyEntry} from '../source/keymap/keymap.js';

export interface KeymapHandlers {
	/** A key of the table was pressed. */
	readonly onAction: (entry: KeyEntry) => void;
	/** Any other key (text input of the filter screen). */
	readonly onText?: (input: string, name: string) => void;
}

/**
 * The one useInput of the current screen, dispatching through the key table. Inactive when stdin
 * cannot go raw (useInput would throw, ink-stack-notes gotcha 1) or while a dialog owns the keyboard.
 */
export function useKeymap(entries: readonly KeyEntry[], handlers: KeymapHandlers, active = true): void {
	const {isRawModeSupported} = useStdin();
	// The latest table and handlers without re-registering the input listener on every render.
	const current = useRef({entries, handlers});
	current.current = {entries, handlers};
	useInput(
		(input, key) => {
			for (const press of keyNames(input, key)) {
				const entry = findEntry(current.current.entries, press.name);
				if (entry) current.current.handlers.onAction(entry);
				else current.current.handlers.onText?.(press.input, press.name);
			}
		},
		{isActive: isRawModeSupported === true && active},
	);
}
