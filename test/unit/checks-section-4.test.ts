// 4.3's threshold pinned at its edge on the captured 7.2.6 lab.
import {describe} from 'vitest';
import {pinned} from './checks-captured-lab.js';

describe('4.3 fork cost: warn over 500 ms', () => {
	pinned('4.3', [
		['500 ms', {leader: {info: {latest_fork_usec: 500_000}}}, 'pass', /127\.0\.0\.1:7740 latest_fork_usec:500000 \(500 ms\)/],
		['500.001 ms', {leader: {info: {latest_fork_usec: 500_001}}}, 'warn', /a fork took over 500 ms[^]*127\.0\.0\.1:7740 latest_fork_usec:500001 \(500 ms\)/],
	]);
});
