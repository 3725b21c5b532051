import {useEffect} from 'react';

/** How long a status-line message stays: long enough to read, short enough not to hide the line's own parts (the lab's audit log) for good. */
export const messageLifetimeMs = 10_000;

/**
 * Expires the status line's message after `lifetimeMs`. A message that says work is under way (ends
 * with '…') stays until its result replaces it.
 */
export function useMessageExpiry(message: string | undefined, expire: (text: string) => void, lifetimeMs = messageLifetimeMs): void {
	useEffect(() => {
		if (message === undefined || message.endsWith('…')) return undefined;
		const timer = setTimeout(() => expire(message), lifetimeMs);
		return () => clearTimeout(timer);
	}, [message, expire, lifetimeMs]);
}
