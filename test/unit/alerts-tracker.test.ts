import {describe, expect, test} from 'vitest';
import type {AlertCondition} from '../../source/model/alerts.js';
import {AlertTracker} from '../../source/alerts/tracker.js';

const linkDown: AlertCondition = {key: 'link-down|127.0.0.1:7001', rule: 'link-down', subject: '127.0.0.1:7001', severity: 'critical', text: 'link to 127.0.0.1:7000 down'};
const s = (n: number) => n * 1000;

/** Feeds one tick per second for `seconds`; `holds(t)` says whether the condition is true at second t. */
function run(tracker: AlertTracker, seconds: number, holds: (t: number) => boolean, condition = linkDown) {
	const changes: {t: number; state: string}[] = [];
	for (let t = 0; t < seconds; t++) {
		const update = tracker.update(holds(t) ? [condition] : [], s(t));
		for (const c of update.changes) changes.push({t, state: c.state});
	}
	return changes;
}

describe('alert hysteresis', () => {
	test('a link flapping every second fires once, and resolves once it has been steady for the clear time', () => {
		const tracker = new AlertTracker({forMs: s(3), clearMs: s(5)});
		// down on even seconds for 30 s, then up for good
		const changes = run(tracker, 45, t => t < 30 && t % 2 === 0);
		expect(changes).toEqual([{t: 4, state: 'firing'}, {t: 33, state: 'resolved'}]);
	});

	test('a condition that held for less than the hold time never fires', () => {
		const tracker = new AlertTracker({forMs: s(3), clearMs: s(5)});
		expect(run(tracker, 20, t => t >= 2 && t <= 4)).toEqual([]);
		// …and it is forgotten after the clear time: the next one starts its own hold
		const update = tracker.update([linkDown], s(20));
		expect(update.alerts[0]).toMatchObject({state: 'pending', since: s(20)});
	});

	test('a steady condition fires after the hold time and carries its numbers', () => {
		const tracker = new AlertTracker({forMs: s(2), clearMs: s(2)});
		const lag: AlertCondition = {key: 'lag-seconds|a', rule: 'lag-seconds', subject: 'a', severity: 'warning', text: '3 s behind', value: 3, threshold: 1};
		expect(tracker.update([lag], s(0)).alerts[0]?.state).toBe('pending');
		expect(tracker.update([lag], s(1)).changes).toEqual([]);
		const fired = tracker.update([{...lag, value: 4, text: '4 s behind'}], s(2));
		expect(fired.changes).toHaveLength(1);
		expect(fired.changes[0]).toMatchObject({state: 'firing', since: 0, firedAt: s(2), value: 4, text: '4 s behind'});
		tracker.update([], s(3));
		const resolved = tracker.update([], s(4));
		expect(resolved.changes[0]).toMatchObject({state: 'resolved', resolvedAt: s(4), firedAt: s(2)});
		expect(resolved.changes[0]!.changeSeq).toBeGreaterThan(fired.changes[0]!.changeSeq);
		// the resolved alert stays in the list (for the alert screen), after any active one
		expect(resolved.alerts.map(a => a.state)).toEqual(['resolved']);
	});

	test('an event condition (failover) fires at once', () => {
		const tracker = new AlertTracker({forMs: s(30), clearMs: s(5)});
		const update = tracker.update([{key: 'failover|b', rule: 'failover', subject: 'b', severity: 'warning', text: 'became master', immediate: true}], s(1));
		expect(update.changes.map(c => c.state)).toEqual(['firing']);
	});

	test('alerts are keyed: two followers lagging are two alerts, firing ones listed first', () => {
		const tracker = new AlertTracker({forMs: s(1), clearMs: s(1)});
		const a = {...linkDown, key: 'link-down|a', subject: 'a'};
		const b = {...linkDown, key: 'link-down|b', subject: 'b'};
		tracker.update([b], s(0));
		const update = tracker.update([a, b], s(1));
		expect(update.changes.map(c => c.subject)).toEqual(['b']);
		expect(update.alerts.map(x => `${x.subject} ${x.state}`)).toEqual(['b firing', 'a pending']);
	});
});

describe('an alert getting worse, or going unknown (issue 25)', () => {
	const check: AlertCondition = {key: 'check|2.1.1', rule: 'check', subject: '2.1.1', severity: 'warning', text: '2.1.1: warn'};
	const critical: AlertCondition = {...check, severity: 'critical', text: '2.1.1: fail'};
	const unknown: AlertCondition = {...check, text: '2.1.1: unknown', unknown: true};
	const feed = (tracker: AlertTracker, at: (t: number) => AlertCondition | undefined, seconds: number) => {
		const out: string[] = [];
		for (let t = 0; t < seconds; t++) {
			const c = at(t);
			for (const x of tracker.update(c ? [c] : [], s(t)).changes) out.push(`${t} ${x.state} ${x.severity}`);
		}
		return out;
	};

	test('warning → critical is sent again; critical → warning → critical again; a drop back is not sent', () => {
		const tracker = new AlertTracker({forMs: s(1), clearMs: s(3)});
		expect(feed(tracker, t => (t < 4 ? check : t < 6 ? critical : t < 8 ? check : critical), 10)).toEqual(['1 firing warning', '4 firing critical', '8 firing critical']);
	});

	test('unknown neither resolves a firing alert nor starts a new one; clear does resolve it', () => {
		const tracker = new AlertTracker({forMs: s(1), clearMs: s(3)});
		expect(feed(tracker, t => (t < 3 ? check : t < 20 ? unknown : undefined), 30)).toEqual(['1 firing warning', '22 resolved warning']);
		expect(feed(new AlertTracker({forMs: s(1), clearMs: s(3)}), () => unknown, 10)).toEqual([]);
	});
});
