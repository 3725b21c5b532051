// 2.1.1's thresholds pinned at each edge on the captured 7.2.6 lab (2 online replicas).
import {describe} from 'vitest';
import {cmdstat, pinned, type LabEdit} from './checks-captured-lab.js';

// A leader with min-replicas-to-write on prints how many replicas are good (acked within max-lag).
const minReplicas = (n: number, lag: number, good = 2): LabEdit => ({leader: {config: {'min-replicas-to-write': String(n), 'min-replicas-max-lag': String(lag)}, info: n > 0 ? {min_slaves_good_slaves: good} : {}}});

describe('2.1.1 min-replicas: at most online − 1 required, max-lag at least 5 s (under 3 s: ACK jitter)', () => {
	pinned('2.1.1', [
		['off (0)', minReplicas(0, 10), 'pass', /min-replicas-to-write 0, min-replicas-max-lag 10 s, 2 online replica\(s\): disabled: purely asynchronous/],
		['max-lag 0 turns it off', minReplicas(1, 0), 'pass', /min-replicas-to-write 1, min-replicas-max-lag 0 s, 2 online replica\(s\), min_slaves_good_slaves:2: disabled/],
		['1 of 2, max-lag 5 s', minReplicas(1, 5), 'pass', /min-replicas-to-write 1, min-replicas-max-lag 5 s, 2 online replica\(s\), min_slaves_good_slaves:2: leaves room for one replica to fail/],
		['1 of 2, max-lag 4 s', minReplicas(1, 4), 'warn', /min-replicas-max-lag 4 s, .*: max-lag below 5 s/],
		['1 of 2, max-lag 3 s', minReplicas(1, 3), 'warn', /min-replicas-max-lag 3 s, .*: max-lag below 5 s/],
		['1 of 2, max-lag 2 s', minReplicas(1, 2), 'warn', /min-replicas-max-lag 2 s, .*: max-lag this short rejects writes on normal 1 s ACK jitter/],
		['2 of 2', minReplicas(2, 10), 'warn', /min-replicas-to-write 2, min-replicas-max-lag 10 s, 2 online replica\(s\), min_slaves_good_slaves:2: one replica hiccup blocks writes/],
		['2 required, 1 good now', minReplicas(2, 10, 1), 'fail', /only 1 good replica\(s\) for 2 required: writes are rejected right now \(NOREPLICAS\)/],
		['3 of 2', minReplicas(3, 10), 'fail', /only 2 good replica\(s\) for 3 required/],
	]);
});

describe('2.1.4 WAIT: pass up to 10 % of writes, warn over 50 %, info between', () => {
	// SET calls and WAIT calls on the leader over a 10 s window.
	const waits = (sets: number, wait: number) => (r: number): LabEdit => ({leader: {info: {cmdstat_set: cmdstat(1_078_399 + r * sets), cmdstat_wait: cmdstat(r * wait)}}});
	pinned('2.1.4', [
		['10 WAIT for 100 writes', waits(100, 10), 'pass', /10 WAIT for 100 writes in 10 s \(10 %\)/],
		['11 WAIT for 100 writes', waits(100, 11), 'info', /11 WAIT for 100 writes in 10 s \(11 %\)/],
		['50 WAIT for 100 writes', waits(100, 50), 'info', /50 WAIT for 100 writes in 10 s \(50 %\)/],
		['51 WAIT for 100 writes', waits(100, 51), 'warn', /51 WAIT for 100 writes in 10 s \(51 %\)/],
	], {gapMs: 10_000});
});
