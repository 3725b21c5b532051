// 1.3's thresholds pinned at each edge on the captured 7.2.6 lab.
import {describe} from 'vitest';
import {follower1Port, follower2Port, pinned, slaveLine, type LabEdit} from './checks-captured-lab.js';

const notOnline = (...ports: number[]): LabEdit => ({leader: {info: Object.fromEntries(ports.map(p => [`slave${p - follower1Port}`, slaveLine(p, {state: 'wait_bgsave', offset: 0})]))}});

describe('1.3.1 online replicas: pass at 2, warn at 1, fail at 0', () => {
	pinned('1.3.1', [
		['2 online', {}, 'pass', /2 online replica\(s\): 127\.0\.0\.1:7741, 127\.0\.0\.1:7742; connected_slaves:2$/m],
		['1 online, 1 syncing', notOnline(follower2Port), 'warn', /1 online replica\(s\): 127\.0\.0\.1:7741; connected_slaves:2; not online: 127\.0\.0\.1:7742 wait_bgsave/],
		['1 follower in all', {follower2: null}, 'warn', /1 online replica\(s\): 127\.0\.0\.1:7741; connected_slaves:1$/m],
		['0 online', notOnline(follower1Port, follower2Port), 'fail', /0 online replica\(s\); connected_slaves:2; not online: 127\.0\.0\.1:7741 wait_bgsave, 127\.0\.0\.1:7742 wait_bgsave/],
	]);
	pinned('1.3.1', [
		['3 wanted, 2 online', {}, 'warn', /2 online replica\(s\) per leader \(want ≥ 3\)/],
	], {settings: {minOnlineReplicas: 3}});
});

describe('1.3.2 losing one follower: min-replicas-to-write up to online − 1, two promotable replicas', () => {
	const toWrite = (n: number): LabEdit => ({leader: {config: {'min-replicas-to-write': String(n), 'min-replicas-max-lag': '10'}, info: {min_slaves_good_slaves: 2}}});
	pinned('1.3.2', [
		['min-replicas-to-write 0', toWrite(0), 'pass', /2 online, 2 promotable; min-replicas-to-write 0/],
		['min-replicas-to-write 1 = online − 1', toWrite(1), 'pass', /2 online, 2 promotable; min-replicas-to-write 1/],
		['min-replicas-to-write 2 = online', toWrite(2), 'fail', /with one of 2 online replicas gone, min-replicas-to-write 2 rejects writes \(NOREPLICAS\)/],
		['min-replicas-to-write 2 with min-replicas-max-lag 0 (off)', {leader: {config: {'min-replicas-to-write': '2', 'min-replicas-max-lag': '0'}}}, 'pass', /min-replicas-to-write 2/],
		['one follower with replica-priority 0', {follower2: {config: {'replica-priority': '0'}, info: {slave_priority: 0}}}, 'fail', /losing the only promotable replica leaves none to promote/],
		['both with replica-priority 0', {follower1: {config: {'replica-priority': '0'}, info: {slave_priority: 0}}, follower2: {config: {'replica-priority': '0'}, info: {slave_priority: 0}}}, 'fail', /no replica can be promoted \(none with replica-priority > 0\)/],
		['replica-priority 1 still promotable', {follower2: {config: {'replica-priority': '1'}, info: {slave_priority: 1}}}, 'pass', /2 online, 2 promotable/],
	]);
});
