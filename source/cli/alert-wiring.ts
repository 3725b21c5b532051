import {alertCommandProblem, createAlertCommandRunner, type AlertCommandRunner} from '../alerts/command.js';
import {SnapshotFollower} from '../alerts/changes.js';
import type {Monitor} from '../engine/monitor.js';
import type {Alert} from '../model/alerts.js';

export interface AlertWiring {
	/** Waits (at most `ms`) for alert commands still running. */
	drain(ms: number): Promise<void>;
}

/**
 * Alert changes → `--alert-command` (and `onChange`, e.g. the bell). Runs in its own subscription:
 * a command that hangs never holds up a tick. Its failures become timeline events.
 */
export function wireAlerts(monitor: Monitor, onChange?: (alert: Alert) => void, warn: (line: string) => void = line => process.stderr.write(`${line}\n`)): AlertWiring {
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
		});
	}
	if (runner || onChange) {
		const follower = new SnapshotFollower();
		monitor.subscribe(snapshot => {
			for (const alert of follower.alertChanges(snapshot)) {
				runner?.notify(alert);
				onChange?.(alert);
			}
		});
	}
	return {
		async drain(ms) {
			if (!runner) return;
			await Promise.race([runner.idle(), new Promise(resolve => setTimeout(resolve, ms).unref())]);
		},
	};
}
