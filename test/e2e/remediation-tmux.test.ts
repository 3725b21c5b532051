// The fix flow through the real binary in a real terminal (tmux). Skipped until dist/main.js
// bundles the app with FixPrompt wired in (`npm run build`), or when tmux is missing.
import {execFileSync} from 'node:child_process';
import {existsSync, readFileSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startLab, type Lab} from '../../source/lab/lab.js';
import {waitFor, which} from '../../source/lab/processes.js';
import {auditLines, configSetCalls, configValue, tempAuditPath} from '../integration/remediation-helpers.js';

const root = join(import.meta.dirname, '..', '..');
const bundle = join(root, 'dist', 'main.js');
const appHasFixPrompt = existsSync(bundle) && readFileSync(bundle, 'utf8').includes('Persist with CONFIG REWRITE');
const session = `replwatch-e2e-fix-${process.pid}`;

const tmux = (...args: string[]) => execFileSync('tmux', args, {encoding: 'utf8'});
const screen = () => tmux('capture-pane', '-p', '-t', session);
const keys = (...k: string[]) => tmux('send-keys', '-t', session, ...k);
const shows = (text: string, ms = 8000) => waitFor(() => screen().includes(text), ms, 100);

describe.skipIf(!appHasFixPrompt || !which('tmux'))('fix flow in a real terminal', () => {
	let lab: Lab;
	let audit: string;
	beforeAll(async () => {
		lab = await startLab({followers: 2, leaderArgs: ['--repl-disable-tcp-nodelay', 'yes']});
		audit = tempAuditPath();
	});
	afterAll(async () => {
		try {
			tmux('kill-session', '-t', session);
		} catch {
			// already gone
		}
		await lab?.stop();
	});

	const launch = (...extra: string[]) => tmux(
		'new-session', '-d', '-s', session, '-x', '120', '-y', '40',
		`node ${join(root, 'bin', 'replwatch.js')} ${lab.leader.address} --audit-log ${audit} ${extra.join(' ')}`,
	);

	it('check 1.2.8: f opens the prompt, Esc cancels, y applies and the audit log records both', async () => {
		launch();
		expect(await shows('1.2.8')).toBe(true);
		const callsBefore = await configSetCalls(lab.leader);
		keys('Tab', '/', '1.2.8', 'Enter', 'f');
		expect(await shows('CONFIG SET repl-disable-tcp-nodelay no')).toBe(true);
		keys('Escape');
		expect(await waitFor(() => !screen().includes('CONFIG SET repl-disable-tcp-nodelay no'), 5000, 100)).toBe(true);
		expect(await configSetCalls(lab.leader)).toBe(callsBefore);
		keys('f');
		expect(await shows('CONFIG SET repl-disable-tcp-nodelay no')).toBe(true);
		keys('y');
		expect(await shows('verified')).toBe(true);
		expect(await configValue(lab.leader, 'repl-disable-tcp-nodelay')).toBe('no');
		expect(auditLines(audit).map(l => l['result'])).toEqual(['cancelled', 'applied']);
		keys('x', 'q');
	});
});
