import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startLab, type Lab} from '../../source/lab/lab.js';
import {waitFor} from '../../source/lab/processes.js';
import {openClient} from '../../source/sentinel/connect.js';
import {fetchSentinelView} from '../../source/sentinel/fetch.js';
import {sentinelState} from '../../source/sentinel/parse.js';
import {SentinelTracker, type SentinelPoll} from '../../source/sentinel/tracker.js';

let lab: Lab;
let tracker: SentinelTracker;
let last: SentinelPoll | undefined;

const pollUntil = async (predicate: (poll: SentinelPoll) => boolean, timeoutMs: number) =>
	waitFor(async () => {
		last = await tracker.poll();
		return predicate(last);
	}, timeoutMs, 200);

beforeAll(async () => {
	lab = await startLab({followers: 2, sentinels: 3});
	tracker = new SentinelTracker({seeds: [lab.sentinels[0]!.address], masterNames: [lab.masterName], timeoutMs: 1000});
});

afterAll(async () => {
	await tracker?.close();
	await lab?.stop();
});

describe('Sentinel as a topology source', () => {
	it('from one Sentinel address finds the leader, both followers and all three Sentinels', async () => {
		const found = await pollUntil(p => p.sentinels.length === 3 && p.views.filter(v => v.reachable).length === 3 && p.masters[0]?.seeds.replicas.length === 2, 15_000);
		expect(found).toBe(true);
		const master = last!.masters[0]!;
		expect(master.address).toBe(lab.leader.address);
		expect(new Set(last!.dataNodes)).toEqual(new Set([lab.leader.address, ...lab.followers.map(f => f.address)]));
		expect(new Set(last!.sentinels)).toEqual(new Set(lab.sentinels.map(s => s.address)));
		expect(sentinelState(last!.views[0]!)).toMatchObject({quorum: 2, numOtherSentinels: 2, quorumOk: true, tilt: false, failoverInProgress: false});
	});

	it('without --master-name follows every master the Sentinel knows; an unknown name is a clear error', async () => {
		// The seed is given under a name the Sentinels do not announce (a hostname, say): it must not be followed twice.
		const seedPort = lab.sentinels[1]!.port;
		const all = new SentinelTracker({
			seeds: [`sentinel-by-name:${seedPort}`],
			timeoutMs: 1000,
			connect: address => openClient(address.replace('sentinel-by-name', '127.0.0.1'), {timeoutMs: 1000}),
		});
		try {
			const poll = await all.poll();
			expect(poll.masters.map(m => m.name)).toEqual([lab.masterName]);
			expect(poll.masters[0]!.address).toBe(lab.leader.address);
			let again = await all.poll();
			await waitFor(async () => (again = await all.poll()).views.filter(v => v.reachable).length >= 3, 5000, 200);
			expect(again.sentinels).toHaveLength(3);
			expect(again.sentinels).not.toContain(lab.sentinels[1]!.address);
			expect(again.views.filter(v => v.reachable)).toHaveLength(3);
		} finally {
			await all.close();
		}
		const client = openClient(lab.sentinels[0]!.address, {timeoutMs: 1000});
		try {
			await client.connect();
			const view = await fetchSentinelView(client, lab.sentinels[0]!.address, 'nosuch');
			expect(view).toMatchObject({reachable: true, masterName: 'nosuch'});
			expect(view.error?.message).toMatch(/no master named nosuch/);
		} finally {
			client.disconnect();
		}
	});

	it('follows a failover: after kill -9 of the leader it reports the promoted follower', async () => {
		const started = Date.now();
		await lab.leader.kill9();
		const followers = lab.followers.map(f => f.address);
		const moved = await pollUntil(p => followers.includes(p.masters[0]?.address ?? ''), 15_000);
		expect(moved).toBe(true);
		console.info(`failover followed after ${Date.now() - started} ms → ${last!.masters[0]!.address}`);
		expect(tracker.masterAddress(lab.masterName)).toBe(last!.masters[0]!.address);
		// The dead leader stays listed, marked stale, until SENTINEL RESET.
		await pollUntil(p => p.masters[0]!.seeds.replicas.some(r => r.address === lab.leader.address), 5000);
		expect(last!.masters[0]!.seeds.replicas.find(r => r.address === lab.leader.address)?.stale).toBe(true);
	});

	it('with two of three Sentinels stopped, the remaining one answers NOQUORUM', async () => {
		lab.sentinels[1]!.pause();
		lab.sentinels[2]!.pause();
		const remaining = lab.sentinels[0]!.address;
		const noQuorum = await pollUntil(p => p.views.some(v => v.address === remaining && v.ckquorum?.startsWith('NOQUORUM') === true), 15_000);
		expect(noQuorum).toBe(true);
		const stopped = last!.views.filter(v => v.address !== remaining);
		expect(stopped.map(v => [v.reachable, v.error?.kind])).toEqual([[false, 'timeout'], [false, 'timeout']]);
		expect(sentinelState(last!.views.find(v => v.address === remaining)!)).toMatchObject({quorumOk: false, usableSentinels: 1});
	});
});
