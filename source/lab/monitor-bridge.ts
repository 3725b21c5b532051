// The lab's link to the monitor: its options, its UI options and its headless report. The TUI itself
// is started by the composition root (source/app/tui.ts).
import type {Options} from '../cli/options.js';
import type {Monitor} from '../engine/monitor.js';
import type {LabControls, MonitorSampleControls, RemediationApi, UiOptions} from '../model/ui-contracts.js';

export async function monitorOptions(argv: readonly string[]): Promise<Options> {
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

/** The headless report on the lab (`replwatch lab --once`); resolves to its exit code. */
export async function runOnceReport(argv: readonly string[]): Promise<number> {
	const options = await monitorOptions(argv);
	const {runOnce} = await import('../cli/headless.js');
	return runOnce(options);
}
