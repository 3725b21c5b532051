import {parseOptions, type Options} from '../../source/cli/options.js';
import type {Monitor} from '../../source/engine/monitor.js';
import type {Snapshot} from '../../source/model/snapshot.js';

/** Monitor options as the CLI parses them, with a fast interval and timeout for tests. */
export function options(...argv: string[]): Options {
	const defaults = [...(argv.includes('--interval') ? [] : ['--interval', '250ms']), ...(argv.includes('--timeout') ? [] : ['--timeout', '500ms'])];
	const result = parseOptions([...defaults, ...argv], {});
	if (result.kind !== 'options') throw new Error(JSON.stringify(result));
	return result.options;
}

/** Ticks until the snapshot satisfies the predicate (or the time is up); returns the last one. */
export async function tickUntil(monitor: Monitor, predicate: (s: Snapshot) => boolean, timeoutMs: number): Promise<Snapshot> {
	const deadline = Date.now() + timeoutMs;
	let snapshot = await monitor.tickOnce();
	while (!predicate(snapshot) && Date.now() < deadline) {
		await new Promise(resolve => setTimeout(resolve, 100));
		snapshot = await monitor.tickOnce();
	}
	return snapshot;
}
