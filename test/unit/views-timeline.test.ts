import {expect, test} from 'vitest';
import {timelineWindow} from '../../views/timeline.js';
import type {TimelineEvent} from '../../source/model/types.js';

const at = Date.UTC(2026, 0, 1, 12, 0, 0);
const clock = new Date(at).toTimeString().slice(0, 8);

test('an event about no node (a lab note) reads with one space after the time; a node is named once', () => {
	const events: TimelineEvent[] = [
		{at, node: '', kind: 'lab', text: 'load rate 100 → 200 ops/s'},
		{at, node: '127.0.0.1:7001', kind: 'unreachable', text: 'no reply within the timeout'},
		{at, node: '127.0.0.1:7002', kind: 'sentinel', text: '+switch-master mymaster: 127.0.0.1:7001 -> 127.0.0.1:7002 · failover took 3.3 s'},
	];
	const {lines} = timelineWindow(events, 5, 0);
	expect(lines.map(l => l.text)).toEqual([
		`${clock} lab: load rate 100 → 200 ops/s`,
		`${clock} 127.0.0.1:7001 unreachable: no reply within the timeout`,
		`${clock} +switch-master mymaster: 127.0.0.1:7001 -> 127.0.0.1:7002 · failover took 3.3 s`,
	]);
});
