// ESC sequences (CSI, OSC, other two-byte escapes) first, then every remaining C0/C1 control char and DEL.
// eslint-disable-next-line no-control-regex
const escapeSequences = /\u001B(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007\u001B]*(?:\u0007|\u001B\\)?|[@-Z\\-_])|\u009B[0-?]*[ -/]*[@-~]/g;
// eslint-disable-next-line no-control-regex
const controlChars = /[\u0000-\u001F\u007F-\u009F]/g;
// eslint-disable-next-line no-control-regex
const anyControl = /[\u0000-\u001F\u007F-\u009F]/;

/** A server-provided string made safe to print: no control characters, no terminal escape sequences. */
export function sanitize(value: unknown): string {
	const text = typeof value === 'string' ? value : toText(value);
	// Every escape sequence starts with a control character: most strings have none and are kept as they are.
	if (!anyControl.test(text)) return text;
	return text.replace(escapeSequences, '').replace(controlChars, '');
}

// Replies are untrusted shapes: an object whose toString is not callable must not throw here.
function toText(value: unknown): string {
	if (value === undefined || value === null) return '';
	try {
		return String(value);
	} catch {
		return '';
	}
}
