import {existsSync} from 'node:fs';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createLabControls, type LabFaults} from '../../source/lab/faults.js';
import {startLab, type Lab} from '../../source/lab/lab.js';
import {currentLeader} from '../../source/lab/leader.js';
import {startLoad, type LoadGenerator} from '../../source/lab/load.js';
import {isAlive, rawCommand, waitFor} from '../../source/lab/processes.js';

const field = (info: string, name: string): string | undefined => new RegExp(`^${name}:(.*)\\r?$`, 'm').exec(info)?.[1]?.trim();
const info = (port: number, section = 'replication') => rawCommand(port, ['INFO', section], 2000);
/** Bytes the leader's slaveN line says this follower is behind. */
async function bytesBehind(leaderPort: number, followerPort: number): Promise<number> {
	const text = await info(leaderPort);
	const offset = Number(field(text, 'master_repl_offset'));
	const line = text.split('\r\n').find(l => /^slave\d+:/.test(l) && l.includes(`port=${followerPort},`));
	const replica = Number(/offset=(\d+)/.exec(line ?? '')?.[1] ?? Number.NaN);
	return offset - replica;
}

describe('lab faults on real processes', () => {
	let lab: Lab;
	let load: LoadGenerator;
	let faults: LabFaults;
	const seenPids = new Set<number>();

	beforeAll(async () => {
		lab = await startLab({followers: 2, sentinels: 3, downAfterMs: 2000, failoverTimeoutMs: 30_000});
		load = startLoad(lab, {rate: 200});
		faults = createLabControls(lab, {load, burstBytes: 1024 * 1024, throttleBytesPerSecond: 32 * 1024});
		for (const pid of lab.pids()) seenPids.add(pid);
	});

	afterAll(async () => {
		await faults?.stop();
		await load?.stop();
		await lab?.stop();
	});

	it('offers documented keys that avoid the TUI global keys', () => {
		const global = new Set(['q', '?', 'p', 'w', '/', 'j', 'k', 'n', 'r', 'f']);
		const keys = faults.actions.map(a => a.key);
		expect(new Set(keys).size).toBe(keys.length);
		for (const key of keys) expect(global.has(key)).toBe(false);
	});

	it('writes to the leader and serves reads from the followers', async () => {
		const served = await waitFor(async () => {
			for (const follower of lab.followers) {
				const calls = Number(/cmdstat_get:calls=(\d+)/.exec(await info(follower.port, 'commandstats'))?.[1] ?? 0);
				if (calls < 20) return false;
			}
			return true;
		}, 10_000, 200);
		expect(served).toBe(true);
		expect(load.stats().writes).toBeGreaterThan(20);
		expect(load.stats().leader).toBe(lab.leader.address);
		const leaderGets = Number(/cmdstat_get:calls=(\d+)/.exec(await info(lab.leader.port, 'commandstats'))?.[1] ?? 0);
		expect(leaderGets).toBe(0);
	});

	it('pauses a follower until it is resumed', async () => {
		const [follower1] = lab.followers;
		const line = await faults.run('pause-follower', follower1!.address);
		expect(line).toBe(`follower ${follower1!.address} paused (SIGSTOP)`);
		await expect(rawCommand(follower1!.port, ['PING'], 300)).rejects.toThrow();
		expect(await faults.run('pause-follower', follower1!.address)).toContain('resumed (SIGCONT)');
		expect(await rawCommand(follower1!.port, ['PING'], 1000)).toBe('+PONG\r\n');
	});

	it('breaks a follower link and restores it', async () => {
		const follower2 = lab.followers[1]!;
		expect(await faults.run('break-link', follower2.address)).toContain('link broken');
		expect(await waitFor(async () => field(await info(follower2.port), 'master_link_status') === 'down', 3000)).toBe(true);
		expect(await faults.run('break-link', follower2.address)).toContain('link restored');
		expect(await waitFor(async () => field(await info(follower2.port), 'master_link_status') === 'up', 5000)).toBe(true);
		expect(Number(field(await info(follower2.port), 'master_port'))).toBe(lab.leader.port);
	});

	it('lets lag build behind a throttled link under a burst, then recovers', async () => {
		const follower2 = lab.followers[1]!;
		expect(await faults.run('throttle-link', follower2.address)).toContain('throttled to 32 KiB/s');
		expect(await waitFor(async () => field(await info(follower2.port), 'master_link_status') === 'up', 5000)).toBe(true);
		expect(await faults.run('burst')).toMatch(/^wrote 1 MiB to /);
		let worst = 0;
		await waitFor(async () => {
			worst = Math.max(worst, await bytesBehind(lab.leader.port, follower2.port));
			return worst > 300_000;
		}, 5000, 100);
		expect(worst).toBeGreaterThan(300_000);
		expect(field(await info(follower2.port), 'master_link_status')).toBe('up');
		expect(await faults.run('throttle-link', follower2.address)).toContain('proxy stopped');
		expect(await waitFor(async () => (await bytesBehind(lab.leader.port, follower2.port)) < 50_000, 10_000, 100)).toBe(true);
	});

	it('misconfigures one setting per press so a checklist item turns red', async () => {
		expect(await faults.run('misconfigure')).toContain('repl-diskless-sync set to no');
		expect(await lab.leader.command('CONFIG', 'GET', 'repl-diskless-sync')).toContain('no');
		expect(await faults.run('misconfigure')).toContain('replica-read-only set to no');
		expect(field(await info(lab.followers[0]!.port), 'slave_read_only')).toBe('0');
		expect(await faults.run('misconfigure')).toContain('repl-backlog-size set to 16kb');
		expect(field(await info(lab.leader.port), 'repl_backlog_size')).toBe('16384');
	});

	it('kills a follower and restarts it', async () => {
		const follower2 = lab.followers[1]!;
		const pid = follower2.pid()!;
		expect(await faults.run('kill-follower', follower2.address)).toContain('killed (SIGKILL)');
		expect(isAlive(pid)).toBe(false);
		// Pressed again with nothing selected: the killed follower comes back.
		expect(await faults.run('kill-follower')).toContain('restarted as a follower');
		seenPids.add(follower2.pid()!);
		expect(await waitFor(async () => field(await info(follower2.port), 'master_link_status') === 'up', 5000)).toBe(true);
	});

	it('kills the leader: Sentinels fail over, the load follows, the old leader comes back as a replica', async () => {
		const old = lab.leader;
		const errorsBefore = load.stats().errors;
		expect(await faults.run('kill-leader')).toContain('Sentinels will fail over');
		const started = Date.now();
		expect(await waitFor(async () => (await currentLeader(lab)) !== old, 12_000, 200)).toBe(true);
		const elected = (await currentLeader(lab))!;
		console.log(`failover after ${Date.now() - started} ms to ${elected.name}`);
		expect(field(await info(elected.port), 'role')).toBe('master');
		expect(await waitFor(() => load.stats().leader === elected.address, 3000)).toBe(true);
		// Writes to the dead leader failed meanwhile: counted, not thrown.
		expect(load.stats().errors).toBeGreaterThan(errorsBefore);
		const writes = load.stats().writes;
		expect(await waitFor(() => load.stats().writes > writes + 20, 3000)).toBe(true);

		expect(await faults.run('kill-leader')).toContain('restarted as a master');
		seenPids.add(old.pid()!);
		expect(await waitFor(async () => field(await info(old.port), 'role') === 'slave', 20_000, 250)).toBe(true);
		console.log(`old leader converted after ${Date.now() - started} ms`);
	});

	it('stops every process and removes the temp dir', async () => {
		for (const pid of lab.pids()) seenPids.add(pid);
		await faults.stop();
		await load.stop();
		await lab.stop();
		for (const pid of seenPids) expect(isAlive(pid)).toBe(false);
		expect(existsSync(lab.dir)).toBe(false);
	});
});
