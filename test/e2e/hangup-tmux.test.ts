import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {isAlive, waitFor} from '../../source/lab/processes.js';
import {binary, ensureBuilt, hasTmux, openTerminal} from './tmux-helpers.js';

// Issue 15: killing the terminal (SIGHUP) made Node 20 abort with an assertion in ResetStdio
// (tcsetattr on a gone tty), 4 of 4 tries. It must simply end.
const dir = mkdtempSync(join(tmpdir(), 'replwatch-hangup-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

describe.skipIf(!hasTmux)('the terminal hangs up', () => {
	it('the TUI ends without an assertion, a core dump or a leftover process', async () => {
		ensureBuilt();
		const [pidFile, errFile] = [join(dir, 'pid'), join(dir, 'stderr')];
		// Port 1 on loopback: nothing answers, the UI runs anyway (no server needed for this test).
		const t = openTerminal('hangup15', `sh -c 'echo $$ > ${pidFile}; exec node ${binary} --timeout 200ms 127.0.0.1:1 2>${errFile}'`, {cols: 100, rows: 30});
		try {
			expect((await t.until(s => s.includes('127.0.0.1:1'))).ok).toBe(true);
			const pid = Number(readFileSync(pidFile, 'utf8'));
			t.kill();
			expect(await waitFor(() => !isAlive(pid), 5000, 50)).toBe(true);
			expect(readFileSync(errFile, 'utf8')).not.toMatch(/Assertion|ResetStdio|Native stack/);
		} finally {
			t.kill();
		}
	});
});
