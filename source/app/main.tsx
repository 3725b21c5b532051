// The composition root and bundle entry (dist/main.js): the only module of source/ that starts the TUI.
// The headless path never imports ink: startup stays fast.
import {parseOptions, type Options} from '../cli/options.js';
import {safeErrorLine} from '../model/secrets.js';
import {exitProcess, markHangup} from '../cli/exit.js';
import {onSignals} from '../cli/signals.js';

function fail(message: string): never {
	// After a hangup stderr is gone too (EIO): nothing to print, and nothing to abort on.
	try {
		process.stderr.write(`replwatch: ${safeErrorLine(message)}\n`);
	} catch {
		markHangup();
	}
	exitProcess(3);
}

function oneLine(error: unknown): string {
	return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? 'error';
}

process.on('unhandledRejection', error => fail(`internal error: ${oneLine(error)}`));
process.on('uncaughtException', error => fail(`internal error: ${oneLine(error)}`));

type Stoppable = {stop(): Promise<void>};

async function headless(options: Options): Promise<void> {
	const {runOnce} = await import('../cli/headless.js');
	let monitor: Stoppable | undefined;
	onSignals(async () => monitor?.stop());
	const code = await runOnce(options, {onMonitor: m => (monitor = m)});
	process.exitCode = code;
}

async function tui(options: Options): Promise<void> {
	const {runLiveTui} = await import('./tui.js');
	await runLiveTui(options, {onClose: close => onSignals(close)});
	process.exit(0);
}

async function main(): Promise<void> {
	const result = parseOptions(process.argv.slice(2));
	switch (result.kind) {
		case 'error':
			fail(result.error);
		case 'help':
			process.stdout.write(result.text);
			return;
		case 'version':
			process.stdout.write(`${result.text}\n`);
			return;
		case 'replay': {
			const {runReplay} = await import('../cli/replay-command.js');
			process.exitCode = await runReplay(result.argv, {
				tui: async (player, ui) => {
					const {runTui} = await (await import('./load-ink.js')).loadInk();
					await runTui(player, ui);
				},
			});
			return;
		}
		case 'lab': {
			const {runLabCommand} = await import('../lab/command.js');
			await runLabCommand([...result.argv], {
				openMonitor: async (monitorArgs, controls) => {
					const [{monitorOptions}, {runLiveTui}] = await Promise.all([import('../lab/monitor-bridge.js'), import('./tui.js')]);
					await runLiveTui(await monitorOptions(monitorArgs), {lab: controls});
				},
			});
			return;
		}
		case 'options': {
			const {options} = result;
			for (const warning of options.warnings) process.stderr.write(`${warning}\n`);
			const interactive = !options.once && !options.json && options.report === undefined && process.stdout.isTTY === true;
			try {
				if (options.watch || options.listen) process.exitCode = await (await import('../cli/daemon.js')).runDaemon(options);
				else if (interactive) await tui(options);
				else await headless(options);
			} catch (error) {
				fail(oneLine(error));
			}
		}
	}
}

await main();
