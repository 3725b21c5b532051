import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startLab, type Lab} from '../../source/lab/lab.js';
import {parseOptions, type Options} from '../../source/cli/options.js';
import {createMonitor, type Monitor} from '../../source/engine/monitor.js';
import type {Snapshot} from '../../source/model/snapshot.js';

function options(...argv: string[]): Options {
	const result = parseOptions(['--interval', '250ms', '--timeout', '500ms', ...argv], {});
	if (result.kind !== 'options') throw new Error(JSON.stringify(result));
	return result.options;
}

async function tickUntil(monitor: Monitor, predicate: (s: Snapshot) => boolean, timeoutMs: number): Promise<Snapshot> {
	const deadline = Date.now() + timeoutMs;
	let snapshot = await monitor.tickOnce();
	while (!predicate(snapshot) && Date.now() < deadline) {
		await new Promise(resolve => setTimeout(resolve, 100));
		snapshot = await monitor.tickOnce();
	}
	return snapshot;
}

const eventsOf = (s: Snapshot, node: string, kind: string, since: number) => s.events.filter(e => e.at >= since && e.node === node && e.kind === kind);

describe('node lifecycle on a real leader + follower (only the leader seeded)', () => {
	let lab: Lab;
	let monitor: Monitor;
	beforeAll(async () => {
		lab = await startLab({followers: 1});
		monitor = createMonitor(options(lab.leader.address));
	});
	afterAll(async () => {
		await monitor?.stop();
		await lab?.stop();
	});

	it('records a restart when a node comes back from kill -9 with a new run_id, and the texts do not repeat their kind', async () => {
		const follower = lab.followers[0]!;
		await tickUntil(monitor, s => s.topology.nodes[follower.address]?.sample.reachable === true, 5000);
		for (let cycle = 0; cycle < 2; cycle++) {
			const since = Date.now();
			await follower.kill9();
			await tickUntil(monitor, s => eventsOf(s, follower.address, 'unreachable', since).length > 0, 5000);
			await follower.start();
			const back = await tickUntil(monitor, s => eventsOf(s, follower.address, 'restart', since).length > 0, 8000);
			const restart = eventsOf(back, follower.address, 'restart', since);
			expect(restart).toHaveLength(1);
			expect(restart[0]!.text).toMatch(/^restarted \(run_id changed, up \d+ s\)$/);
		}
		const last = monitor.getSnapshot();
		expect(eventsOf(last, follower.address, 'unreachable', 0).map(e => e.text)).toEqual(['connection refused', 'connection refused']);
		for (const e of last.events) expect(e.text.toLowerCase().startsWith(`${e.kind}:`)).toBe(false);
	});
});
