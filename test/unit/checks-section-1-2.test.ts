// 1.2's thresholds pinned at each edge (just below, at, just above) on the captured 7.2.6 lab.
import {describe, expect, test} from 'vitest';
import {capturedOffset, follower1, follower1Port, labCheck, leader, pinned, said, slaveLine, writing, type LabEdit, type Row} from './checks-captured-lab.js';

describe('1.2.1 link up: a replica in a full sync warns, and fails once its link has been down longer than repl-timeout', () => {
	// Follower 1 is loading a full sync from the leader, which lists it as send_bulk.
	const syncing = (downFor: number, timeout = '60'): LabEdit => ({
		leader: {info: {slave0: slaveLine(follower1Port, {state: 'send_bulk', offset: 0})}},
		follower1: {info: {master_link_status: 'down', master_last_io_seconds_ago: -1, master_sync_in_progress: 1, master_sync_perc: '12.50', master_link_down_since_seconds: downFor, uptime_in_seconds: 100_000}, config: {'repl-timeout': timeout}},
	});
	pinned('1.2.1', [
		['down 60 s of repl-timeout 60 s', syncing(60), 'warn', /127\.0\.0\.1:7741 master_link_status:down, full sync in progress from 127\.0\.0\.1:7740 \(12\.50 %\), down 60 s/],
		['down 61 s', syncing(61), 'fail', /127\.0\.0\.1:7741 master_link_status:down, full sync in progress from 127\.0\.0\.1:7740 \(12\.50 %\), down 61 s/],
		['down 20 s of repl-timeout 20 s', syncing(20, '20'), 'warn', /full sync in progress .*, down 20 s/],
		['down 21 s of repl-timeout 20 s', syncing(21, '20'), 'fail', /full sync in progress .*, down 21 s/],
	]);
});

describe('1.2.2 master I/O freshness: pass up to ping period + 2 s, warn up to repl-timeout / 2, then fail', () => {
	const io = (seconds: number, config: Record<string, string> = {}): LabEdit => ({follower1: {info: {master_last_io_seconds_ago: seconds}, config}});
	const short = {'repl-ping-replica-period': '2', 'repl-timeout': '20'};
	pinned('1.2.2', [
		['12 s with a 10 s ping period', io(12), 'pass', /master_last_io_seconds_ago:12 \(ping period 10 s, repl-timeout 60 s\)/],
		['13 s', io(13), 'warn', /master_last_io_seconds_ago:13 \(ping period 10 s, repl-timeout 60 s\)/],
		['29 s', io(29), 'warn', /master_last_io_seconds_ago:29 /],
		['30 s = repl-timeout / 2', io(30), 'warn', /master_last_io_seconds_ago:30 /],
		['31 s', io(31), 'fail', /master_last_io_seconds_ago:31 \(ping period 10 s, repl-timeout 60 s\)/],
		['59 s, still under repl-timeout', io(59), 'fail', /master_last_io_seconds_ago:59 /],
		['4 s with ping 2 s', io(4, short), 'pass', /master_last_io_seconds_ago:4 \(ping period 2 s, repl-timeout 20 s\)/],
		['5 s with ping 2 s', io(5, short), 'warn', /master_last_io_seconds_ago:5 \(ping period 2 s, repl-timeout 20 s\)/],
		['10 s = repl-timeout 20 s / 2', io(10, short), 'warn', /master_last_io_seconds_ago:10 /],
		['11 s with repl-timeout 20 s', io(11, short), 'fail', /master_last_io_seconds_ago:11 \(ping period 2 s, repl-timeout 20 s\)/],
		['-1 (no link)', io(-1), 'fail', /master_last_io_seconds_ago:-1: no master link/],
	]);
});

describe('1.2.3 ACK liveness: warn from 2 s, fail from 10 s, or from min-replicas-max-lag when min-replicas-to-write is on', () => {
	const ack = (lag: number, config: Record<string, string> = {}): LabEdit => ({leader: {info: {slave0: slaveLine(follower1Port, {lag})}, config}});
	const guarded = {'min-replicas-to-write': '1', 'min-replicas-max-lag': '3'};
	pinned('1.2.3', [
		['1 s', ack(1), 'pass', /127\.0\.0\.1:7741 state=online, lag=1 s since last ACK/],
		['2 s', ack(2), 'warn', /127\.0\.0\.1:7741 state=online, lag=2 s since last ACK/],
		['9 s', ack(9), 'warn', /lag=9 s since last ACK/],
		['10 s', ack(10), 'fail', /127\.0\.0\.1:7741 state=online, lag=10 s since last ACK/],
		['2 s, max-lag 3', ack(2, guarded), 'warn', /lag=2 s since last ACK/],
		['3 s = min-replicas-max-lag 3', ack(3, guarded), 'fail', /127\.0\.0\.1:7741 state=online, lag=3 s since last ACK/],
		['3 s, max-lag 3 but min-replicas-to-write 0', ack(3, {'min-replicas-to-write': '0', 'min-replicas-max-lag': '3'}), 'warn', /lag=3 s since last ACK/],
		['9 s, max-lag 12 (above the 10 s default)', ack(9, {'min-replicas-to-write': '1', 'min-replicas-max-lag': '12'}), 'warn', /lag=9 s since last ACK/],
		['10 s, max-lag 12', ack(10, {'min-replicas-to-write': '1', 'min-replicas-max-lag': '12'}), 'fail', /lag=10 s since last ACK/],
		['still syncing', {leader: {info: {slave0: slaveLine(follower1Port, {state: 'wait_bgsave', lag: 0})}}}, 'warn', /127\.0\.0\.1:7741 state=wait_bgsave/],
	]);
});

describe('1.2.4 replication delay: warn over 1 s or over half the backlog, fail over 10 s or at the whole backlog', () => {
	const seconds = (behind: number) => writing(1000, 5000, 4, behind);
	const secondsRows: Row[] = [
		['1 s behind', seconds(1001), 'pass', /at most 1 s behind/],
		['1.001 s behind', seconds(1002), 'warn', /127\.0\.0\.1:7741 is about 1\.001 s behind \(over 1 s\)/],
		['10 s behind', seconds(10_001), 'warn', /127\.0\.0\.1:7741 is about 10 s behind \(over 1 s\)/],
		['10.001 s behind', seconds(10_002), 'fail', /127\.0\.0\.1:7741 is about 10\.001 s behind \(over 10 s\)/],
	];
	test.each(secondsRows)('1.2.4: %s (1000 B/s)', (_label, edit, status, sentence) => {
		const r = labCheck('1.2.4', edit, {rounds: 4, gapMs: 5000});
		expect(r.status, said(r)).toBe(status);
		expect(r.summary).toMatch(sentence);
	});

	const MiB = 1024 * 1024;
	const bytesRows = [
		['512 KiB behind = half the 1 MiB backlog', MiB / 2, 'pass', /at most 0\.5 s behind/],
		['512 KiB + 1 B behind', MiB / 2 + 1, 'warn', /127\.0\.0\.1:7741 is 512 KiB behind, 50 % of the 1 MiB backlog/],
		['1 MiB − 1 B behind', MiB - 1, 'warn', /127\.0\.0\.1:7741 is 1024 KiB behind, 100 % of the 1 MiB backlog/],
		['1 MiB behind = the whole backlog', MiB, 'fail', /127\.0\.0\.1:7741 is 1 MiB behind, more than the 1 MiB backlog: a disconnect now would force a full sync/],
	] as const;
	test.each(bytesRows)('1.2.4: %s (1 MiB/s)', (_label, behind, status, sentence) => {
		const r = labCheck('1.2.4', writing(MiB, 1000, 3, behind), {rounds: 3, gapMs: 1000});
		expect(r.status, said(r)).toBe(status);
		expect(r.summary).toMatch(sentence);
		expect(r.evidence.find(e => e.node === follower1)!.text).toContain(`behind ${leader}`);
	});
});

describe('1.2.5 apply backlog: warn when more than 1 MiB is received but not applied in each of the last 3 samples', () => {
	const MiB = 1024 * 1024;
	const pending = (bytes: (round: number) => number) => (r: number): LabEdit => ({follower1: {info: {slave_read_repl_offset: capturedOffset + bytes(r)}}});
	const rows = [
		['1 MiB pending for 3 samples', pending(() => MiB), 3, 'pass', /127\.0\.0\.1:7741 1 MiB received but not applied$/m],
		['1 MiB + 1 B for 3 samples', pending(() => MiB + 1), 3, 'warn', /127\.0\.0\.1:7741 1 MiB received but not applied for 3 samples in a row/],
		['1 MiB + 1 B for the last 2 samples only', pending(r => (r === 0 ? MiB : MiB + 1)), 3, 'pass', /127\.0\.0\.1:7741 1 MiB received but not applied$/m],
		['1 MiB + 1 B in the only 2 samples so far', pending(() => MiB + 1), 2, 'pass', /127\.0\.0\.1:7741 1 MiB received but not applied$/m],
	] as const;
	test.each(rows)('1.2.5: %s', (_label, edit, rounds, status, sentence) => {
		const r = labCheck('1.2.5', edit, {rounds});
		expect(r.status, said(r)).toBe(status);
		expect(said(r)).toMatch(sentence);
	});
});

describe('1.2.6 resource headroom: CPU over 80 %, memory over 90 % of maxmemory, RSS over 80 % of system memory, a fork over 500 ms', () => {
	const MiB = 1024 * 1024;
	const leaderInfo = (info: Record<string, string | number>): LabEdit => ({leader: {info}});
	// CPU: seconds of CPU over the 2.5 s between two readings whose counters moved (2 s of CPU = 80 %, exact in binary).
	const cpu = (delta: number) => (r: number): LabEdit => ({leader: {info: {used_cpu_sys: 100 + r * delta, used_cpu_user: 0}}});
	pinned('1.2.6', [
		['memory 90 MiB of 100 MiB', leaderInfo({used_memory: 90 * MiB, maxmemory: 100 * MiB}), 'pass', /memory 90 MiB of maxmemory 100 MiB \(90 %\)/],
		['memory 1 B over 90 %', leaderInfo({used_memory: 90 * MiB + 1, maxmemory: 100 * MiB}), 'warn', /memory 90 MiB of maxmemory 100 MiB \(90 %\)/],
		['RSS at 80 % of system memory', leaderInfo({used_memory_rss: 800, total_system_memory: 1000}), 'pass', /RSS 80 % of system memory/],
		['RSS just over 80 %', leaderInfo({used_memory_rss: 801, total_system_memory: 1000}), 'warn', /RSS 80\.1 % of system memory/],
		['fork 500 ms', leaderInfo({latest_fork_usec: 500_000}), 'pass', /last fork 500 ms/],
		['fork 500.001 ms', leaderInfo({latest_fork_usec: 500_001}), 'warn', /last fork 500 ms/],
	]);
	test.each([[1.75, 'pass', /CPU 70 % of one core/], [2, 'pass', /CPU 80 % of one core/], [2.25, 'warn', /CPU 90 % of one core/]] as const)('1.2.6: %s s of CPU in 2.5 s', (delta, status, sentence) => {
		const r = labCheck('1.2.6', cpu(delta), {gapMs: 2500});
		expect(r.status, said(r)).toBe(status);
		expect(r.evidence.find(e => e.node === leader)!.text).toMatch(sentence);
	});
});

describe('1.2.7 tool→node latency: warn when the median round trip is over 10 ms', () => {
	pinned('1.2.7', [
		['9.99 ms', {leader: {rttMs: 9.99}}, 'pass', /127\.0\.0\.1:7740 median round trip 9\.99 ms over 2 probe\(s\)/],
		['10 ms', {leader: {rttMs: 10}}, 'pass', /127\.0\.0\.1:7740 median round trip 10 ms over 2 probe\(s\)/],
		['10.01 ms', {leader: {rttMs: 10.01}}, 'warn', /127\.0\.0\.1:7740 median round trip 10\.01 ms over 2 probe\(s\)/],
	]);
});
