// 2.4's thresholds pinned at each edge on the captured 7.2.6 lab.
import {describe} from 'vitest';
import {pinned, writing, type LabEdit} from './checks-captured-lab.js';

describe('2.4.1 backlog active: a leader with replicas and no backlog warns', () => {
	pinned('2.4.1', [
		['active with 2 replicas', {}, 'pass', /repl_backlog_active:1 with 2 replica\(s\)$/m],
		['inactive with 2 replicas', {leader: {info: {repl_backlog_active: 0}}}, 'warn', /repl_backlog_active:0 with 2 replica\(s\): the next replica to connect needs a full sync/],
	]);
});

describe('2.4.2 backlog size: pass when it holds 60 s × 2 of writes at the peak rate, warn from 60 s, fail under', () => {
	// The leader writes 8 KiB/s (followers caught up); the backlog is sized in seconds of that rate.
	const rate = 8192;
	const backlog = (bytes: number) => (r: number): LabEdit => {
		const e = writing(rate, 1000, 3, 0)(r);
		return {...e, leader: {info: {...e.leader!.info, repl_backlog_size: bytes}}};
	};
	pinned('2.4.2', [
		['120 s of writes', backlog(120 * rate), 'pass', /the 960 KiB backlog holds about 2m00s of writes at the peak 8 KiB\/s: at least 60 s × 2/],
		['1 B short of 120 s', backlog(120 * rate - 1), 'warn', /the 960 KiB backlog holds about 1m59s of writes at the peak 8 KiB\/s, under the 120 s target \(60 s × 2\); recommended 1 MiB/],
		['60 s of writes', backlog(60 * rate), 'warn', /the 480 KiB backlog holds about 1m00s of writes at the peak 8 KiB\/s, under the 120 s target/],
		['1 B short of 60 s', backlog(60 * rate - 1), 'fail', /the 480 KiB backlog holds about 60s of writes at the peak 8 KiB\/s, less than the 60 s disconnection to survive: a longer one forces a full sync; recommended 1 MiB/],
	], {rounds: 3, gapMs: 1000});
});

describe('2.4.4 replica backlogs: a follower’s smaller than its leader’s warns', () => {
	const MiB = 1024 * 1024;
	pinned('2.4.4', [
		['the same 1 MiB', {}, 'pass', /127\.0\.0\.1:7741 repl_backlog_size 1 MiB vs 1 MiB on 127\.0\.0\.1:7740/],
		['1 B smaller', {follower1: {info: {repl_backlog_size: MiB - 1}}}, 'warn', /127\.0\.0\.1:7741 repl_backlog_size 1024 KiB vs 1 MiB on 127\.0\.0\.1:7740/],
		['larger', {follower1: {info: {repl_backlog_size: 2 * MiB}}}, 'pass', /127\.0\.0\.1:7741 repl_backlog_size 2 MiB vs 1 MiB/],
	]);
});
