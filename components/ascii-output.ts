// Under --ascii (or a non-UTF-8 locale, a plain TERM) not one non-ASCII byte reaches the terminal: what a
// component drew with Unicode anyway (Ink's own `…` when it truncates, a glyph in server text) becomes one
// ASCII cell, so the layout stays as measured.
const table: Readonly<Record<string, string>> = {
	'…': '~', '·': '|', '•': '*', '→': '>', '←': '<', '↑': '^', '↓': 'v', '▸': '>', '▲': '^', '△': '^', '⚠': '!',
	'✖': 'X', '✔': 'v', '◆': 'S', '░': '?',
	'─': '-', '━': '-', '│': '|', '┃': '|', '┌': '+', '┐': '+', '└': '`', '┘': '+', '├': '+', '┤': '|', '┬': '+', '┴': '+', '┼': '+',
	'┏': '+', '┓': '+', '┗': '+', '┛': '+', '╭': '+', '╮': '+', '╰': '+', '╯': '+', '║': '|', '═': '=',
	'▁': '_', '▂': '_', '▃': '.', '▄': '-', '▅': '-', '▆': '=', '▇': '#', '█': '#',
};

export function asciiOnly(text: string): string {
	// eslint-disable-next-line no-control-regex
	return /^[\x00-\x7F]*$/.test(text) ? text : text.replace(/[^\x00-\x7F]/gu, ch => table[ch] ?? '?');
}

/** A stdout whose string writes are made ASCII-only (after ink's line diff, components/frame-writer.ts). */
export function asciiStdout(stdout: NodeJS.WriteStream): NodeJS.WriteStream {
	const original = stdout.write.bind(stdout) as (chunk: string | Uint8Array, ...rest: unknown[]) => boolean;
	const write = (chunk: string | Uint8Array, ...rest: unknown[]) => original(typeof chunk === 'string' ? asciiOnly(chunk) : chunk, ...rest);
	return new Proxy(stdout, {
		get(target, property) {
			if (property === 'write') return write;
			const value = Reflect.get(target, property, target) as unknown;
			return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
		},
	});
}
