let hungUp = false;

/** The terminal hung up (SIGHUP: the SSH connection dropped, the tmux session was killed). */
export function markHangup(): void {
	hungUp = true;
}

/**
 * process.exit, except after a hangup. At exit Node restores the terminal's modes with tcsetattr; on
 * a terminal that is gone that fails with EIO, and Node 20 aborts with an assertion in ResetStdio
 * (nodejs/node#51519, fixed by #58200 in later majors): a core dump instead of a clean exit. Dying of
 * the SIGHUP itself (default action, our listeners removed) skips the exit handlers, and there is no
 * terminal left to restore; a shell reports it as 129 all the same.
 */
export function exitProcess(code: number): never {
	// Only a terminal is restored at exit: with pipes (a script, a service) exit with the code as usual.
	if (hungUp && (process.stdin.isTTY || process.stdout.isTTY || process.stderr.isTTY)) {
		process.removeAllListeners('SIGHUP');
		process.kill(process.pid, 'SIGHUP');
	}
	process.exit(code);
}

type ShutdownHook = (reason: string) => Promise<void>;
const shutdownHooks = new Set<ShutdownHook>();

/** Work that must finish or be recorded before the process exits on a signal (a fix in flight). */
export function onShutdown(hook: ShutdownHook): () => void {
	shutdownHooks.add(hook);
	return () => shutdownHooks.delete(hook);
}

/** Runs every shutdown hook at once; a hook that throws does not stop the others. */
export async function runShutdownHooks(reason: string): Promise<void> {
	await Promise.all([...shutdownHooks].map(hook => hook(reason).catch(() => undefined)));
}
