import {describe, expect, it} from 'vitest';
import fc from 'fast-check';
import {escapeMarkdown} from '../../source/report/escape.js';

// Issue 15: the Markdown report passed server-provided HTML and links through (a replica announcing
// `<img src=x onerror=…>` as its hostname, a Sentinel error text holding a link).
describe('server text in the Markdown report is inert', () => {
	it.each([
		['<img src=x onerror=alert(1)>', '&lt;img src=x onerror=alert(1)>'],
		['[click](javascript:alert(1))', '\\[click\\](javascript:alert(1))'],
		['![x](http://evil/p.png)', '!\\[x\\](http&#58;//evil/p.png)'],
		['see https://evil.example and www.evil.example', 'see https&#58;//evil.example and www&#46;evil.example'],
		['a | b', 'a \\| b'],
		['**bold** _it_ `code`', '\\*\\*bold\\*\\* \\_it\\_ \\`code\\`'],
		['\u001B]8;;http://x\u0007link', 'link'],
	])('%j → %j', (input, output) => {
		expect(escapeMarkdown(input)).toBe(output);
	});

	it('no raw tag, link, image, autolink or unescaped pipe survives any input', () => {
		fc.assert(
			fc.property(fc.string({unit: fc.constantFrom(...'<>[]()!|`*_:/wW.ht ps&#\\'.split('')), maxLength: 60}), text => {
				const out = escapeMarkdown(text);
				expect(out).not.toMatch(/</);
				expect(out).not.toMatch(/(^|[^\\])[[\]|`*_]/);
				expect(out).not.toMatch(/:\/\//);
				expect(out).not.toMatch(/www\./i);
			}),
			{numRuns: 300},
		);
	});
});
