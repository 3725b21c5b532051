// What the topology panel shows of real Sentinels: three found from one address, then NOQUORUM
// when two of them stop answering (SIGSTOP), through the engine, the checks and the panel rows.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {topologyRows} from '../../views/topology-rows.js';
import type {SentinelSummaryRow} from '../../views/row-types.js';
import {sentinelSummaryLine} from '../../views/topology-lines.js';
import {parseOptions} from '../../source/cli/options.js';
import {createMonitor, type Monitor} from '../../source/engine/monitor.js';
import {startLab, type Lab} from '../../source/lab/lab.js';
import type {Snapshot} from '../../source/model/snapshot.js';

let lab: Lab;
let monitor: Monitor;

async function tickUntil(predicate: (s: Snapshot) => boolean, timeoutMs: number): Promise<Snapshot> {
	const deadline = Date.now() + timeoutMs;
	let snapshot = await monitor.tickOnce();
	while (!predicate(snapshot) && Date.now() < deadline) {
		await new Promise(resolve => setTimeout(resolve, 200));
		snapshot = await monitor.tickOnce();
	}
	return snapshot;
}

const summary = (s: Snapshot) => topologyRows(s.topology, s.history).find((r): r is SentinelSummaryRow => r.kind === 'sentinel-summary');
const check = (s: Snapshot, id: string) => s.checks.find(c => c.id === id)?.status;

beforeAll(async () => {
	lab = await startLab({followers: 2, sentinels: 3});
	const parsed = parseOptions(['--sentinel', lab.sentinels[0]!.address, '--master-name', lab.masterName, '--interval', '500ms', '--timeout', '500ms'], {});
	if (parsed.kind !== 'options') throw new Error('options did not parse');
	monitor = createMonitor(parsed.options);
});

afterAll(async () => {
	for (const s of lab?.sentinels ?? []) s.resume();
	await monitor?.stop();
	await lab?.stop();
});

describe('Sentinels on the topology panel, real lab', () => {
	it('one Sentinel address is enough to list all three, with quorum and CKQUORUM OK', async () => {
		const s = await tickUntil(x => summary(x)?.reachable === 3 && summary(x)?.quorumOk === true, 15_000);
		expect([...new Set(s.topology.sentinels.map(v => v.address))].sort()).toEqual(lab.sentinels.map(x => x.address).sort());
		const row = summary(s)!;
		expect(row.masterAddr).toBe(lab.leader.address);
		expect(sentinelSummaryLine(row, false, false).text).toMatch(/^Sentinels of mymaster: 3\/3 up · master \S+ · quorum 2 · CKQUORUM OK$/);
		expect(check(s, '3.2')).toBe('pass');
	});

	it('two Sentinels stopped: the panel says NOQUORUM and check 3.2 fails within about 10 s', async () => {
		lab.sentinels[1]!.pause();
		lab.sentinels[2]!.pause();
		const started = Date.now();
		const s = await tickUntil(x => summary(x)?.quorumOk === false && check(x, '3.2') === 'fail', 15_000);
		expect(Date.now() - started).toBeLessThan(12_000);
		const row = summary(s)!;
		expect(row.reachable).toBe(1);
		expect(sentinelSummaryLine(row, false, false).text).toMatch(/1\/3 up · NOQUORUM \(1 usable\) · master \S+ · quorum 2/);
		const silent = topologyRows(s.topology, s.history).filter(r => r.kind === 'sentinel' && !r.reachable).map(r => (r.kind === 'sentinel' ? r.address : ''));
		expect(silent.sort()).toEqual([lab.sentinels[1]!.address, lab.sentinels[2]!.address].sort());
	});
});
