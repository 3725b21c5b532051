import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {describe, expect, test} from 'vitest';
import {defaultSettings} from '../../source/checks/settings.js';
import {Derivation} from '../../source/engine/derive.js';
import type {Snapshot} from '../../source/model/snapshot.js';
import type {NodeSample} from '../../source/model/types.js';
import {parseInfo} from '../../source/redis/parse-info.js';
import {buildJsonReport} from '../../source/report/json.js';

// Captured on a real lab (redis-server 7.0.15): the leader at offset 336203 after a write burst,
// follower1 caught up, follower2 still answering with the INFO it gave before the burst (26113).
const capture = (name: string) => parseInfo(readFileSync(fileURLToPath(new URL(`../fixtures/${name}.txt`, import.meta.url)), 'utf8'));
const leader = '127.0.0.1:26997';
const follower1 = '127.0.0.1:27003';
const follower2 = '127.0.0.1:27007';
const sample = (address: string, name: string, at: number): NodeSample => ({address, at, rttMs: 0.4, reachable: true, info: capture(name)});

function reportAfterBurst() {
	const derivation = new Derivation(defaultSettings);
	const t0 = Date.UTC(2026, 0, 1, 3, 0, 0);
	const frame = (at: number, samples: readonly NodeSample[]) => {
		for (const s of samples) derivation.absorb(s);
		return derivation.derive({at, samples, via: new Map(), aliases: new Map(), sentinels: []});
	};
	frame(t0, [sample(leader, 'tui-leader', t0), sample(follower1, 'tui-follower1', t0), sample(follower2, 'tui-follower2', t0)]);
	const t1 = t0 + 1000;
	const {topology, checks, events} = frame(t1, [sample(leader, 'tui-leader-lagging', t1), sample(follower1, 'tui-follower1-lagging', t1), sample(follower2, 'tui-follower2', t1)]);
	const snapshot: Snapshot = {
		tick: 2, startedAt: t0, lastTickAt: t1, lastTickMs: 3, intervalMs: 1000, paused: false,
		topology, history: derivation.history, checks, events, lagPeaks: derivation.lagPeaks(),
	};
	return {report: buildJsonReport(snapshot, 60), t1};
}

describe('buildJsonReport', () => {
	const behind = 336_203 - 26_113; // the leader's master_repl_offset minus follower2's slave_repl_offset

	test('each link says how many bytes its follower is behind', () => {
		const {report} = reportAfterBurst();
		expect(report.links.find(l => l.follower === follower2)).toMatchObject({leader, follower: follower2, lagBytes: behind});
		expect(report.links.find(l => l.follower === follower1)).toMatchObject({leader, follower: follower1, lagBytes: 0});
	});

	test('the lag peaks keep the most bytes behind and when', () => {
		const {report, t1} = reportAfterBurst();
		expect(report.lagPeaks.find(p => p.follower === follower2)).toMatchObject({leader, lagBytes: behind, lagBytesAt: new Date(t1).toISOString()});
	});

	test('nodes carry their offsets, the leader first', () => {
		const {report} = reportAfterBurst();
		expect(report.nodes.map(n => [n.address, n.role, n.offset])).toEqual([[leader, 'master', 336_203], [follower1, 'replica', 336_203], [follower2, 'replica', 26_113]]);
	});
});
