// Issue 25 item 2 on a real lab: with min-replicas-to-write 2 and two replicas, 2.1.1 warns (one
// hiccup blocks writes); kill -9 one replica and the leader really rejects writes (NOREPLICAS): the
// alert is sent again as critical. Checks that drop to unknown as the replica dies (1.3.2) are not
// sent as resolved. "Sent" is what --alert-command and --watch receive: SnapshotFollower.alertChanges.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {SnapshotFollower} from '../../source/alerts/changes.js';
import {defaultSettings} from '../../source/checks/settings.js';
import {startLab, type Lab} from '../../source/lab/lab.js';
import {createMonitor, type Monitor} from '../../source/engine/monitor.js';
import type {Alert} from '../../source/model/alerts.js';
import type {Snapshot} from '../../source/model/snapshot.js';
import {options} from './monitor-helpers.js';

describe('an alert that gets worse is sent again, an unknown check is not resolved', () => {
	let lab: Lab;
	let monitor: Monitor | undefined;
	beforeAll(async () => {
		lab = await startLab({followers: 2, leaderArgs: ['--min-replicas-to-write', '2', '--min-replicas-max-lag', '3']});
	});
	afterAll(async () => {
		await monitor?.stop();
		await lab?.stop();
	});

	it('2.1.1 warning then critical (NOREPLICAS on the server), 1.3.2 never resolved while unknown', async () => {
		const settings = {...defaultSettings, alertForSeconds: 1, alertClearSeconds: 2, alertOnCheckWarn: true};
		monitor = createMonitor(options(lab.leader.address), {settings});
		const follower = new SnapshotFollower();
		const sent: Alert[] = [];
		let last: Snapshot = await monitor.tickOnce();
		const tickUntil = async (predicate: (s: Snapshot) => boolean, timeoutMs: number) => {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				last = await monitor!.tickOnce();
				sent.push(...follower.alertChanges(last));
				if (predicate(last) || Date.now() > deadline) return last;
				await new Promise(r => setTimeout(r, 100));
			}
		};
		const sentFor = (subject: string) => sent.filter(a => a.rule === 'check' && a.subject === subject);
		const status = (s: Snapshot, id: string) => s.checks.find(c => c.id === id)?.status;

		await tickUntil(() => sentFor('2.1.1').length > 0 && sentFor('1.3.2').length > 0, 15_000);
		expect(sentFor('2.1.1').map(a => [a.state, a.severity])).toEqual([['firing', 'warning']]);
		expect(sentFor('1.3.2').map(a => a.state)).toEqual(['firing']);
		expect(await lab.leader.command('SET', 'k', 'v')).toBe('+OK\r\n');

		await lab.followers[1]!.kill9();
		let s = await tickUntil(() => sentFor('2.1.1').some(a => a.severity === 'critical'), 20_000);
		// The server at the same moment: fewer good replicas than required, writes rejected.
		const info = await lab.leader.command('INFO', 'replication');
		expect(Number(/min_slaves_good_slaves:(\d+)/.exec(info)?.[1])).toBeLessThan(2);
		expect(await lab.leader.command('SET', 'k', 'v')).toMatch(/^-NOREPLICAS/);
		expect(status(s, '2.1.1')).toBe('fail');
		expect(sentFor('2.1.1').map(a => [a.state, a.severity])).toEqual([['firing', 'warning'], ['firing', 'critical']]);
		expect(sentFor('2.1.1')[1]!.text).toContain('the leader rejects writes');

		// Well past the clear time with the replica still dead: 1.3.2 went unknown, nothing was resolved.
		s = await tickUntil(() => false, (settings.alertClearSeconds + 3) * 1000);
		expect(status(s, '1.3.2')).toBe('unknown');
		expect(sentFor('1.3.2').map(a => a.state)).toEqual(['firing']);
		expect(sentFor('2.1.1').filter(a => a.state === 'resolved')).toEqual([]);
		expect(s.alerts?.find(a => a.key === 'check|1.3.2')?.state).toBe('firing');
	}, 60_000);
});
