import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createLabControls, type LabFaults} from '../../source/lab/faults.js';
import {startLab, type Lab} from '../../source/lab/lab.js';
import {labUiOptions} from '../../source/lab/monitor-bridge.js';
import {monitorSampleFor} from '../../source/cli/monitor-sample-wiring.js';
import {options, tickUntil} from './monitor-helpers.js';
import {createMonitor, type Monitor} from '../../source/engine/monitor.js';
import type {UiOptions} from '../../source/model/ui-contracts.js';

// The wiring `replwatch lab` hands to the TUI, on a real lab seeded as the lab seeds it (every node).
describe('replwatch lab UI wiring on a real leader + follower', () => {
	let lab: Lab;
	let faults: LabFaults;
	let monitor: Monitor;
	let ui: UiOptions;
	beforeAll(async () => {
		lab = await startLab({followers: 1});
		faults = createLabControls(lab);
		const o = options(lab.leader.address, lab.followers[0]!.address);
		monitor = createMonitor(o);
		ui = labUiOptions({options: o, monitor, lab: faults, monitorSample: monitorSampleFor(o, monitor)});
	});
	afterAll(async () => {
		await monitor?.stop();
		await faults?.stop();
		await lab?.stop();
	});

	it('offers the MONITOR sample key like the plain monitor does', () => {
		expect(ui.monitorSample?.warning).toBeTruthy();
		expect(typeof ui.monitorSample?.run).toBe('function');
	});

	it('notes every lab action in the timeline; b then b again leaves no phantom node at the closed port', async () => {
		const follower = lab.followers[0]!;
		await tickUntil(monitor, s => s.topology.links.some(l => l.follower === follower.address && l.linkStatus === 'up'), 5000);
		const broke = await ui.lab!.run('break-link', follower.address);
		expect(monitor.getSnapshot().events.at(-1)).toMatchObject({node: follower.address, kind: 'lab', text: broke});
		const closed = /REPLICAOF (127\.0\.0\.1:\d+)/.exec(broke)?.[1] ?? '';
		const phantom = await tickUntil(monitor, s => Object.keys(s.topology.nodes).length === 3, 5000);
		const extra = Object.keys(phantom.topology.nodes).find(a => a !== lab.leader.address && a !== follower.address)!;
		expect(phantom.topology.nodes[extra]?.sample.reachable).toBe(false);
		if (closed) expect(extra).toBe(closed);

		const restored = await ui.lab!.run('break-link');
		expect(restored).toContain('link restored');
		expect(monitor.getSnapshot().events.some(e => e.kind === 'lab' && e.node === '' && e.text === restored)).toBe(true);
		const healed = await tickUntil(
			monitor,
			s => !s.topology.nodes[extra] && s.topology.links.some(l => l.follower === follower.address && l.linkStatus === 'up') && s.checks.find(c => c.id === '1.1.1')?.status === 'pass',
			8000,
		);
		expect(Object.keys(healed.topology.nodes).sort()).toEqual([lab.leader.address, follower.address].sort());
		expect(healed.topology.groups.every(g => g.leader !== undefined)).toBe(true);
		expect(healed.checks.find(c => c.id === '1.1.1')?.status).toBe('pass');
	});
});
