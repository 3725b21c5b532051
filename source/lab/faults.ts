import type {Address} from '../model/types.js';
import type {LabAction, LabControls} from '../model/ui-contracts.js';
import type {Lab, LabProcess} from './lab.js';
import {currentLeader, dataNodes} from './leader.js';
import type {LoadGenerator} from './load.js';
import {findFreePort} from './processes.js';
import {startThrottleProxy, type ThrottleProxy} from './proxy.js';
import {formatBytes} from '../model/units.js';

/**
 * Lab fault keys. They avoid the TUI's global keys (q ? p w / Tab Enter Esc j k arrows n r f);
 * the destructive ones are capitals. Each key toggles: pressed again it undoes its fault (one
 * faulted follower per key at a time). kill-leader finds the current leader itself (target 'none'),
 * so it also works while no node is a leader.
 */
export const labActions: readonly LabAction[] = [
	{id: 'pause-follower', key: 's', description: 'pause/resume a follower (SIGSTOP/SIGCONT)', target: 'follower'},
	{id: 'kill-follower', key: 'K', description: 'kill -9 / restart a follower', target: 'follower'},
	{id: 'break-link', key: 'b', description: 'break/restore a follower link (REPLICAOF a closed port)', target: 'follower'},
	{id: 'throttle-link', key: 't', description: 'throttle/restore a follower link (slow proxy)', target: 'follower'},
	{id: 'burst', key: 'B', description: 'write burst (~8 MiB, backlog pressure)', target: 'none'},
	{id: 'kill-leader', key: 'X', description: 'kill -9 the leader (Sentinel failover) / restart it', target: 'none'},
	{id: 'misconfigure', key: 'M', description: 'misconfigure a node (cycles: disk sync, writable replica, tiny backlog)', target: 'none'},
];

export interface LabFaultOptions {
	readonly load?: LoadGenerator;
	/** Bytes written by the burst action. */
	readonly burstBytes?: number;
	/** Rate of the throttled link in bytes per second. */
	readonly throttleBytesPerSecond?: number;
}

export interface LabFaults extends LabControls {
	/** Stops the proxies this object started (the lab's processes are stopped by lab.stop()). */
	stop(): Promise<void>;
}

const mb = (bytes: number) => formatBytes(bytes);
const duration = (ms: number) => (ms < 1000 ? `${ms} ms` : `${(ms / 1000).toFixed(1)} s`);

async function masterPort(node: LabProcess): Promise<number | undefined> {
	const match = /master_port:(\d+)/.exec(await node.command('INFO', 'replication'));
	return match ? Number(match[1]) : undefined;
}

function checkOk(reply: string, what: string): void {
	if (reply.startsWith('-')) throw new Error(`${what}: ${reply.slice(1).trim()}`);
}

// Sentinel re-points a replica that follows the wrong master once failover-timeout has passed.
const repointedBy = (node: LabProcess) => (node.running() ? 'Sentinel or a restart re-pointed it to the leader' : 'it is not running');

export function createLabControls(lab: Lab, options: LabFaultOptions = {}): LabFaults {
	const burstBytes = options.burstBytes ?? 8 * 1024 * 1024;
	const throttleRate = options.throttleBytesPerSecond ?? 32 * 1024;
	const proxies = new Map<LabProcess, ThrottleProxy>();
	const brokenPorts = new Map<LabProcess, number>();
	let killedFollower: LabProcess | undefined;
	let killedLeader: LabProcess | undefined;
	let misconfigureStep = 0;

	const leaderOrFail = async (): Promise<LabProcess> => {
		const leader = await currentLeader(lab);
		if (!leader) throw new Error('no leader found in the lab');
		return leader;
	};

	/** The given address when it is a follower of the lab now, else the first follower (follower1). */
	const pickFollower = async (target?: Address): Promise<LabProcess> => {
		const leader = await currentLeader(lab);
		const followers = [...lab.followers, lab.leader].filter(n => n !== leader);
		const chosen = followers.find(n => n.address === target) ?? followers[0];
		if (!chosen) throw new Error('the lab has no follower');
		return chosen;
	};

	const replicaOfLeader = async (node: LabProcess) => {
		const leader = await leaderOrFail();
		checkOk(await node.command('REPLICAOF', '127.0.0.1', String(leader.port)), `${node.name} REPLICAOF`);
		return leader;
	};

	const restoreLink = async (node: LabProcess) => {
		const leader = await replicaOfLeader(node);
		brokenPorts.delete(node);
		const proxy = proxies.get(node);
		proxies.delete(node);
		await proxy?.stop();
		return leader;
	};

	// Names follow the roles as they are now (after a failover the start-up "leader" is a follower).
	let leaderNow: LabProcess | undefined;
	const label = (node: LabProcess) => `${node === leaderNow ? 'leader' : node === killedLeader ? 'former leader' : 'follower'} ${node.address}`;
	const leaderLabel = (node: LabProcess) => `leader ${node.address}`;

	const actions: Record<string, (target?: Address) => Promise<string>> = {
		async 'pause-follower'(target) {
			// One paused follower at a time, so the key is a plain toggle whatever is selected.
			const paused = dataNodes(lab).find(n => n.paused());
			if (paused) {
				paused.resume();
				return `${label(paused)} resumed (SIGCONT)`;
			}
			const node = await pickFollower(target);
			if (!node.running()) return `${label(node)} is not running`;
			node.pause();
			return `${label(node)} paused (SIGSTOP)`;
		},
		async 'kill-follower'(target) {
			// The TUI cannot select a dead node as a follower: a killed follower comes back on the next press.
			const down = killedFollower && !killedFollower.running() ? killedFollower : undefined;
			const node = down ?? (await pickFollower(target));
			if (!node.running()) {
				const leader = await leaderOrFail();
				await node.start(['--replicaof', '127.0.0.1', String(leader.port)]);
				killedFollower = undefined;
				return `${label(node)} restarted as a follower of ${leader.address}`;
			}
			await node.kill9();
			killedFollower = node;
			return `${label(node)} killed (SIGKILL)`;
		},
		async 'break-link'(target) {
			for (const [node, broken] of brokenPorts) {
				if (node.paused()) return `${label(node)} is paused: resume it (s) first`;
				brokenPorts.delete(node);
				if (node.running() && (await masterPort(node)) === broken) {
					const leader = await restoreLink(node);
					return `${label(node)} link restored (REPLICAOF ${leader.address})`;
				}
				return `${label(node)} link was already restored (${repointedBy(node)})`;
			}
			const node = await pickFollower(target);
			const closed = await findFreePort();
			checkOk(await node.command('REPLICAOF', '127.0.0.1', String(closed)), `${node.name} REPLICAOF`);
			brokenPorts.set(node, closed);
			return `${label(node)} link broken (REPLICAOF 127.0.0.1:${closed}, nothing listens there)`;
		},
		async 'throttle-link'(target) {
			for (const [node, proxy] of proxies) {
				if (node.paused()) return `${label(node)} is paused: resume it (s) first`;
				if (node.running() && (await masterPort(node)) === proxy.port) {
					const leader = await restoreLink(node);
					return `${label(node)} link restored (REPLICAOF ${leader.address}, proxy stopped)`;
				}
				proxies.delete(node);
				await proxy.stop();
				return `${label(node)} link was no longer throttled (${repointedBy(node)}); proxy stopped`;
			}
			const node = await pickFollower(target);
			const leader = await leaderOrFail();
			const proxy = await startThrottleProxy({targetPort: leader.port, bytesPerSecond: throttleRate});
			proxies.set(node, proxy);
			checkOk(await node.command('REPLICAOF', '127.0.0.1', String(proxy.port)), `${node.name} REPLICAOF`);
			return `${label(node)} link throttled to ${formatBytes(throttleRate)}/s (REPLICAOF proxy 127.0.0.1:${proxy.port} → ${leader.address})`;
		},
		async burst() {
			if (!options.load) return 'no load generator in this lab (started with --no-load)';
			const started = Date.now();
			const written = await options.load.burst(burstBytes);
			const leader = options.load.stats().leader ?? 'the leader';
			return `wrote ${mb(written)} to ${leader} in ${duration(Date.now() - started)}`;
		},
		async 'kill-leader'() {
			if (killedLeader && !killedLeader.running()) {
				const node = killedLeader;
				await node.start();
				// Back as a master, the way it ran before the crash: Sentinel then converts it to a replica.
				if (lab.sentinels.length > 0) checkOk(await node.command('REPLICAOF', 'NO', 'ONE'), `${node.name} REPLICAOF NO ONE`);
				else if (node !== lab.leader) await replicaOfLeader(node);
				killedLeader = undefined;
				return lab.sentinels.length > 0
					? `${label(node)} restarted as a master (Sentinel will convert it to a replica)`
					: `${label(node)} restarted`;
			}
			const leader = await leaderOrFail();
			if (!leader.running()) return `${label(leader)} is already down`;
			await leader.kill9();
			killedLeader = leader;
			return lab.sentinels.length > 0
				? `${leaderLabel(leader)} killed (SIGKILL); Sentinels will fail over`
				: `${leaderLabel(leader)} killed (SIGKILL); no Sentinel: nobody will fail over`;
		},
		async misconfigure(target) {
			const step = misconfigureStep++ % 3;
			if (step === 1) {
				const node = await pickFollower(target);
				checkOk(await node.command('CONFIG', 'SET', 'replica-read-only', 'no'), `${node.name} CONFIG SET`);
				return `${label(node)}: replica-read-only set to no (writable replica, checklist 1.1.2)`;
			}
			const leader = await leaderOrFail();
			if (step === 0) {
				checkOk(await leader.command('CONFIG', 'SET', 'repl-diskless-sync', 'no'), `${leader.name} CONFIG SET`);
				return `${label(leader)}: repl-diskless-sync set to no (disk-based sync, checklist 2.2.1)`;
			}
			checkOk(await leader.command('CONFIG', 'SET', 'repl-backlog-size', '16kb'), `${leader.name} CONFIG SET`);
			return `${label(leader)}: repl-backlog-size set to 16kb (tiny backlog, checklist 2.4.2)`;
		},
	};

	return {
		actions: labActions,
		async run(id, target) {
			const action = actions[id];
			if (!action) return `unknown lab action ${id}`;
			try {
				leaderNow = await currentLeader(lab).catch(() => undefined);
				return await action(target);
			} catch (error) {
				return `${id} failed: ${error instanceof Error ? error.message : String(error)}`;
			}
		},
		async stop() {
			const all = [...proxies.values()];
			proxies.clear();
			await Promise.all(all.map(p => p.stop()));
		},
	};
}
