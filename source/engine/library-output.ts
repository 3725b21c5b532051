import {format} from 'node:util';
import {sanitize} from '../model/sanitize.js';
import {safeErrorLine} from '../model/secrets.js';

const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
/** The same line again within this long is dropped (ioredis repeats its AUTH warning on every reconnect). */
const repeatMs = 60_000;
const maxRemembered = 100;

/** What ioredis says, in words an operator acts on; anything else is passed on as it was printed. */
function explain(line: string): string {
	if (/does not require a password, but a password was supplied/i.test(line)) {
		return 'a server (often a Sentinel without requirepass) needs no password but was sent one; give Sentinels their own with --sentinel-pass or REDISCLI_SENTINEL_AUTH';
	}
	return line.replace(/^\[(WARN|ERROR)\]\s*/, '');
}

/**
 * While a run is live, nothing a library prints may reach the terminal: Ink would be overdrawn
 * (patchConsole is off) and a headless run would grow stray stderr lines. console.* and Node's
 * process warnings are captured, made one safe line (control characters stripped, secrets masked,
 * bounded) and handed to `sink` (the timeline). Returns the function that restores them.
 */
export function captureLibraryOutput(sink: (line: string) => void, now: () => number = Date.now): () => void {
	const seen = new Map<string, number>();
	const route = (args: unknown[]) => {
		let line: string;
		try {
			line = safeErrorLine(sanitize(explain(format(...args).split('\n')[0] ?? '')));
		} catch {
			return;
		}
		if (line === '') return;
		const last = seen.get(line);
		if (last !== undefined && now() - last < repeatMs) return;
		if (seen.size >= maxRemembered) seen.clear();
		seen.set(line, now());
		try {
			sink(line);
		} catch {
			// the sink's failure must not reach the library that printed
		}
	};
	const saved = methods.map(name => [name, console[name]] as const);
	for (const name of methods) console[name] = (...args: unknown[]) => route(args);
	// Node prints process warnings through its own 'warning' listener: replace it while captured.
	const warningListeners = process.listeners('warning');
	process.removeAllListeners('warning');
	const onWarning = (warning: Error) => route([`${warning.name}: ${warning.message}`]);
	process.on('warning', onWarning);
	return () => {
		for (const [name, fn] of saved) console[name] = fn;
		process.off('warning', onWarning);
		for (const listener of warningListeners) process.on('warning', listener as (w: Error) => void);
	};
}
