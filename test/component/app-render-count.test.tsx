// Ink lays out and draws the whole screen on every React commit; at one tick a second that is most of
// replwatch's CPU (issue 13). A tick must cost one commit, not two.
import {afterEach, describe, expect, test} from 'vitest';
import {buildSnapshot} from './fixtures.js';
import {renderApp, type Rendered} from './render-app.js';

let app: Rendered | undefined;
afterEach(() => {
	app?.unmount();
	app = undefined;
});

describe('App commits', () => {
	test('each published tick is drawn once, with no second commit from the selection following its node', async () => {
		app = await renderApp({columns: 120, rows: 40});
		const before = app.commits();
		for (let tick = 11; tick <= 15; tick++) await app.publish(buildSnapshot({tick, lagging: tick % 2 === 0}));
		expect(app.commits() - before).toBe(5);
		expect(app.frame()).toContain('behind');
	});
});
