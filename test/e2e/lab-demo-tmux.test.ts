// Issue 5, "Done when": `replwatch lab` in a real terminal, every fault key pressed the way a person
// would, its effect read off the screen, and nothing of the lab left once the program ends.
import {existsSync} from 'node:fs';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {waitFor} from '../../source/lab/processes.js';
import {
	binary, clearFilter, ensureBuilt, findCheck, hasTmux, header, isAlive, killLeftovers, lagBytes, leaders, lineOf, onlineFollowers,
	openTerminal, readPidFile, see, tempPidFile, type Terminal,
} from './tmux-helpers.js';

const seenPids = new Set<number>();
const cleanups: Array<() => void> = [];

function startLab(label: string): {terminal: Terminal; pidFile: string} {
	const pidFile = tempPidFile();
	cleanups.push(pidFile.cleanup);
	const terminal = openTerminal(label, `REPLWATCH_LAB_PIDFILE='${pidFile.path}' node '${binary}' lab`);
	cleanups.push(() => terminal.kill());
	return {terminal, pidFile: pidFile.path};
}

/** Every PID the lab ever wrote (the pid file is rewritten after each fault). */
function recordPids(pidFile: string): {dir: string; pids: number[]} {
	const content = readPidFile(pidFile);
	for (const pid of content?.pids ?? []) seenPids.add(pid);
	return {dir: content?.dir ?? '', pids: [...seenPids]};
}

const healthy = (screen: string) => leaders(screen).length === 1 && onlineFollowers(screen).length === 2;

describe.skipIf(!hasTmux)('replwatch lab in a real terminal', () => {
	beforeAll(() => ensureBuilt());
	afterAll(() => {
		for (const cleanup of cleanups.splice(0).reverse()) cleanup();
		killLeftovers(seenPids);
	});

	it('every fault key shows its effect, q stops every lab process and removes the lab dir', async () => {
		const {terminal: t, pidFile} = startLab('demo');
		let screen = await see(t, 'a leader and two online followers', healthy, 20_000);
		const firstLeader = leaders(screen)[0]!;
		recordPids(pidFile);

		// s: the follower stops answering, then comes back.
		t.keys('s');
		screen = await see(t, 'a follower paused', s => /follower \S+:\d+ paused/.test(header(s)));
		const follower = /follower (\S+:\d+) paused/.exec(header(screen))![1]!;
		await see(t, `${follower} unreachable`, s => /silent|never answered/.test(lineOf(s, follower)));
		t.keys('s');
		await see(t, `${follower} back online`, s => header(s).includes('resumed') && onlineFollowers(s).includes(follower));

		// b: its link goes down, then is restored.
		t.keys('b');
		await see(t, `${follower} link down`, s => header(s).includes('link broken') && /DOWN|down/.test(lineOf(s, follower)));
		t.keys('b');
		await see(t, `${follower} link restored`, s => header(s).includes('link restored') && onlineFollowers(s).includes(follower));

		// t + B: a throttled link and a burst: bytes behind climb, then drain once the link is restored.
		t.keys('t');
		await see(t, 'link throttled', s => header(s).includes('throttled'));
		// A burst is ~8 MB and the proxy passes 32 KB/s: megabytes behind. While the follower still
		// resyncs through the new proxy the burst lands in a (compressed) snapshot instead, so a person
		// presses B again: so does this test, up to three times.
		const megabytesBehind = (s: string) => (lagBytes(lineOf(s, follower)) ?? 0) >= 1024 ** 2;
		let lagging = false;
		for (let press = 0; press < 3 && !lagging; press++) {
			t.keys('B');
			lagging = (await t.until(megabytesBehind, 6000)).ok;
		}
		expect(lagging, `${follower} megabytes behind after a burst:\n${t.screen()}`).toBe(true);
		t.keys('t');
		await see(t, `${follower} caught up`, s => header(s).includes('link restored') && lagBytes(lineOf(s, follower)) === 0 && onlineFollowers(s).includes(follower), 20_000);

		// K: the follower dies, then is restarted.
		t.keys('K');
		await see(t, `${follower} killed`, s => header(s).includes('killed') && /silent|never answered|DOWN/.test(lineOf(s, follower)));
		t.keys('K');
		await see(t, `${follower} restarted`, s => header(s).includes('restarted') && onlineFollowers(s).includes(follower), 15_000);
		recordPids(pidFile);

		// M: disk-based sync on the leader: checklist 2.2.1 leaves pass.
		// The checklist is taller than the terminal: filter it down to the check, as a person would.
		t.keys('M');
		await see(t, 'the misconfiguration', s => header(s).includes('repl-diskless-sync'));
		t.keys('Tab');
		await see(t, 'the checklist selected', s => /▸ Checklist/.test(s));
		await findCheck(t, '2.2.1', /[!✖]/);
		await clearFilter(t);
		t.keys('Tab');
		await see(t, 'the timeline selected', s => s.includes('▸ Timeline'));
		t.keys('Tab');
		await see(t, 'the topology selected', s => s.includes('▸ Topology'));
		await see(t, 'the whole topology again', healthy);

		// X: the leader dies; the Sentinels promote a follower.
		t.keys('X');
		screen = await see(t, 'a new leader', s => leaders(s).some(a => a !== firstLeader), 15_000);
		expect(leaders(screen)).not.toContain(firstLeader);
		const {dir, pids} = recordPids(pidFile);
		expect(pids.length).toBeGreaterThanOrEqual(6);
		expect(existsSync(dir)).toBe(true);

		t.keys('q');
		expect(await waitFor(() => !t.alive(), 15_000, 100)).toBe(true);
		const gone = await waitFor(() => pids.every(pid => !isAlive(pid)) && !existsSync(dir), 5000, 100);
		expect({alive: pids.filter(isAlive), dirLeft: existsSync(dir)}).toEqual({alive: [], dirLeft: false});
		expect(gone).toBe(true);
	}, 80_000);

	it('closing the terminal (SIGHUP) stops every lab process', async () => {
		const {terminal: t, pidFile} = startLab('hup');
		await see(t, 'a leader and two online followers', healthy, 20_000);
		const {dir, pids} = (() => {
			const content = readPidFile(pidFile)!;
			for (const pid of content.pids) seenPids.add(pid);
			return {dir: content.dir, pids: [...content.pids]};
		})();
		expect(pids.every(isAlive)).toBe(true);
		t.kill();
		await waitFor(() => pids.every(pid => !isAlive(pid)) && !existsSync(dir), 15_000, 100);
		expect({alive: pids.filter(isAlive), dirLeft: existsSync(dir)}).toEqual({alive: [], dirLeft: false});
	}, 40_000);
});
