import {exitProcess, markHangup, runShutdownHooks} from './exit.js';

const codes: Partial<Record<NodeJS.Signals, number>> = {SIGINT: 130, SIGTERM: 143, SIGHUP: 129};

/**
 * SIGINT, SIGTERM, SIGHUP: the shutdown hooks first (a fix in flight is finished or recorded), then
 * `stop`, then exit with 128 + the signal. A second signal, or 3 s, exits at once.
 */
export function onSignals(stop: () => Promise<void>): void {
	let stopping = false;
	for (const signal of Object.keys(codes) as NodeJS.Signals[]) {
		process.on(signal, () => {
			if (signal === 'SIGHUP') markHangup();
			const code = codes[signal]!;
			if (stopping) exitProcess(code);
			stopping = true;
			const force = setTimeout(() => exitProcess(code), 3000);
			force.unref();
			void Promise.all([runShutdownHooks(signal), stop()]).finally(() => exitProcess(code));
		});
	}
}
