import {join} from 'node:path';
import {redisSentinelPath} from './lab.js';
import {exitProcess, markHangup, runShutdownHooks} from '../cli/exit.js';
import {ensureRedisServer} from './install.js';
import {labHelpText, parseLabFlags, type LabFlags} from './lab-flags.js';
import type {LabControls} from '../model/ui-contracts.js';
import {monitorArgsError, runOnceReport} from './monitor-bridge.js';
import {startLabSession, type LabSession} from './session.js';

const withinMs = (work: Promise<unknown>, ms: number) =>
	Promise.race([work, new Promise(resolve => setTimeout(resolve, ms).unref())]);

const signalCodes: Partial<Record<NodeJS.Signals, number>> = {SIGHUP: 129, SIGINT: 130, SIGTERM: 143};

function say(line: string): void {
	try {
		process.stderr.write(`${line}\n`);
	} catch {
		// the terminal may be gone (SSH drop)
	}
}

/** The monitor's arguments for this lab: its nodes, its Sentinels, and the flags passed through. */
export function monitorArgv(session: LabSession, flags: LabFlags): string[] {
	const {lab} = session;
	const sentinels = lab.sentinels.flatMap(s => ['--sentinel', s.address]);
	// Fixes tried on the lab are the lab's business: their audit log lives (and goes) with the lab dir.
	const audit = flags.monitorArgs.some(a => a === '--audit-log' || a.startsWith('--audit-log=')) ? [] : ['--audit-log', join(lab.dir, 'audit.log')];
	return [
		...flags.monitorArgs,
		...audit,
		...(sentinels.length > 0 ? [...sentinels, '--master-name', lab.masterName] : []),
		...[lab.leader, ...lab.followers].map(n => n.address),
	];
}

/**
 * `replwatch lab`: a local leader, followers and Sentinels on free loopback ports in a temp dir, a light
 * load, the monitor on top, the lab keys in its footer. Whatever ends the program (q, Ctrl+C,
 * SIGTERM, SIGHUP, a crash) stops every process it started and removes the temp dir.
 */
export interface LabCommandDeps {
	/** Opens the TUI on the lab (the composition root's); resolves when the user quits. */
	readonly openMonitor?: (monitorArgs: readonly string[], controls: LabControls) => Promise<void>;
}

export async function runLabCommand(argv: string[], deps: LabCommandDeps = {}): Promise<void> {
	const parsed = parseLabFlags(argv);
	if (!parsed.ok) {
		say(`replwatch lab: ${parsed.error}`);
		process.exit(3);
	}
	const {flags} = parsed;
	if (flags.help) {
		process.stdout.write(labHelpText);
		process.exit(0);
	}
	const badMonitorFlag = await monitorArgsError(flags.monitorArgs);
	if (badMonitorFlag) {
		say(`replwatch lab: ${badMonitorFlag}`);
		process.exit(3);
	}
	const redis = ensureRedisServer(say);
	if (!redis.ok) {
		say(redis.error);
		process.exit(3);
	}

	let session: LabSession | undefined;
	let pendingCode: number | undefined;
	let finishing = false;
	const finish = async (code: number, reason = 'exit'): Promise<never> => {
		if (finishing) {
			// A second Ctrl+C while stopping: stop at once.
			session?.killNow();
			exitProcess(code);
		}
		finishing = true;
		// A fix in flight is finished or recorded before its nodes go away.
		await withinMs(runShutdownHooks(reason), 2500);
		if (session) {
			const graceful = session.stop().then(() => true, () => false);
			const timeout = new Promise<boolean>(resolve => setTimeout(() => resolve(false), 10_000).unref());
			if (!(await Promise.race([graceful, timeout]))) session.killNow();
		}
		exitProcess(code);
	};
	const onSignal = (signal: NodeJS.Signals) => {
		if (signal === 'SIGHUP') markHangup();
		const code = signalCodes[signal] ?? 1;
		// While the lab starts, its PIDs are not known yet: stop right after it is up.
		if (!session) pendingCode ??= code;
		else void finish(code, signal);
	};
	for (const signal of Object.keys(signalCodes) as NodeJS.Signals[]) process.on(signal, onSignal);
	const onCrash = (error: unknown) => {
		say(`replwatch lab: stopping after an internal error: ${error instanceof Error ? error.message : String(error)}`);
		if (!session) pendingCode ??= 1;
		else void finish(1);
	};
	process.on('uncaughtException', onCrash);
	process.on('unhandledRejection', onCrash);
	process.on('exit', () => session?.killNow());

	try {
		session = await startLabSession({
			followers: flags.followers,
			sentinels: flags.sentinels ?? (redisSentinelPath() ? 3 : 0),
			rate: flags.rate,
			pidFile: process.env.REPLWATCH_LAB_PIDFILE || undefined,
		});
	} catch (error) {
		// startLab already stopped what it had started.
		if (pendingCode !== undefined) process.exit(pendingCode);
		say(`replwatch lab: could not start the lab: ${error instanceof Error ? error.message : String(error)}`);
		process.exit(3);
	}
	if (pendingCode !== undefined) await finish(pendingCode);

	if (flags.headless) {
		const {lab} = session;
		process.stdout.write(`${lab.all.map(p => `${p.name} ${p.address} pid ${p.pid() ?? '-'}`).join('\n')}\n`);
		process.stdout.write(`lab running in ${lab.dir}; Ctrl+C stops it\n`);
		setInterval(() => undefined, 60_000);
		return;
	}

	const monitorArgs = monitorArgv(session, flags);
	// Like the monitor itself: a report instead of the TUI when asked for one or when stdout is no terminal.
	const reportOnly = flags.once || flags.monitorArgs.some(a => a === '--json' || a.startsWith('--report')) || process.stdout.isTTY !== true;
	if (reportOnly) {
		const code = await runOnceReport(monitorArgs).catch((error: unknown) => {
			say(`replwatch lab: ${error instanceof Error ? error.message : String(error)}`);
			return 3;
		});
		await finish(code);
	}
	try {
		if (!deps.openMonitor) throw new Error('no terminal UI in this build');
		await deps.openMonitor(monitorArgs, session.controls);
	} catch (error) {
		say(`replwatch lab: ${error instanceof Error ? error.message : String(error)}`);
		await finish(3);
	}
	await finish(0);
}
