// 6's thresholds pinned at each edge on the captured 7.2.6 lab.
import {describe} from 'vitest';
import {pinned, writing, type LabEdit} from './checks-captured-lab.js';

const MiB = 1024 * 1024;

describe('6.1 replica output buffer: the soft and hard limits hold a full sync’s writes (at least 10 s at the peak rate)', () => {
	// 1 MiB/s of writes, a 30 MiB dataset and an instant BGSAVE: a full sync takes the 10 s floor, so it buffers 10 MiB.
	const limit = (hard: number, soft: number) => (r: number): LabEdit => {
		const e = writing(MiB, 1000, 3, 0)(r);
		return {...e, leader: {info: {...e.leader!.info, rdb_last_bgsave_time_sec: 0}, config: {'client-output-buffer-limit': `normal 0 0 0 slave ${hard} ${soft} 60 pubsub 33554432 8388608 60`}}};
	};
	pinned('6.1', [
		['soft limit 10 MiB', limit(256 * MiB, 10 * MiB), 'pass', /replica limit hard 256 MiB, soft 10 MiB for 60 s; a full sync \(~10s\) at 1 MiB\/s buffers ~10 MiB/],
		['soft limit 1 B short', limit(256 * MiB, 10 * MiB - 1), 'warn', /replica limit hard 256 MiB, soft 10 MiB for 60 s; a full sync \(~10s\) at 1 MiB\/s buffers ~10 MiB/],
		['hard limit 10 MiB, no soft limit', limit(10 * MiB, 0), 'pass', /replica limit hard 10 MiB, soft 0 B/],
		['hard limit 1 B short', limit(10 * MiB - 1, 0), 'warn', /replica limit hard 10 MiB, soft 0 B/],
		['hard limit under the 1 MiB backlog', limit(MiB - 1, 0), 'warn', /hard limit below repl-backlog-size 1 MiB/],
	], {rounds: 3, gapMs: 1000});
});

describe('6.2 repl-timeout: fail at or under the ping period, warn under twice it or under 30 s', () => {
	const timeouts = (timeout: number, ping = 10): LabEdit => ({leader: {config: {'repl-timeout': String(timeout), 'repl-ping-replica-period': String(ping)}}});
	pinned('6.2', [
		['10 s with ping 10 s', timeouts(10), 'fail', /127\.0\.0\.1:7740 repl-timeout 10 s, repl-ping-replica-period 10 s/],
		['11 s with ping 10 s', timeouts(11), 'warn', /repl-timeout 11 s, repl-ping-replica-period 10 s/],
		['20 s = twice the ping, under 30 s', timeouts(20), 'warn', /repl-timeout 20 s, repl-ping-replica-period 10 s/],
		['29 s', timeouts(29), 'warn', /repl-timeout 29 s/],
		['30 s', timeouts(30), 'pass', /repl-timeout 30 s, repl-ping-replica-period 10 s/],
		['39 s with ping 20 s', timeouts(39, 20), 'warn', /repl-timeout 39 s, repl-ping-replica-period 20 s/],
		['40 s with ping 20 s', timeouts(40, 20), 'pass', /repl-timeout 40 s, repl-ping-replica-period 20 s/],
	]);
});

describe('6.3 replica buffer memory: warn over 10 % of maxmemory', () => {
	const buffers = (bytes: number): LabEdit => ({leader: {info: {mem_clients_slaves: bytes, maxmemory: 100 * MiB}}});
	pinned('6.3', [
		['10 MiB of 100 MiB', buffers(10 * MiB), 'pass', /mem_clients_slaves 10 MiB, mem_total_replication_buffers .* \(10 % of maxmemory 100 MiB\)/],
		['1 B over 10 %', buffers(10 * MiB + 1), 'warn', /mem_clients_slaves 10 MiB, .*\(10 % of maxmemory 100 MiB\)/],
	]);
});
