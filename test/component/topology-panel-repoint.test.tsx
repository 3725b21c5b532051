// Issue 26 A: after a failover, a follower Sentinel has not re-pointed yet is drawn under the leader its
// own INFO names (the dead one), not under the new leader; its row says the re-point is pending.
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {afterEach, expect, test} from 'vitest';
import {History} from '../../source/model/history.js';
import {buildTopology} from '../../source/model/topology.js';
import type {NodeSample} from '../../source/model/types.js';
import {parseInfo} from '../../source/redis/parse-info.js';
import {buildSnapshot} from './fixtures.js';
import {renderApp, type Rendered} from './render-app.js';

const text = (name: string) => readFileSync(fileURLToPath(new URL(`../fixtures/${name}.txt`, import.meta.url)), 'utf8');
const edit = (info: string, fields: Record<string, string>) => {
	let out = info;
	for (const [k, v] of Object.entries(fields)) out = out.replace(new RegExp(`^${k}:.*$`, 'm'), `${k}:${v}`);
	return parseInfo(out);
};

let app: Rendered | undefined;
afterEach(() => {
	app?.unmount();
	app = undefined;
});

/** 26997 led 27003 and 27007; it was killed, Sentinel promoted 27003; 27007 (paused during the failover) still names 26997. */
function afterFailover() {
	const history = new History();
	const t0 = Date.now() - 5000;
	const before: NodeSample[] = [
		{address: '127.0.0.1:26997', at: t0, reachable: true, rttMs: 0.3, info: parseInfo(text('tui-leader'))},
		{address: '127.0.0.1:27003', at: t0, reachable: true, rttMs: 0.3, info: parseInfo(text('tui-follower1'))},
		{address: '127.0.0.1:27007', at: t0, reachable: true, rttMs: 0.3, info: parseInfo(text('tui-follower2'))},
	];
	for (const s of before) history.addSample(s);
	const first = buildTopology(before, history, undefined, {at: t0});
	const at = Date.now();
	const promoted = text('tui-leader').replace(/^slave\d:.*\n/gm, '').replace(/^connected_slaves:.*$/m, 'connected_slaves:0');
	const after: NodeSample[] = [
		{address: '127.0.0.1:26997', at, reachable: false, error: {kind: 'refused', message: 'connect ECONNREFUSED 127.0.0.1:26997'}},
		{address: '127.0.0.1:27003', at, reachable: true, rttMs: 0.3, info: edit(promoted, {tcp_port: '27003', master_replid: '9a1f00c04a6e3827ad061f0210e81174052362d0', master_replid2: '0dedb8fc04a6e3827ad061f0210e81174052362d'})},
		{address: '127.0.0.1:27007', at, reachable: true, rttMs: 0.3, info: edit(text('tui-follower2'), {master_link_status: 'down', master_last_io_seconds_ago: '-1'})},
	];
	for (const s of after) if (s.reachable) history.addSample(s);
	const topology = buildTopology(after, history, first, {at});
	return {...buildSnapshot(), topology, history, checks: [], events: []};
}

test('a follower whose INFO still names the dead leader is drawn under it, with the re-point pending, at 80x24', async () => {
	app = await renderApp({columns: 80, rows: 24, snapshot: afterFailover()});
	const lines = app.lines();
	if (process.env.SHOW) console.log(app.frame());
	const at = (address: string) => lines.findIndex(l => l.includes(address) && /[└M✖]/.test(l));
	const newLeader = lines[at('127.0.0.1:27003')]!;
	const oldLeader = lines[at('127.0.0.1:26997')]!;
	const stale = lines[at('127.0.0.1:27007')]!;
	expect(newLeader).toMatch(/M 127\.0\.0\.1:27003 master/);
	expect(oldLeader).toMatch(/└ ✖ 127\.0\.0\.1:26997 (former |ex-)leader/);
	// Below the dead leader and one step further in than it: its child, not a sibling under the new leader.
	expect(at('127.0.0.1:27007')).toBe(at('127.0.0.1:26997') + 1);
	expect(stale.indexOf('└')).toBeGreaterThan(oldLeader.indexOf('└'));
	expect(stale).toMatch(/→ old leader 127\.0\.0\.1:26997 \(down\)/);
	app.unmount();
	app = await renderApp({columns: 200, rows: 40, snapshot: afterFailover()});
	expect(app.frame()).toMatch(/127\.0\.0\.1:27007 .*→ old leader 127\.0\.0\.1:26997 \(down\), not re-pointed yet/);
});
