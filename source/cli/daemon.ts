import {SnapshotFollower, alertJson} from '../alerts/changes.js';
import {createMonitor} from '../engine/monitor.js';
import {captureLibraryOutput} from '../engine/library-output.js';
import {createExporter} from '../export/metrics.js';
import {startExporterServer, type ExporterServer} from '../export/server.js';
import type {Options} from './options.js';
import {wireAlerts} from './alert-wiring.js';

export interface DaemonIo {
	readonly stdout?: (line: string) => void;
	readonly stderr?: (line: string) => void;
}

/**
 * `replwatch watch` / `--watch` and `replwatch serve`: polls without end. watch prints one JSON line
 * per timeline event and per alert change; serve answers /metrics and /healthz. SIGTERM or SIGINT
 * stops it cleanly (exit 0). A listen that fails is one line and exit 3.
 */
export async function runDaemon(options: Options, io: DaemonIo = {}): Promise<number> {
	const out = io.stdout ?? ((line: string) => process.stdout.write(`${line}\n`));
	const err = io.stderr ?? ((line: string) => process.stderr.write(`${line}\n`));
	const monitor = createMonitor(options);
	// A library's console output becomes a timeline event (and a watch line), never a stray stderr line.
	const restoreConsole = captureLibraryOutput(line => monitor.note({node: '', kind: 'library', text: line}));
	let server: ExporterServer | undefined;
	if (options.listen) {
		const exporter = createExporter({snapshot: () => monitor.getSnapshot()});
		monitor.subscribe(snapshot => exporter.observe(snapshot));
		try {
			server = await startExporterServer(exporter, () => monitor.getSnapshot(), options.listen);
		} catch (error) {
			await monitor.stop();
			err(`replwatch: ${(error as Error).message}`);
			return 3;
		}
		err(`replwatch: serving http://${server.address}/metrics and /healthz`);
	}
	if (options.watch) {
		const follower = new SnapshotFollower();
		monitor.subscribe(snapshot => {
			for (const e of follower.newEvents(snapshot)) out(JSON.stringify({type: 'event', at: new Date(e.at).toISOString(), node: e.node, kind: e.kind, text: e.text}));
			for (const a of follower.alertChanges(snapshot)) out(JSON.stringify({type: 'alert', at: new Date(a.resolvedAt ?? a.firedAt ?? a.since).toISOString(), ...alertJson(a)}));
		});
	}
	const alerts = wireAlerts(monitor, {warn: err});
	monitor.start();
	const signal = await new Promise<NodeJS.Signals>(resolve => {
		for (const s of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.once(s, () => resolve(s));
	});
	const force = setTimeout(() => process.exit(0), 3000);
	force.unref();
	await monitor.stop();
	restoreConsole();
	await Promise.all([server?.close(), alerts.drain(1000)]);
	if (options.watch) out(JSON.stringify({type: 'stopped', at: new Date().toISOString(), signal}));
	return 0;
}
