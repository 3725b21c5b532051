// Issue 4, "Done when": a tmux-driven test types the keys a person would and reads the screen after
// each step. The lab misconfigures a node (M), the operator opens the fix (f), cancels, applies, and
// the check turns green; the server is read over a raw socket, not through the code under test.
import {existsSync, readFileSync} from 'node:fs';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {rawCommand, waitFor} from '../../source/lab/processes.js';
import {
	binary, ensureBuilt, hasTmux, header, isAlive, killLeftovers, leaders, onlineFollowers, openTerminal, readPidFile,
	findCheck, pressUntil, see, tempPidFile, type Terminal,
} from './tmux-helpers.js';

const seenPids = new Set<number>();
const cleanups: Array<() => void> = [];

function startLab(label: string, extra: string): {terminal: Terminal; pidFile: string} {
	const pidFile = tempPidFile();
	cleanups.push(pidFile.cleanup);
	const terminal = openTerminal(label, `REPLWATCH_LAB_PIDFILE='${pidFile.path}' node '${binary}' lab ${extra}`);
	cleanups.push(() => terminal.kill());
	return {terminal, pidFile: pidFile.path};
}

const healthy = (screen: string) => leaders(screen).length === 1 && onlineFollowers(screen).length === 2;

/** CONFIG GET over a raw socket: `[name, value]` out of the RESP reply. */
async function configValue(address: string, parameter: string): Promise<string> {
	const port = Number(address.split(':').pop());
	const lines = (await rawCommand(port, ['CONFIG', 'GET', parameter])).split('\r\n');
	return lines[4] ?? '';
}

const fixPrompt = (id: string) => (s: string) => s.includes(`Fix ${id}:`);
const inReview = (s: string) => /y (apply|confirm \(typed\))/.test(s) && !s.includes('Confirm:');

/** M (disk-based sync on the leader), then the checklist with 2.2.1 selected and warning: the screen. */
async function disklessSyncOffSelected(t: Terminal): Promise<string> {
	t.keys('M');
	await see(t, 'the misconfiguration', s => header(s).includes('repl-diskless-sync'));
	t.keys('Tab');
	await see(t, 'the checklist selected', s => s.includes('▸ Checklist'));
	return findCheck(t, '2.2.1', /[!✖]/);
}

async function stopLab(t: Terminal, pidFile: string): Promise<void> {
	const content = readPidFile(pidFile);
	for (const pid of content?.pids ?? []) seenPids.add(pid);
	t.keys('q');
	expect(await waitFor(() => !t.alive(), 15_000, 100)).toBe(true);
	const pids = [...content?.pids ?? []];
	await waitFor(() => pids.every(pid => !isAlive(pid)), 5000, 100);
	expect(pids.filter(isAlive)).toEqual([]);
	expect(content && existsSync(content.dir)).toBe(false);
}

describe.skipIf(!hasTmux)('fix flow in a real terminal', () => {
	let audit: ReturnType<typeof tempPidFile>;
	beforeAll(() => {
		ensureBuilt();
		audit = tempPidFile();
		cleanups.push(audit.cleanup);
	});
	afterAll(() => {
		for (const cleanup of cleanups.splice(0).reverse()) cleanup();
		killLeftovers(seenPids);
	});

	it('2.2.1: Esc cancels, y applies and verifies, the check passes; 1.1.2 needs the address typed', async () => {
		const auditPath = audit.path.replace(/lab\.json$/, 'audit.log');
		const {terminal: t, pidFile} = startLab('fix', `--audit-log '${auditPath}'`);
		let screen = await see(t, 'a leader and two online followers', healthy, 20_000);
		const leader = leaders(screen)[0]!;

		// M: disk-based sync on the leader; 2.2.1 warns.
		screen = await disklessSyncOffSelected(t);
		expect(screen).toMatch(/\bf fix\b/);
		expect(await configValue(leader, 'repl-diskless-sync')).toBe('no');

		// f: the node, the exact command, current → proposed, the risk.
		t.keys('f');
		screen = await see(t, 'the fix prompt', fixPrompt('2.2.1'));
		expect(screen).toContain(`Target: ${leader}`);
		expect(screen).toContain('Command: CONFIG SET repl-diskless-sync yes');
		expect(screen).toMatch(/Value: no (→|->) yes/);
		expect(screen).toMatch(/Risk: low/);

		// Esc: cancelled, nothing sent.
		await pressUntil(t, 'Escape', 'the checklist again', s => !fixPrompt('2.2.1')(s) && s.includes('2.2.1'), fixPrompt('2.2.1'));
		expect(await configValue(leader, 'repl-diskless-sync')).toBe('no');

		// f, y: applied, read back, verified.
		await pressUntil(t, 'f', 'the fix prompt again', fixPrompt('2.2.1'), s => !fixPrompt('2.2.1')(s));
		screen = await pressUntil(t, 'y', 'applied and verified', s => /applied .*CONFIG SET repl-diskless-sync yes.*no (→|->) yes, verified/.test(s), inReview);
		expect(await configValue(leader, 'repl-diskless-sync')).toBe('yes');
		// Any key but y: runtime only (no CONFIG REWRITE).
		t.keys('x');
		await see(t, '2.2.1 passes', s => !fixPrompt('2.2.1')(s) && /▸✔ 2\.2\.1\b/.test(s), 10_000);

		// M again: a writable replica; 1.1.2 fails. High risk: y alone sends nothing.
		screen = await pressUntil(t, 'M', 'a writable replica', s => header(s).includes('replica-read-only'), s => !fixPrompt('2.2.1')(s));
		const replica = /(\d+\.\d+\.\d+\.\d+:\d+): replica-read-only/.exec(header(screen))![1]!;
		expect(await configValue(replica, 'replica-read-only')).toBe('no');
		await findCheck(t, '1.1.2', /✖/);
		screen = await pressUntil(t, 'f', 'the high-risk prompt', fixPrompt('1.1.2'), s => !fixPrompt('1.1.2')(s));
		expect(screen).toContain(`Target: ${replica}`);
		expect(screen).toContain('Command: CONFIG SET replica-read-only yes');
		expect(screen).toMatch(/Risk: HIGH/);
		await pressUntil(t, 'y', 'the typed confirmation', s => s.includes(`type ${replica} or yes`) && s.includes('Confirm:'), inReview);
		t.keys('Enter');
		await see(t, 'not confirmed', s => s.includes('not confirmed'));
		expect(await configValue(replica, 'replica-read-only')).toBe('no');
		t.type(replica);
		t.keys('Enter');
		await see(t, 'applied and verified', s => /applied .*CONFIG SET replica-read-only yes.*verified/.test(s));
		expect(await configValue(replica, 'replica-read-only')).toBe('yes');
		t.keys('x');
		await see(t, '1.1.2 passes', s => !fixPrompt('1.1.2')(s) && /▸✔ 1\.1\.2\b/.test(s), 10_000);

		// The audit log: one line per decision, nothing secret.
		const text = readFileSync(auditPath, 'utf8');
		const lines = text.trim().split('\n').map(l => JSON.parse(l) as Record<string, unknown>);
		expect(lines.map(l => [l['check'], l['node'], l['result']])).toEqual([
			['2.2.1', leader, 'cancelled'],
			['2.2.1', leader, 'attempt'],
			['2.2.1', leader, 'sent-and-confirmed'],
			['1.1.2', replica, 'attempt'],
			['1.1.2', replica, 'sent-and-confirmed'],
		]);
		expect(lines[2]).toMatchObject({command: ['CONFIG', 'SET', 'repl-diskless-sync', 'yes'], before: 'no', after: 'yes'});
		expect(text).not.toMatch(/pass|auth|secret/i);

		await stopLab(t, pidFile);
	}, 80_000);

	it('--read-only: no fix hint, f changes nothing', async () => {
		const {terminal: t, pidFile} = startLab('ro', '--read-only');
		let screen = await see(t, 'a leader and two online followers', healthy, 20_000);
		const leader = leaders(screen)[0]!;
		await disklessSyncOffSelected(t);
		screen = t.screen();
		expect(screen).not.toMatch(/\bf fix\b/);
		t.keys('f');
		// A negative: give the app a few frames to (not) react, then read the screen and the server.
		await new Promise(resolve => setTimeout(resolve, 1500));
		screen = t.screen();
		expect(screen).not.toContain('Fix 2.2.1');
		expect(screen).not.toContain('CONFIG SET');
		expect(screen).toMatch(/▸[!✖] 2\.2\.1\b/);
		expect(await configValue(leader, 'repl-diskless-sync')).toBe('no');
		await stopLab(t, pidFile);
	}, 45_000);
});
