import {afterEach, describe, expect, test} from 'vitest';
import {buildSnapshot} from './fixtures.js';
import {renderApp, type Rendered} from './render-app.js';

let app: Rendered | undefined;
afterEach(() => {
	app?.unmount();
	app = undefined;
});

describe('topology panel', () => {
	test('shows the leader, its followers indented, and each follower\'s lag in human units', async () => {
		app = await renderApp({snapshot: buildSnapshot({lagging: true})});
		const lines = app.lines();
		const leader = lines.find(l => l.includes('127.0.0.1:26997'));
		expect(leader).toMatch(/M 127\.0\.0\.1:26997 master v7\.0\.15 write 96 KB\/s/);
		const f1 = lines.find(l => l.includes('127.0.0.1:27003'))!;
		const f2 = lines.find(l => l.includes('127.0.0.1:27007'))!;
		// Captured: the stopped follower's last ACK was 336203 bytes (328 KB) and 4 s old.
		expect(f2).toMatch(/└ 127\.0\.0\.1:27007 online lag 328 KB 4s ack 4s [▁▂▃▄▅▆▇█]{8}/);
		expect(f1).toMatch(/└ 127\.0\.0\.1:27003 online lag 0 B 0s ack 1s/);
		expect(lines.indexOf(leader!)).toBeLessThan(lines.indexOf(f1));
		expect(f2.indexOf('└')).toBeGreaterThan(leader!.indexOf('M') - 1);
	});

	test('a node that does not answer says so, with the reason', async () => {
		app = await renderApp({columns: 109, rows: 30, snapshot: buildSnapshot({lagging: true, follower2Unreachable: true})});
		expect(app.frame()).toMatch(/✖ 127\.0\.0\.1:27007 unreachable: timeout · leader sees online lag 328 KB ack 4s · no reply within 1000 ms/);
		expect(app.lines()[0]).toContain('2 up 1 down');
	});

	test('the checklist is grouped by the document\'s sections, in document order, with counts', async () => {
		app = await renderApp({columns: 120, rows: 40});
		const lines = app.lines().map(l => l.replace(/[│┃]/g, ' ').trim());
		const at = (text: string) => lines.findIndex(l => l.includes(text));
		expect(at('1.1 Leader for Writes, Followers for Reads ✔2')).toBeGreaterThan(-1);
		expect(at('2.2 Diskless Replication !1')).toBeGreaterThan(-1);
		expect(at('1.1.1 Roles identified')).toBeLessThan(at('1.2.4 Replication delay'));
		expect(at('1.2.4 Replication delay')).toBeLessThan(at('1.2.10 Ordering probe'));
		expect(at('1.2.10 Ordering probe')).toBeLessThan(at('2.2.2 Diskless delay'));
		expect(app.frame()).toMatch(/! 2\.2\.2 Diskless delay/);
	});

	test('--ascii uses ASCII glyphs and sparkline', async () => {
		app = await renderApp({columns: 109, options: {ascii: true}, snapshot: buildSnapshot({lagging: true, follower2Unreachable: true})});
		expect(app.frame()).toMatch(/XX 127\.0\.0\.1:27007 unreachable: timeout - leader sees online lag 328 KB ack 4s - no reply/);
		app.unmount();
		app = await renderApp({options: {ascii: true}, snapshot: buildSnapshot({lagging: true})});
		const frame = app.frame();
		expect(frame).toMatch(/\[ok\] 1\.1\.1/);
		expect(frame).toMatch(/127\.0\.0\.1:27007 online lag 328 KB 4s ack 4s [_.\-=#]{8}/);
		expect(frame).not.toMatch(/[▁▂▃▄▅▆▇█✔✖└▸┃│·]/);
	});

	test('the timeline shows the latest events', async () => {
		const at = Date.now();
		const events = Array.from({length: 5}, (_, i) => ({at: at - (5 - i) * 1000, node: '127.0.0.1:27007', kind: 'link', text: `event number ${i}`}));
		app = await renderApp({snapshot: buildSnapshot({events})});
		const frame = app.frame();
		expect(frame).toContain('Timeline (last 2 of 5)');
		expect(frame).toContain('127.0.0.1:27007 link: event number 4');
		expect(frame).toContain('event number 3');
		expect(frame).not.toContain('event number 2');
		app.unmount();
		// Wide terminals keep the timeline under the topology, with room for more.
		app = await renderApp({columns: 130, rows: 40, snapshot: buildSnapshot({events})});
		const lines = app.lines();
		expect(lines.findIndex(l => l.includes('Timeline'))).toBeGreaterThan(lines.findIndex(l => l.includes('127.0.0.1:27007 online')));
		for (let i = 0; i < 5; i++) expect(app.frame()).toContain(`event number ${i}`);
	});

	test('a new tick updates the lag shown', async () => {
		app = await renderApp({snapshot: buildSnapshot()});
		expect(app.frame()).toMatch(/127\.0\.0\.1:27007 online lag 0 B/);
		await app.publish(buildSnapshot({lagging: true, tick: 11}));
		expect(app.frame()).toMatch(/127\.0\.0\.1:27007 online lag 328 KB/);
	});
});
