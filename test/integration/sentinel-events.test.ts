// The timeline reads Sentinel's own events: a kill -9 of the leader shows as +sdown, +odown, the
// failover's start and its +switch-master with how long it took, once each although 3 Sentinels say it.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startLab, type Lab} from '../../source/lab/lab.js';
import {createMonitor, type Monitor} from '../../source/engine/monitor.js';
import {parseSentinelEvent} from '../../source/sentinel/events.js';
import {options, tickUntil} from './monitor-helpers.js';

describe('Sentinel event messages', () => {
	it('names the instance, the master and what happened; bookkeeping channels are dropped', () => {
		expect(parseSentinelEvent('+odown', 'master mymaster 127.0.0.1 6379 #quorum 2/2')).toMatchObject({node: '127.0.0.1:6379', masterName: 'mymaster', text: '+odown master mymaster: OBJECTIVELY DOWN (quorum of Sentinels agree)'});
		expect(parseSentinelEvent('+switch-master', 'mymaster 127.0.0.1 6379 127.0.0.1 6380')).toMatchObject({node: '127.0.0.1:6380', text: '+switch-master mymaster: 127.0.0.1:6379 -> 127.0.0.1:6380'});
		expect(parseSentinelEvent('+sdown', 'slave 127.0.0.1:6381 127.0.0.1 6381 @ mymaster 127.0.0.1 6379')).toMatchObject({node: '127.0.0.1:6381', masterName: 'mymaster', text: '+sdown replica of mymaster: subjectively down (this Sentinel)'});
		expect(parseSentinelEvent('+slave', 'slave 127.0.0.1:6381 127.0.0.1 6381 @ mymaster 127.0.0.1 6379')).toBeUndefined();
		expect(parseSentinelEvent('+sdown', `master m\u001b[2J 127.0.0.1 1 ${'x'.repeat(5000)}`)!.text.length).toBeLessThan(600);
	});
});

describe('Sentinel events on a real failover', () => {
	let lab: Lab;
	let monitor: Monitor;
	beforeAll(async () => {
		lab = await startLab({followers: 2, sentinels: 3, downAfterMs: 1000, failoverTimeoutMs: 10_000});
		monitor = createMonitor(options('--sentinel', lab.sentinels[0]!.address, '--master-name', lab.masterName));
	});
	afterAll(async () => {
		await monitor?.stop();
		await lab?.stop();
	});

	it('kill -9 of the leader: +sdown, +odown, failover start, +switch-master with its duration, each once', async () => {
		const old = lab.leader.address;
		await tickUntil(monitor, s => Object.values(s.topology.nodes).filter(n => n.sample.reachable && n.role !== 'sentinel').length === 3 && s.topology.sentinels.length >= 3, 10_000);
		await new Promise(resolve => setTimeout(resolve, 500)); // subscriptions are set up after the first Sentinel poll
		await lab.leader.kill9();
		const done = await tickUntil(monitor, s => s.events.some(e => e.kind === 'sentinel' && e.text.startsWith('+switch-master')), 30_000);
		const texts = done.events.filter(e => e.kind === 'sentinel').map(e => e.text);
		const switched = texts.filter(t => t.startsWith('+switch-master'));
		expect(switched).toHaveLength(1);
		expect(switched[0]).toMatch(new RegExp(`\\+switch-master ${lab.masterName}: ${old.replace(/\./g, '\\.')} -> \\S+ · failover took \\d+\\.\\d s`));
		expect(texts.filter(t => t.startsWith('+odown master'))).toHaveLength(1);
		expect(texts.some(t => t.startsWith('+sdown master'))).toBe(true);
		expect(texts.filter(t => t.startsWith('+try-failover'))).toHaveLength(1);
		// In order: down, then the failover, then the switch.
		const at = (prefix: string) => texts.findIndex(t => t.startsWith(prefix));
		expect(at('+odown')).toBeLessThan(at('+try-failover'));
		expect(at('+try-failover')).toBeLessThan(at('+switch-master'));
	}, 45_000);
});
