/** The longest error line replwatch prints (stderr, status line, reports); longer text ends in an ellipsis. */
export const maxErrorChars = 300;
/** The longest operator input an error line quotes back. */
export const maxQuotedChars = 80;

const masked = '***';

/**
 * Masks every credential in a text that may quote a URL or an address, in one linear pass (no
 * backtracking regex: a 100,000-character argument costs microseconds). Covers:
 * - `scheme://user:pass@host` → `scheme://user:***@host`, the password running to the LAST `@`
 *   before the next URL, so `/`, `@`, `:`, `%`, quotes and even spaces inside it are hidden;
 * - `scheme://secret@host` (user only, which some clients read as a password) → `scheme://***@host`;
 * - a bare `user:pass@host` token (a URL pasted without its scheme) → `user:***@host`.
 * Over-masking a user name or a host is acceptable; printing any byte of a password is not.
 */
export function maskSecrets(text: string): string {
	if (!text.includes('@')) return text;
	const out: string[] = [];
	let copied = 0;
	let i = text.indexOf('://');
	while (i !== -1) {
		const start = i + 3;
		// The userinfo ends at the last '@' before the next '://' that follows an '@' (a '://' before any '@' is password text).
		let lastAt = -1;
		let k = start;
		for (; k < text.length; k++) {
			const c = text.charCodeAt(k);
			if (c === 64 /* @ */) lastAt = k;
			else if (c === 58 /* : */ && lastAt !== -1 && text.startsWith('://', k)) break;
		}
		if (lastAt === -1) break;
		const colon = text.slice(start, lastAt).indexOf(':');
		out.push(maskBare(text.slice(copied, start)));
		out.push(colon !== -1 ? `${text.slice(start, start + colon)}:${masked}` : masked);
		copied = lastAt;
		i = k < text.length ? k : -1;
	}
	out.push(maskBare(text.slice(copied)));
	return out.join('');
}

/** Text with no URL in it: each whitespace-separated `user:pass@host` token loses its password. */
function maskBare(text: string): string {
	if (!text.includes('@')) return text;
	return text.split(/(\s+)/).map(token => {
		const at = token.lastIndexOf('@');
		const colon = token.indexOf(':');
		if (at <= 0 || colon === -1 || colon > at || token.includes('://')) return token;
		return `${token.slice(0, colon + 1)}${masked}${token.slice(at)}`;
	}).join('');
}

/** Cuts text to `max` characters, the last one an ellipsis. */
export function truncate(text: string, max = maxErrorChars): string {
	return text.length <= max ? text : `${text.slice(0, Math.max(0, max - 1))}…`;
}

/** An operator's input quoted in an error line: secrets masked first (a cut URL could hide its '@'), then shortened. */
export function quoteInput(text: string): string {
	return truncate(maskSecrets(text), maxQuotedChars);
}

/** Any error line about to be printed: secrets masked, then bounded. */
export function safeErrorLine(text: string): string {
	return truncate(maskSecrets(text.split('\n')[0] ?? ''));
}
