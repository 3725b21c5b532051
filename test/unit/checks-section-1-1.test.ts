// 1.1.4's thresholds pinned at each edge on the captured 7.2.6 lab.
import {describe} from 'vitest';
import {cmdstat, pinned, type LabEdit} from './checks-captured-lab.js';

describe('1.1.4 reads on followers: pass from a 50 % share, inconclusive under 100 reads in a 10 s window', () => {
	// GET calls served over 10 s: the leader `onLeader`, each follower `onEach`.
	const reads = (onLeader: number, onFollower1: number, onFollower2: number) => (r: number): LabEdit => ({
		leader: {info: {cmdstat_get: cmdstat(1000 + r * onLeader)}},
		follower1: {info: {cmdstat_get: cmdstat(1000 + r * onFollower1)}},
		follower2: {info: {cmdstat_get: cmdstat(1000 + r * onFollower2)}},
	});
	pinned('1.1.4', [
		['followers 50 of 100', reads(50, 25, 25), 'pass', /^followers serve 50 % of 100 reads$/m],
		['followers 49 of 100', reads(51, 25, 24), 'warn', /^followers serve only 49 % of 100 reads \(target 50 %\)$/m],
		['followers 50 of 99', reads(49, 25, 25), 'unknown', /^inconclusive: 99 reads in the window \(need 100\)$/m],
		['the counts behind it', reads(50, 25, 25), 'pass', /127\.0\.0\.1:7740 50 read calls on the leader in the last 10 s \(5\.0\/s\)\n127\.0\.0\.1:7741 25 read calls in the last 10 s \(2\.5\/s\)/],
	], {gapMs: 10_000});
	pinned('1.1.4', [['9.999 s apart', reads(50, 25, 25), 'unknown', /read counts need two samples at least 10 s apart/]], {gapMs: 9999});
});
