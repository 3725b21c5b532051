// Issue 23: with stdin closed (or /dev/null) no key reaches the TUI; the status line says so.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {binary, ensureBuilt, hasTmux, openTerminal, see, type Terminal} from './tmux-helpers.js';

describe.skipIf(!hasTmux)('TUI without a terminal on stdin', () => {
	const terminals: Terminal[] = [];
	beforeAll(() => ensureBuilt());
	afterAll(() => {
		for (const t of terminals) t.kill();
	});

	it('says keys are unavailable when stdin is closed or /dev/null, and not when it is the terminal', async () => {
		for (const [label, redirect] of [['closed', '<&-'], ['null', '</dev/null']] as const) {
			const t = openTerminal(`stdin-${label}`, `node '${binary}' --no-discover 127.0.0.1:1 ${redirect}`, {cols: 120, rows: 40});
			terminals.push(t);
			const screen = await see(t, 'the status line', s => s.startsWith('replwatch'), 15_000);
			expect(screen.split('\n')[0]).toContain('keys unavailable: stdin is not a terminal (Ctrl+C or SIGTERM stops)');
		}
		const t = openTerminal('stdin-tty', `node '${binary}' --no-discover 127.0.0.1:1`, {cols: 120, rows: 40});
		terminals.push(t);
		const screen = await see(t, 'the status line', s => s.startsWith('replwatch') && s.includes('unreachable'), 15_000);
		expect(screen).not.toContain('keys unavailable');
	}, 60_000);
});
