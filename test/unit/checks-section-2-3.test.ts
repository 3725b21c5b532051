// 2.3's thresholds pinned at each edge on the captured 7.2.6 lab.
import {describe} from 'vitest';
import {pinned, type LabEdit} from './checks-captured-lab.js';

describe('2.3.1 full-sync loop: any unexplained full sync warns, 2 or more at 2 per replica per hour fail', () => {
	// The leader served `total` more full syncs over `rounds` readings; the followers were up throughout.
	const syncs = (total: number, gapMs: number) => (r: number): LabEdit => {
		const up = {uptime_in_seconds: 100_000 + Math.round((r * gapMs) / 1000)};
		return {leader: {info: {...up, sync_full: 2 + r * total}}, follower1: {info: up}, follower2: {info: up}};
	};
	const gap = (seconds: number) => ({gapMs: seconds * 1000});
	pinned('2.3.1', [['no new full sync', syncs(0, 2000), 'pass', /sync_full \+0 in 2s \(now 2\)$/m]], gap(2));
	pinned('2.3.1', [['1 unexplained in 2 s', syncs(1, 2000), 'warn', /sync_full \+1 in 2s \(now 3\); 1 unexplained/]], gap(2));
	pinned('2.3.1', [['2 unexplained in 2 s', syncs(2, 2000), 'fail', /sync_full \+2 in 2s \(now 4\); 2 unexplained/]], gap(2));
	// 2 unexplained for 2 replicas: 1 per replica over the window.
	pinned('2.3.1', [['2 in 30 min = 2 per replica per hour', syncs(2, 1_800_000), 'fail', /sync_full \+2 in 30m00s \(now 4\); 2 unexplained/]], gap(1800));
	pinned('2.3.1', [['2 in 30 min 1 s', syncs(2, 1_801_000), 'warn', /sync_full \+2 in 30m01s \(now 4\); 2 unexplained/]], gap(1801));
});

describe('2.3.2 partial resyncs: under 90 % accepted from 3 attempts, or a denial while watched', () => {
	const resyncs = (ok: number, err: number): LabEdit => ({leader: {info: {sync_partial_ok: ok, sync_partial_err: err}}});
	// One reading: no window yet, so the lifetime counters are all there is.
	pinned('2.3.2', [
		['9 of 10 accepted', resyncs(9, 1), 'pass', /sync_partial_ok:9, sync_partial_err:1 \(90 % accepted\)$/m],
		['8 of 9 accepted', resyncs(8, 1), 'warn', /sync_partial_ok:8, sync_partial_err:1 \(88\.9 % accepted\)$/m],
		['0 of 2 (too few attempts)', resyncs(0, 2), 'pass', /sync_partial_ok:0, sync_partial_err:2 \(0 % accepted\)$/m],
		['2 of 3', resyncs(2, 1), 'warn', /sync_partial_ok:2, sync_partial_err:1 \(66\.7 % accepted\)$/m],
	], {rounds: 1});
	// Two readings, none denied between them: the lifetime figures are history.
	pinned('2.3.2', [
		['9 of 10, none while watched', resyncs(9, 1), 'pass', /sync_partial_ok:9, sync_partial_err:1 \(90 % accepted\); \+0 denied while watched/],
		['8 of 9, none while watched', resyncs(8, 1), 'info', /sync_partial_ok:8, sync_partial_err:1 \(88\.9 % accepted\); \+0 denied while watched/],
		['one denied while watched', r => resyncs(100, r), 'warn', /sync_partial_ok:100, sync_partial_err:1 \(99 % accepted\); \+1 denied while watched/],
	]);
});

describe('2.3.3 backlog TTL: 0 (never freed) or at least an hour passes, under 10 min warns, in between is info', () => {
	const ttl = (seconds: number): LabEdit => ({leader: {config: {'repl-backlog-ttl': String(seconds)}}});
	pinned('2.3.3', [
		['0 s', ttl(0), 'pass', /repl-backlog-ttl 0 s \(never freed\)/],
		['1 s', ttl(1), 'warn', /repl-backlog-ttl 1 s$/m],
		['599 s', ttl(599), 'warn', /repl-backlog-ttl 599 s$/m],
		['600 s', ttl(600), 'info', /repl-backlog-ttl 600 s$/m],
		['3599 s', ttl(3599), 'info', /repl-backlog-ttl 3599 s$/m],
		['3600 s', ttl(3600), 'pass', /repl-backlog-ttl 3600 s$/m],
	]);
});
