// Sentinel thresholds (3.1, 3.3, 3.5-3.7) pinned at each edge: the captured 7.0.15 Sentinel of
// test/fixtures/sentinel-healthy.json with the SENTINEL MASTER fields a row names, beside the captured 7.2.6 lab.
import {describe} from 'vitest';
import type {SentinelView} from '../../source/model/types.js';
import {sentinelViewFrom} from './checks-builder.js';
import {pinned} from './checks-captured-lab.js';

/** The captured Sentinel, answering at `address`, its master record changed as given. */
function sentinel(fields: Record<string, string>, address = '192.0.2.10:26379'): SentinelView {
	const v = sentinelViewFrom('sentinel-healthy', address);
	return {...v, master: {...v.master, ...fields}};
}
const withSentinel = (fields: Record<string, string>, address?: string) => ({sentinels: [sentinel(fields, address)]});

describe('3.1 Sentinels: each sees at least 2 others, and not on its master’s host', () => {
	pinned('3.1', [['sees 2 others, on another host', {}, 'pass', /192\.0\.2\.10:26379 mymaster: sees 2 other Sentinel\(s\)$/m]], withSentinel({'num-other-sentinels': '2'}));
	pinned('3.1', [['sees 1 other', {}, 'fail', /a Sentinel sees fewer than 2 others[^]*mymaster: sees 1 other Sentinel\(s\)$/m]], withSentinel({'num-other-sentinels': '1'}));
	pinned('3.1', [['sees 2 others, on the master’s host', {}, 'warn', /mymaster: sees 2 other Sentinel\(s\); runs on the master's host 127\.0\.0\.1/]], withSentinel({'num-other-sentinels': '2'}, '127.0.0.1:26379'));
});

describe('3.3 quorum: a majority of the Sentinels up to their number', () => {
	const rows = [
		['quorum 1 of 3', '1', '2', 'warn', /mymaster: quorum 1 of 3 Sentinels \(majority 2\)/],
		['quorum 2 of 3', '2', '2', 'pass', /mymaster: quorum 2 of 3 Sentinels \(majority 2\)/],
		['quorum 3 of 3', '3', '2', 'pass', /mymaster: quorum 3 of 3 Sentinels \(majority 2\)/],
		['quorum 4 of 3', '4', '2', 'fail', /mymaster: quorum 4 of 3 Sentinels \(majority 2\)/],
		['quorum 2 of 4', '2', '3', 'warn', /mymaster: quorum 2 of 4 Sentinels \(majority 3\)/],
		['quorum 3 of 4', '3', '3', 'pass', /mymaster: quorum 3 of 4 Sentinels \(majority 3\)/],
	] as const;
	for (const [label, quorum, others, status, sentence] of rows) pinned('3.3', [[label, {}, status, sentence]], withSentinel({quorum, 'num-other-sentinels': others}));
});

describe('3.5 down-after-milliseconds between 2000 and 60000', () => {
	for (const [ms, status] of [['1999', 'warn'], ['2000', 'pass'], ['60000', 'pass'], ['60001', 'warn']] as const) {
		pinned('3.5', [[`${ms} ms`, {}, status, new RegExp(`mymaster: down-after-milliseconds ${ms}$`, 'm')]], withSentinel({'down-after-milliseconds': ms}));
	}
});

describe('3.6 failover-timeout at least 30000 ms', () => {
	for (const [ms, status] of [['29999', 'warn'], ['30000', 'pass']] as const) {
		pinned('3.6', [[`${ms} ms`, {}, status, new RegExp(`mymaster: failover-timeout ${ms}$`, 'm')]], withSentinel({'failover-timeout': ms}));
	}
});

describe('3.7 parallel-syncs: 1, or fewer than the replicas', () => {
	for (const [syncs, replicas, status] of [['1', '2', 'pass'], ['2', '2', 'warn'], ['2', '3', 'pass'], ['3', '3', 'warn']] as const) {
		pinned('3.7', [[`parallel-syncs ${syncs} with ${replicas} replicas`, {}, status, new RegExp(`mymaster: parallel-syncs ${syncs}$`, 'm')]], withSentinel({'parallel-syncs': syncs, 'num-slaves': replicas}));
	}
});
