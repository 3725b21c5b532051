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
		app = await renderApp({columns: 200, rows: 40, snapshot: buildSnapshot({lagging: true})});
		const lines = app.lines();
		const leader = lines.find(l => l.includes('127.0.0.1:26997'));
		expect(leader).toMatch(/M 127\.0\.0\.1:26997 master · write [\d.]+ KiB\/s · v7\.0\.15/);
		const f1 = lines.find(l => l.includes('127.0.0.1:27003'))!;
		const f2 = lines.find(l => l.includes('127.0.0.1:27007'))!;
		// Captured: the stopped follower's last ACK was 336203 bytes (328 KiB) and 4 s old.
		expect(f2).toMatch(/└ 127\.0\.0\.1:27007 328 KiB 4s(?: behind)? · ack 4s · online · [▁▂▃▄▅▆▇█]{6,} max 328 KiB(?: · | ?\/)\d+ ?s/);
		expect(f1).toMatch(/└ 127\.0\.0\.1:27003 0 B 0s behind · ack 1s · online/);
		expect(lines.indexOf(leader!)).toBeLessThan(lines.indexOf(f1));
		expect(f2.indexOf('└')).toBeGreaterThan(leader!.indexOf('M') - 1);
	});

	test('at 80 columns an unreachable follower keeps the leader\'s view (behind, ack) and how long it has been silent; its error goes', async () => {
		app = await renderApp({columns: 80, rows: 24, snapshot: buildSnapshot({lagging: true, follower2Unreachable: true})});
		const row = app.lines().find(l => l.includes('127.0.0.1:27007'))!;
		expect(row).toMatch(/✖ 127\.0\.0\.1:27007 328 KiB 4s behind \(leader view\) · ack 4s · silent 12s/);
		expect(row).not.toContain('…');
		expect(app.lines()[0]).toMatch(/nodes 2 up 1 unreachable · ✖/);
		// Wider, the error text comes last.
		app.unmount();
		app = await renderApp({columns: 200, rows: 40, snapshot: buildSnapshot({lagging: true, follower2Unreachable: true})});
		expect(app.frame()).toMatch(/silent 12s · leader sees it online/);
	});

	test('at 80 columns a lagging follower keeps bytes and seconds behind, ack and link state; the sparkline keeps its newest point and its scale', async () => {
		app = await renderApp({columns: 80, rows: 24, snapshot: buildSnapshot({lagging: true})});
		const row = app.lines().find(l => l.includes('127.0.0.1:27007'))!;
		// The word `behind` stays: the sparkline shortens its label (span, then `max`) before the numbers' words go.
		expect(row).toMatch(/328 KiB 4s behind · ack 4s · online · [▁▂▃▄▅▆▇█]{6,} max 328 KiB(?: · \d+ s|\/\d+s)? *┃/);
		// The newest point (the peak) is the last bar drawn.
		expect(/([▁▂▃▄▅▆▇█]+) max/.exec(row)![1]!.at(-1)).toBe('█');
	});

	test('the checklist is grouped by the document\'s sections, in document order, with counts', async () => {
		app = await renderApp({columns: 200, rows: 40});
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
		expect(app.frame()).toMatch(/XX 127\.0\.0\.1:27007 328 KiB 4s behind \(leader view\) \| ack 4s \| silent 12s/);
		app.unmount();
		app = await renderApp({options: {ascii: true}, snapshot: buildSnapshot({lagging: true})});
		const frame = app.frame();
		expect(frame).toMatch(/\[ok\] 1\.1\.1/);
		expect(frame).toMatch(/127\.0\.0\.1:27007 328 KiB 4s behind \| ack 4s \| online \| [_.\-=#]{6,} max 328 KiB/);
		expect(frame).not.toMatch(/[▁▂▃▄▅▆▇█✔✖└▸┃│·]/);
	});

	test('the timeline shows the latest events', async () => {
		const at = Date.now();
		const events = Array.from({length: 5}, (_, i) => ({at: at - (5 - i) * 1000, node: '127.0.0.1:27007', kind: 'link', text: `event number ${i}`}));
		app = await renderApp({snapshot: buildSnapshot({events})});
		const frame = app.frame();
		expect(frame).toContain('Timeline · newest 2 of 5 (↑ older)');
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
		expect(app.frame()).toMatch(/127\.0\.0\.1:27007 0 B 0s behind/);
		await app.publish(buildSnapshot({lagging: true, tick: 11}));
		expect(app.frame()).toMatch(/127\.0\.0\.1:27007 328 KiB 4s(?: behind)?/);
	});
});

// Issue 26 C: a follower back from an 8 s freeze with a 78 KiB peak earlier keeps its sparkline beside its
// neighbour's, in the same format, the freeze drawn as no reading; `g` marks the span too.
test('120x40: after a freeze the follower keeps a sparkline, the gap drawn as unknown, one label format on both rows', async () => {
	const {History} = await import('../../source/model/history.js');
	const snapshot = buildSnapshot();
	const at = snapshot.topology.at;
	const history = new History();
	for (const n of Object.values(snapshot.topology.nodes)) history.addSample(n.sample);
	const [f1, f2] = snapshot.topology.links.map(l => l.follower) as [string, string];
	for (let k = 120; k >= 0; k--) {
		const t = at - k * 1000;
		history.record(f2, 'lagBytes', {t, v: 0});
		// f1: a peak of 78 KiB 40 s ago, then caught up; no reading 2-4 s ago (the leader had dropped it).
		if ((k >= 2 && k <= 4) || (k >= 60 && k <= 80)) continue;
		history.record(f1, 'lagBytes', {t, v: k === 40 ? 80_000 : 0});
	}
	app = await renderApp({columns: 120, rows: 40, snapshot: {...snapshot, history}});
	const row = (a: string) => app!.lines().find(l => l.includes(`└ ${a}`))!;
	const label = /[▁▂▃▄▅▆▇█░]{6,}( max [\d.]+ (B|KiB)[^┃│ ]*)/;
	expect(row(f1)).toMatch(label);
	expect(row(f2)).toMatch(label);
	expect(row(f1)).toContain('░');
	const format = (l: string) => label.exec(l)![1]!.replace(/[\d.]+/g, 'N').replace(/KiB/, 'B');
	expect(format(row(f1))).toBe(format(row(f2)));
	await app.press('j');
	await app.press('g');
	expect(app.frame()).toMatch(new RegExp(`${f1.replace(/\./g, '\\.')} bytes behind · last 10 min .*· ░ no reading`));
	expect(app.lines().find(l => /^\s+0 B ┤/.test(l))).toMatch(/░/);
});
