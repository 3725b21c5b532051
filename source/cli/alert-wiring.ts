import {alertCommandProblem, createAlertCommandRunner, type AlertCommandRunner} from '../alerts/command.js';
import {SnapshotFollower} from '../alerts/changes.js';
import type {Monitor} from '../engine/monitor.js';
import type {MonitorSettings} from '../engine/settings.js';
import type {Options} from './options.js';

export interface AlertWiring {
	/** Waits (at most `ms`) for alert commands still running. */
	drain(ms: number): Promise<void>;
}

export interface AlertWiringOptions {
	/** Ring the terminal bell when an alert fires (the TUI, unless --no-bell). */
	readonly bell?: boolean;
	readonly warn?: (line: string) => void;
}

/**
 * Alert changes → `--alert-command` and the bell. Runs in its own subscription: a command that
 * hangs never holds up a tick. Its failures become timeline events.
 */
export function wireAlerts(monitor: Monitor<Pick<Options, 'alertCommand'> & MonitorSettings>, {bell = false, warn = line => process.stderr.write(`${line}\n`)}: AlertWiringOptions = {}): AlertWiring {
	const {alertCommand} = monitor.options;
	let runner: AlertCommandRunner | undefined;
	if (alertCommand) {
		const problem = alertCommandProblem(alertCommand);
		if (problem) {
			warn(`replwatch: ${problem}`);
			monitor.note({node: '', kind: 'alert-command', text: problem});
		}
		const {alertCommandTimeoutSeconds} = monitor.settings;
		runner = createAlertCommandRunner({
			command: alertCommand,
			timeoutMs: Math.max(1, alertCommandTimeoutSeconds) * 1000,
			onFailure: line => monitor.note({node: '', kind: 'alert-command', text: line}),
			onRun: line => monitor.note({node: '', kind: 'alert-command', text: line}),
		});
	}
	if (runner || bell) {
		const follower = new SnapshotFollower();
		monitor.subscribe(snapshot => {
			const changes = follower.alertChanges(snapshot);
			for (const alert of changes) runner?.notify(alert);
			// BEL moves no cursor: it is safe between Ink's frames.
			if (bell && changes.some(a => a.state === 'firing')) process.stdout.write('\u0007');
		});
	}
	return {
		async drain(ms) {
			if (!runner) return;
			await Promise.race([runner.idle(), new Promise(resolve => setTimeout(resolve, ms).unref())]);
		},
	};
}
