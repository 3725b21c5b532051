import {useInput, useStdin} from 'ink';
import {useRef} from 'react';
import {findEntry, type KeyEntry} from '../source/keymap/keymap.js';
import {keyNames, type InkKey} from '../source/keymap/key-press.js';

export interface KeymapHandlers {
	/** A key of the table was pressed. */
	readonly onAction: (entry: KeyEntry) => void;
	/** Any other key (text input of the filter screen). */
	readonly onText?: (input: string, name: string) => void;
	/** The table as the previous key left it, when that can run ahead of the last render. */
	readonly entriesNow?: () => readonly KeyEntry[];
	/** Offers each key to an open dialog first; true when the dialog took it. */
	readonly divert?: (input: string, key: InkKey) => boolean;
}

/**
 * The one useInput of the app, dispatching through the key table. Inactive when stdin cannot go raw
 * (useInput would throw, ink-stack-notes gotcha 1). Keys of one chunk are handled one after the
 * other, each against the table the previous one left, so none is judged against a stale screen.
 */
export function useKeymap(entries: readonly KeyEntry[], handlers: KeymapHandlers, active = true): void {
	const {isRawModeSupported} = useStdin();
	// The latest table and handlers without re-registering the input listener on every render.
	const current = useRef({entries, handlers});
	current.current = {entries, handlers};
	useInput(
		(input, key) => {
			for (const press of keyNames(input, key)) {
				const {handlers: h} = current.current;
				const pressKey: InkKey = press.name === 'return' ? {return: true} : press.name === 'backspace' ? {backspace: true} : press.input === input ? key : {};
				if (h.divert?.(press.input, pressKey)) continue;
				const entry = findEntry(h.entriesNow?.() ?? current.current.entries, press.name);
				if (entry) h.onAction(entry);
				else h.onText?.(press.input, press.name);
			}
		},
		{isActive: isRawModeSupported === true && active},
	);
}
