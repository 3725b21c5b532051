// The one place that builds the live TUI: monitor, fixes, MONITOR sample, alerts and recording,
// for `replwatch` and for `replwatch lab` alike.
import type {Options} from '../cli/options.js';
import type {LabControls} from '../model/ui-contracts.js';

export interface TuiRun {
	/** Lab keys, when the TUI runs on a lab. */
	readonly lab?: LabControls;
	/** Called once the monitor exists (signal handlers stop it). */
	readonly onClose?: (close: () => Promise<void>) => void;
}

/** Runs the TUI until the user quits; the monitor and the recording are stopped when it returns. */
export async function runLiveTui(options: Options, run: TuiRun = {}): Promise<void> {
	const {createMonitor} = await import('../engine/monitor.js');
	const monitor = createMonitor(options);
	let closeRecording: (() => Promise<void>) | undefined;
	run.onClose?.(async () => {
		await closeRecording?.().catch(() => undefined);
		await monitor.stop();
	});
	// Nothing a library prints may overdraw the UI: it goes to the timeline.
	const {captureLibraryOutput} = await import('../engine/library-output.js');
	const restoreConsole = captureLibraryOutput(line => monitor.note({node: '', kind: 'library', text: line}));
	// The first tick runs while ink loads (~300 ms), so the first frame already has data.
	monitor.start();
	const [{runTui}, {remediationFor}, {monitorSampleFor}, {wireAlerts}, {recordingControls, startRecording}, {labUiOptions}] = await Promise.all([
		import('./load-ink.js').then(m => m.loadInk()),
		import('../cli/remediation-wiring.js'),
		import('../cli/monitor-sample-wiring.js'),
		import('../cli/alert-wiring.js'),
		import('../cli/recording-wiring.js'),
		import('../lab/monitor-bridge.js'),
	]);
	// After a fix the checks re-read CONFIG at once.
	const remediation = options.readOnly ? undefined : await remediationFor(options, monitor);
	// A signal during a fix: the node in flight is finished or recorded as "outcome unknown" before exit.
	const {onShutdown} = await import('../cli/exit.js');
	const unhook = remediation?.interrupt ? onShutdown(reason => remediation.interrupt!(reason)) : undefined;
	const monitorSample = monitorSampleFor(options, monitor);
	wireAlerts(monitor, {bell: options.bell});
	const recording = recordingControls(monitor, options, options.record ? startRecording(monitor, options, options.record) : undefined);
	closeRecording = () => recording.close();
	const ui = run.lab
		? {...labUiOptions({options, monitor, lab: run.lab, ...(remediation ? {remediation} : {}), monitorSample}), recording}
		: {
				readOnly: options.readOnly,
				ascii: options.ascii,
				intervalMs: options.intervalMs,
				alertForSeconds: monitor.settings.alertForSeconds,
				walkthrough: options.walkthrough,
				...(remediation ? {remediation} : {}),
				monitorSample,
				recording,
			};
	try {
		await runTui(monitor, ui);
	} finally {
		unhook?.();
		await recording.close();
		await monitor.stop();
		restoreConsole();
	}
}
