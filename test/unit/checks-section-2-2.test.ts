// 2.2.2's thresholds pinned at each edge on the captured 7.2.6 lab.
import {describe} from 'vitest';
import {pinned, slaveLine, type LabEdit} from './checks-captured-lab.js';

const delay = (seconds: number, more: LabEdit = {}): LabEdit => ({...more, leader: {...more.leader, config: {'repl-diskless-sync': 'yes', 'repl-diskless-sync-delay': String(seconds), ...more.leader?.config}}});

describe('2.2.2 diskless delay: 0 only with fewer than 2 replicas, else at most 10 s', () => {
	pinned('2.2.2', [
		['0 s with 1 replica', delay(0, {follower2: null}), 'pass', /repl-diskless-sync-delay 0 s with 1 replica\(s\)$/m],
		['0 s with 2 replicas', delay(0), 'warn', /repl-diskless-sync-delay 0 s with 2 replica\(s\): replicas arriving together each get their own fork and transfer/],
		['0 s with 3 replicas', delay(0, {leader: {info: {connected_slaves: 3, slave2: slaveLine(7743)}}}), 'warn', /repl-diskless-sync-delay 0 s with 3 replica\(s\): replicas arriving together/],
		['1 s with 2 replicas', delay(1), 'pass', /repl-diskless-sync-delay 1 s with 2 replica\(s\)$/m],
		['10 s', delay(10), 'pass', /repl-diskless-sync-delay 10 s with 2 replica\(s\)$/m],
		['11 s', delay(11), 'warn', /repl-diskless-sync-delay 11 s with 2 replica\(s\): every full sync waits that long/],
		['0 s with diskless sync off', delay(0, {leader: {config: {'repl-diskless-sync': 'no'}}}), 'info', /repl-diskless-sync-delay 0 s \(unused: diskless sync is off\)/],
	]);
});
