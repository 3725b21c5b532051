// Issue 26 D: at 80x24 the help and the legend are read whole: long lines go on under themselves, none is cut.
import {afterEach, expect, test} from 'vitest';
import {buildSnapshot} from './fixtures.js';
import {renderApp, type Rendered} from './render-app.js';

let app: Rendered | undefined;
afterEach(() => {
	app?.unmount();
	app = undefined;
});

test('80x24: every help and legend line fits, scrolled to the end; descriptions continue indented', async () => {
	app = await renderApp({columns: 80, rows: 24, snapshot: buildSnapshot()});
	await app.press('?');
	const seen: string[] = [];
	for (let i = 0; i < 60; i++) {
		seen.push(...app.lines().slice(1, -3));
		await app.press('j');
	}
	const text = [...new Set(seen)];
	for (const l of text) expect(l.length, l).toBeLessThanOrEqual(80);
	expect(text.filter(l => l.trimEnd().endsWith('…'))).toEqual([]);
	// Once cut: the Enter line's description and the `ack` legend line, whole over two lines.
	expect(text.some(l => /^\s+Enter\s+detail\s+Every replication field/.test(l))).toBe(true);
	expect(text.filter(l => /^ {20,}\S/.test(l)).length).toBeGreaterThan(0);
	expect(text.join('\n')).toMatch(/large = the follower or the link\s+stalled/);
});
