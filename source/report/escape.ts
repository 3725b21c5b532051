import {sanitize} from '../model/sanitize.js';

/**
 * Server-provided text made inert in Markdown: printable (no control characters), one line, no raw
 * HTML (`<img src=x onerror=…>` stays text), no link, image or emphasis syntax, no autolink
 * (`https://…`, `www.…`), and no pipe that would break a table. What renders is what the server said.
 */
export function escapeMarkdown(value: unknown): string {
	return sanitize(value)
		.replace(/&/g, '&amp;')
		.replace(/</g, '&lt;')
		// `[` and `]` escaped: no link or image can form, so `(`, `)`, `!` stay as they are (readable).
		.replace(/[\\`*_[\]|~]/g, c => `\\${c}`)
		// GFM turns bare URLs and www. into links: a character reference breaks the pattern, the text reads the same.
		.replace(/:\/\//g, '&#58;//')
		.replace(/\bwww\./gi, m => `${m.slice(0, 3)}&#46;`);
}
