// The lab's link to the monitor (engine + TUI), written in parallel by other parts of the project:
// imported dynamically so that the lab stays usable (headless) without them.
import type {LabControls, UiOptions} from '../model/ui-contracts.js';

type Loose = Record<string, unknown>;

async function load(specifier: string): Promise<Loose> {
	return (await import(specifier)) as Loose;
}

const fn = <T extends (...args: never[]) => unknown>(module: Loose, name: string, file: string): T => {
	const value = module[name];
	if (typeof value !== 'function') throw new Error(`${file} does not export ${name}() yet`);
	return value as T;
};

async function monitorOptions(argv: readonly string[]): Promise<Loose> {
	const cli = await load('../cli/options.js');
	const result = fn<(argv: readonly string[]) => Loose>(cli, 'parseOptions', 'source/cli/options.ts')(argv);
	if (result.kind === 'error') throw new Error(String(result.error));
	if (result.kind !== 'options') throw new Error(`unexpected monitor arguments: ${argv.join(' ')}`);
	return result.options as Loose;
}

/** Opens the TUI on the lab, with the lab keys; resolves when the user quits. */
export async function openMonitor(argv: readonly string[], lab: LabControls): Promise<void> {
	const options = await monitorOptions(argv);
	// TODO(integration): wire to the exact createMonitor/runTui signatures once they exist.
	const engine = await load('../engine/monitor.js');
	const monitor = await fn<(options: Loose) => unknown>(engine, 'createMonitor', 'source/engine/monitor.ts')(options);
	const tui = await load('../../components/run-tui.js');
	const ui: UiOptions = {
		readOnly: options.readOnly === true,
		ascii: options.ascii === true,
		intervalMs: Number(options.intervalMs ?? 1000),
		walkthrough: options.walkthrough === true,
		lab,
	};
	await fn<(monitor: unknown, ui: UiOptions) => Promise<void>>(tui, 'runTui', 'components/run-tui.tsx')(monitor, ui);
}

/** The headless report on the lab (`replwatch lab --once`); resolves to its exit code. */
export async function runOnceReport(argv: readonly string[]): Promise<number> {
	const options = await monitorOptions(argv);
	// TODO(integration): the engine's headless report entry point.
	const engine = await load('../engine/monitor.js');
	const code = await fn<(options: Loose) => Promise<number>>(engine, 'runOnce', 'source/engine/monitor.ts')(options);
	return code;
}
