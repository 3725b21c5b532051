// Issue 25 item 1: the FAILOVER command's states on real servers. With its target replica SIGSTOPped,
// `FAILOVER TO … TIMEOUT` leaves the leader in waiting-for-sync (client writes block) and FORCE moves
// it to failover-in-progress (it follows the target, writes get READONLY, no node takes writes).
// Each step compares replwatch's row, 1.1.1 and alerts with the leader's own INFO read at that moment.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {labServer, startLab, type Lab, type LabProcess} from '../../source/lab/lab.js';
import {createMonitor, type Monitor} from '../../source/engine/monitor.js';
import {rawCommand} from '../../source/lab/processes.js';
import type {Snapshot} from '../../source/model/snapshot.js';
import {topologyRows} from '../../views/topology-rows.js';
import {nodeLine} from '../../views/node-line.js';
import {options, tickUntil} from './monitor-helpers.js';

const servers = (['redis', 'valkey'] as const).map(p => labServer(p)).filter(s => s !== undefined);

const stateOf = (info: string) => /(?:master|primary)_failover_state:(\S+)/.exec(info)?.[1];
const roleOf = (info: string) => /\brole:(\S+)/.exec(info)?.[1];
const check = (s: Snapshot, id: string) => s.checks.find(c => c.id === id)!;
const failoverOf = (s: Snapshot, address: string) => s.topology.nodes[address]?.sample.info?.fields.master_failover_state ?? s.topology.nodes[address]?.sample.info?.fields.primary_failover_state;

/** The node's topology row as the panel draws it at 120 columns. */
function rowText(s: Snapshot, address: string): string {
	const row = topologyRows(s.topology, s.history).find(r => r.kind === 'node' && r.address === address);
	return row?.kind === 'node' ? nodeLine(row, 116, false).text : '';
}

/** A write from a client: '' when it blocks past the timeout, else the server's reply. */
async function tryWrite(port: number): Promise<string> {
	try {
		return await rawCommand(port, ['SET', 'probe', '1'], 700);
	} catch {
		return '';
	}
}

describe.each(servers.map(s => [s.product, s] as const))('FAILOVER command states on %s', (_product, server) => {
	let lab: Lab;
	let monitor: Monitor | undefined;
	let target: LabProcess;
	beforeAll(async () => {
		lab = await startLab({server, followers: 2});
		target = lab.followers[0]!;
	});
	afterAll(async () => {
		await monitor?.stop();
		for (const f of lab?.followers ?? []) if (f.paused()) f.resume();
		await lab?.stop();
	});

	it('waiting-for-sync names the paused writes (row, 1.1.1, alert), TIMEOUT and ABORT end it; FORCE says no node takes writes', async () => {
		const leader = lab.leader;
		monitor = createMonitor(options(leader.address));
		await tickUntil(monitor, s => s.topology.links.filter(l => l.state === 'online').length === 2, 8000);
		await leader.command('SET', 'k', 'v');
		target.pause();
		await leader.command('SET', 'k', 'x'.repeat(1000));

		// TIMEOUT without FORCE: writes pause, then the leader gives up on its own.
		expect(await leader.command('FAILOVER', 'TO', '127.0.0.1', String(target.port), 'TIMEOUT', '3000')).toBe('+OK\r\n');
		let s = await tickUntil(monitor, x => failoverOf(x, leader.address) === 'waiting-for-sync', 5000);
		let info = await leader.command('INFO', 'replication');
		expect(stateOf(info)).toBe('waiting-for-sync');
		expect(await tryWrite(leader.port)).toBe(''); // the server really blocks writes now
		expect(rowText(s, leader.address)).toMatch(/^M \S+ master · FAILOVER waiting-for-sync: writes paused/);
		expect(check(s, '1.1.1').status).toBe('warn');
		expect(check(s, '1.1.1').summary).toBe(`FAILOVER on ${leader.address} waiting for a replica to catch up: client writes paused`);
		expect(check(s, '1.1.1').evidence.find(e => e.node === leader.address && e.text.startsWith('master_failover_state:waiting-for-sync'))?.text).toContain(`${target.address} acked`);
		expect(s.alerts?.find(a => a.rule === 'writes-paused' && a.subject === leader.address)?.state).toBe('firing');
		expect(s.events.some(e => e.kind === 'failover-command' && e.node === leader.address && e.text.includes('waiting-for-sync'))).toBe(true);
		s = await tickUntil(monitor, x => failoverOf(x, leader.address) === 'no-failover', 6000);
		info = await leader.command('INFO', 'replication');
		expect(stateOf(info)).toBe('no-failover');
		expect(roleOf(info)).toBe('master');
		expect(rowText(s, leader.address)).not.toContain('FAILOVER');
		expect(check(s, '1.1.1').summary).not.toContain('FAILOVER');
		expect(s.events.some(e => e.kind === 'failover-command' && e.text.startsWith('FAILOVER ended'))).toBe(true);

		// ABORT: the operator ends it.
		expect(await leader.command('FAILOVER', 'TO', '127.0.0.1', String(target.port), 'TIMEOUT', '60000')).toBe('+OK\r\n');
		s = await tickUntil(monitor, x => failoverOf(x, leader.address) === 'waiting-for-sync', 5000);
		expect(stateOf(await leader.command('INFO', 'replication'))).toBe('waiting-for-sync');
		expect(rowText(s, leader.address)).toContain('writes paused');
		expect(await leader.command('FAILOVER', 'ABORT')).toBe('+OK\r\n');
		s = await tickUntil(monitor, x => failoverOf(x, leader.address) === 'no-failover', 3000);
		expect(stateOf(await leader.command('INFO', 'replication'))).toBe('no-failover');
		expect(rowText(s, leader.address)).not.toContain('FAILOVER');

		// FORCE: past the timeout the leader follows its (still paused) target: nobody accepts writes.
		expect(await leader.command('FAILOVER', 'TO', '127.0.0.1', String(target.port), 'TIMEOUT', '1500', 'FORCE')).toBe('+OK\r\n');
		s = await tickUntil(monitor, x => failoverOf(x, leader.address) === 'failover-in-progress', 6000);
		info = await leader.command('INFO', 'replication');
		expect(stateOf(info)).toBe('failover-in-progress');
		expect(roleOf(info)).toBe('slave');
		expect(await tryWrite(leader.port)).toMatch(/^-READONLY/);
		expect(s.topology.nodes[leader.address]?.role).toBe('replica');
		expect(check(s, '1.1.1').status).toBe('fail');
		expect(check(s, '1.1.1').summary).toBe(`no node accepts writes: ${leader.address} is handing leadership to ${target.address} (FAILOVER in progress)`);
		expect(rowText(s, leader.address)).toContain('FAILOVER in progress: writes refused');
		expect(s.alerts?.find(a => a.rule === 'writes-paused' && a.subject === leader.address)?.text).toContain(`FAILOVER to ${target.address} in progress`);

		// The target wakes up, takes PSYNC FAILOVER and leads: the FAILOVER is over.
		target.resume();
		s = await tickUntil(monitor, x => x.topology.nodes[target.address]?.role === 'master' && failoverOf(x, leader.address) === 'no-failover', 15_000);
		expect(roleOf(await target.command('INFO', 'replication'))).toBe('master');
		expect(stateOf(await leader.command('INFO', 'replication'))).toBe('no-failover');
		expect(check(s, '1.1.1').summary).not.toContain('FAILOVER');
		expect(rowText(s, leader.address)).not.toContain('FAILOVER');
	}, 90_000);
});
