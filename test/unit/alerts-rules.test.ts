import {describe, expect, test} from 'vitest';
import {AlertRules} from '../../source/alerts/rules.js';
import {defaultSettings, runChecks, type Settings} from '../../source/checks/index.js';
import type {TimelineEvent} from '../../source/model/types.js';
import {contextFor} from './checks-builder.js';

const rulesFor = (name: string, settings: Partial<Settings> = {}, events: TimelineEvent[] = []) => {
	const ctx = contextFor(name, {settings});
	const rules = new AlertRules({...defaultSettings, ...settings});
	return rules.evaluate({topology: ctx.topology, checks: runChecks(ctx), events, at: ctx.now});
};

describe('alert rules on captured topologies', () => {
	test('a healthy lab raises no lag, link or node alert at the default thresholds', () => {
		const conditions = rulesFor('healthy', {alertOnCheckWarn: false});
		expect(conditions.filter(c => c.rule !== 'check')).toEqual([]);
	});

	test('a broken link is a link-down alert on its follower', () => {
		const conditions = rulesFor('broken-link');
		const down = conditions.filter(c => c.rule === 'link-down');
		expect(down.length).toBeGreaterThan(0);
		expect(down[0]).toMatchObject({severity: 'critical', key: `link-down|${down[0]!.subject}`});
		expect(down[0]!.text).toMatch(/^link to \S+ down/);
	});

	test('bytes behind above alertLagBytes is a lag-bytes alert quoting both numbers', () => {
		const ctx = contextFor('healthy');
		const lagging = ctx.topology.links.find(l => (l.lagBytes ?? 0) > 0);
		if (!lagging) return; // the capture has every follower caught up: nothing to assert
		const conditions = rulesFor('healthy', {alertLagBytes: 1});
		expect(conditions.find(c => c.rule === 'lag-bytes' && c.subject === lagging.follower)).toMatchObject({value: lagging.lagBytes, threshold: 1});
	});

	test('every check at fail is a critical alert; warn only when alertOnCheckWarn', () => {
		const ctx = contextFor('diskless-no');
		const checks = runChecks(ctx);
		const failing = checks.filter(c => c.status === 'fail').map(c => c.id);
		const warning = checks.filter(c => c.status === 'warn').map(c => c.id);
		const all = rulesFor('diskless-no').filter(c => c.rule === 'check' && !c.unknown);
		// An unknown check holds whatever alert it had, and starts none (issue 25).
		expect(rulesFor('diskless-no').filter(c => c.rule === 'check' && c.unknown).map(c => c.subject).sort()).toEqual(checks.filter(c => c.status === 'unknown').map(c => c.id).sort());
		expect(all.map(c => c.subject).sort()).toEqual([...failing, ...warning].sort());
		expect(all.filter(c => c.severity === 'critical').map(c => c.subject).sort()).toEqual([...failing].sort());
		const failOnly = rulesFor('diskless-no', {alertOnCheckWarn: false}).filter(c => c.rule === 'check' && !c.unknown);
		expect(failOnly.map(c => c.subject).sort()).toEqual([...failing].sort());
	});

	test('a failover event holds as an immediate alert for alertEventHoldSeconds', () => {
		const ctx = contextFor('healthy');
		const rules = new AlertRules({...defaultSettings, alertEventHoldSeconds: 30});
		const event = {at: ctx.now, node: '127.0.0.1:7002', kind: 'failover', text: 'became master (was replica)'};
		const first = rules.evaluate({topology: ctx.topology, checks: [], events: [event], at: ctx.now});
		expect(first.find(c => c.rule === 'failover')).toMatchObject({subject: '127.0.0.1:7002', immediate: true, text: 'became master (was replica)'});
		expect(rules.evaluate({topology: ctx.topology, checks: [], events: [], at: ctx.now + 29_000}).some(c => c.rule === 'failover')).toBe(true);
		expect(rules.evaluate({topology: ctx.topology, checks: [], events: [], at: ctx.now + 31_000}).some(c => c.rule === 'failover')).toBe(false);
	});
});
