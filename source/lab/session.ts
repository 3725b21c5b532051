import {spawn} from 'node:child_process';
import {rmSync, writeFileSync} from 'node:fs';
import {join} from 'node:path';
import type {LabControls, LabAction} from '../model/ui-contracts.js';
import {createLabControls, type LabFaults} from './faults.js';
import {startLab, type Lab} from './lab.js';
import {startLoad, type LoadGenerator} from './load.js';

export interface LabSessionOptions {
	readonly followers: number;
	readonly sentinels: number;
	/** Operations per second; 0 = no load. */
	readonly rate: number;
	/** File that always holds {"dir", "pids"} of the running lab (for scripts and tests). */
	readonly pidFile?: string;
}

/** The lab as `replwatch lab` runs it: processes, load, fault controls, and one way to stop all of it. */
export interface LabSession {
	readonly lab: Lab;
	readonly load?: LoadGenerator;
	readonly controls: LabControls;
	/** Stops load, proxies and every process, removes the temp dir. Idempotent. */
	stop(): Promise<void>;
	/** Last resort for process 'exit': SIGKILL every recorded PID and remove the dir, synchronously. */
	killNow(): void;
}

const rateActions: readonly LabAction[] = [
	{id: 'load-faster', key: '+', description: 'double the load rate', target: 'none'},
	{id: 'load-slower', key: '-', description: 'halve the load rate', target: 'none'},
];

// Settings that keep a fresh lab green: diskless delay 1 s (0 forks once per replica), saves on,
// failover-timeout 30 s (Sentinel also waits that long before it re-points a follower we misdirected).
const labNodeArgs = ['--repl-diskless-sync-delay', '1', '--save', '3600 1 300 100 60 10000'];

/**
 * A detached shell that outlives a SIGKILLed replwatch: once the parent is gone it kills the redis
 * PIDs listed in the lab dir and removes the dir. A clean teardown stops it first.
 */
function startWatchdog(dir: string, pidList: string): number | undefined {
	const script = [
		`while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done`,
		`for p in $(cat '${pidList}' 2>/dev/null); do grep -q redis /proc/$p/cmdline 2>/dev/null && kill -CONT $p 2>/dev/null; grep -q redis /proc/$p/cmdline 2>/dev/null && kill -9 $p 2>/dev/null; done`,
		// A server started after the list was last written (a follower restarted ~50 ms before the
		// SIGKILL): every redis whose working directory is inside the lab dir goes too.
		`for d in /proc/[0-9]*; do c=$(readlink "$d/cwd" 2>/dev/null) || continue; case "$c" in '${dir}'|'${dir}'/*|'${dir} (deleted)') grep -q redis "$d/cmdline" 2>/dev/null && kill -CONT "\${d#/proc/}" 2>/dev/null && kill -9 "\${d#/proc/}" 2>/dev/null;; esac; done`,
		`rm -rf '${dir}'`,
	].join('\n');
	try {
		// The watchdog outlives us by design: it must not carry REDISCLI_AUTH along.
		const child = spawn('sh', ['-c', script], {detached: true, stdio: 'ignore', env: {PATH: process.env.PATH ?? '/usr/bin:/bin'}});
		child.unref();
		return child.pid;
	} catch {
		return undefined;
	}
}

export async function startLabSession(options: LabSessionOptions): Promise<LabSession> {
	const lab = await startLab({
		followers: options.followers,
		sentinels: options.sentinels,
		nodeArgs: labNodeArgs,
		downAfterMs: 2000,
		failoverTimeoutMs: 30_000,
	});
	const pidList = join(lab.dir, 'pids');
	const writePidFile = () => {
		try {
			writeFileSync(pidList, lab.pids().join(' '));
		} catch {
			// the lab dir is gone: teardown
		}
		if (!options.pidFile) return;
		try {
			writeFileSync(options.pidFile, JSON.stringify({dir: lab.dir, pids: lab.pids()}));
		} catch {
			// a pid file is a convenience
		}
	};
	writePidFile();
	let watchdog = startWatchdog(lab.dir, pidList);
	const stopWatchdog = () => {
		if (watchdog === undefined) return;
		try {
			// Its own process group (detached): the shell and its sleep.
			process.kill(-watchdog, 'SIGKILL');
		} catch {
			// gone
		}
		watchdog = undefined;
	};
	const load = options.rate > 0 ? startLoad(lab, {rate: options.rate}) : undefined;
	const faults: LabFaults = createLabControls(lab, {load});
	const controls: LabControls = {
		actions: load ? [...faults.actions, ...rateActions] : faults.actions,
		async run(id, target) {
			if (load && (id === 'load-faster' || id === 'load-slower')) {
				const current = load.stats().rate;
				load.setRate(id === 'load-faster' ? Math.min(100_000, current * 2) : Math.max(1, Math.floor(current / 2)));
				return `load rate ${current} → ${load.stats().rate} ops/s`;
			}
			const line = await faults.run(id, target);
			writePidFile();
			return line;
		},
	};

	let stopping: Promise<void> | undefined;
	return {
		lab,
		load,
		controls,
		stop() {
			stopping ??= (async () => {
				stopWatchdog();
				await load?.stop();
				await faults.stop();
				await lab.stop();
			})();
			return stopping;
		},
		killNow() {
			stopWatchdog();
			// Only PIDs of children still running: an exited PID may already belong to someone else.
			for (const pid of lab.pids()) {
				try {
					process.kill(pid, 'SIGKILL');
				} catch {
					// already gone
				}
			}
			rmSync(lab.dir, {recursive: true, force: true});
		},
	};
}
