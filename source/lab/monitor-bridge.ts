// The lab's link to the monitor (engine, TUI, remediation). Imported lazily so that `--headless`
// and the lab tests load none of it; the specifiers are literal so that esbuild bundles them.
import type {Options} from '../cli/options.js';
import type {Monitor} from '../engine/monitor.js';
import type {LabControls, MonitorSampleControls, RemediationApi, UiOptions} from '../model/ui-contracts.js';

async function monitorOptions(argv: readonly string[]): Promise<Options> {
	const {parseOptions} = await import('../cli/options.js');
	const result = parseOptions(argv);
	if (result.kind === 'error') throw new Error(result.error);
	if (result.kind !== 'options') throw new Error(`unexpected monitor arguments: ${argv.join(' ')}`);
	return result.options;
}

/** An error line when the monitor flags passed through `replwatch lab` are not valid (checked before the lab starts). */
export async function monitorArgsError(args: readonly string[]): Promise<string | undefined> {
	try {
		await monitorOptions([...args, '127.0.0.1:6379']);
		return undefined;
	} catch (error) {
		return error instanceof Error ? error.message : String(error);
	}
}

export interface LabUiParts {
	readonly options: Options;
	readonly monitor: Monitor;
	readonly lab: LabControls;
	readonly remediation?: RemediationApi;
	readonly monitorSample?: MonitorSampleControls;
}

/** The TUI options of `replwatch lab`: the monitor's own (fixes, MONITOR sample) plus the lab keys, each press noted in the timeline. */
export function labUiOptions({options, monitor, lab, remediation, monitorSample}: LabUiParts): UiOptions {
	return {
		readOnly: options.readOnly,
		ascii: options.ascii,
		intervalMs: options.intervalMs,
		walkthrough: options.walkthrough,
		alertForSeconds: monitor.settings.alertForSeconds,
		lab: {
			...lab,
			async run(id, target) {
				let line: string;
				try {
					line = await lab.run(id, target);
				} catch (error) {
					monitor.note({node: target ?? '', kind: 'lab-failed', text: `${id}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`});
					throw error;
				}
				monitor.note({node: target ?? '', kind: 'lab', text: line});
				// A fault may change CONFIG (M) or roles: the checks must see it now, not at the next CONFIG refresh (60 s).
				void monitor.refresh().catch(() => undefined);
				return line;
			},
		},
		...(remediation ? {remediation} : {}),
		...(monitorSample ? {monitorSample} : {}),
	};
}

/** Opens the TUI on the lab with the lab keys; resolves when the user quits. */
export async function openMonitor(argv: readonly string[], lab: LabControls): Promise<void> {
	const options = await monitorOptions(argv);
	const [{createMonitor}, {runTui}, {remediationFor}, {monitorSampleFor}, {wireAlerts}] = await Promise.all([
		import('../engine/monitor.js'),
		import('../../components/run-tui.js'),
		import('../cli/remediation-wiring.js'),
		import('../cli/monitor-sample-wiring.js'),
		import('../cli/alert-wiring.js'),
	]);
	const monitor = createMonitor(options);
	const {captureLibraryOutput} = await import('../engine/library-output.js');
	const restoreConsole = captureLibraryOutput(line => monitor.note({node: '', kind: 'library', text: line}));
	wireAlerts(monitor, {bell: options.bell});
	// The same wiring as the monitor's: after a fix the checks re-read CONFIG at once.
	const remediation = options.readOnly ? undefined : await remediationFor(options, monitor);
	const {recordingControls, startRecording} = await import('../cli/recording-wiring.js');
	const recording = recordingControls(monitor, options, options.record ? startRecording(monitor, options, options.record) : undefined);
	const ui = {...labUiOptions({options, monitor, lab, ...(remediation ? {remediation} : {}), monitorSample: monitorSampleFor(options, monitor)}), recording};
	monitor.start();
	try {
		await runTui(monitor, ui);
	} finally {
		await recording.close();
		await monitor.stop();
		restoreConsole();
	}
}

/** The headless report on the lab (`replwatch lab --once`); resolves to its exit code. */
export async function runOnceReport(argv: readonly string[]): Promise<number> {
	const options = await monitorOptions(argv);
	const {runOnce} = await import('../cli/headless.js');
	return runOnce(options);
}
