import {SnapshotFollower, alertJson} from '../alerts/changes.js';
import {createMonitor} from '../engine/monitor.js';
import {captureLibraryOutput} from '../engine/library-output.js';
import {createExporter} from '../export/metrics.js';
import {startExporterServer, type ExporterServer} from '../export/server.js';
import type {Options} from './options.js';
import {wireAlerts} from './alert-wiring.js';
import {startRecording, stopRecording} from './recording-wiring.js';
import type {Recorder} from '../record/writer.js';

/** 127.0.0.0/8, ::1 and localhost: what only this machine reaches. */
export function isLoopbackHost(host: string): boolean {
	const h = host.replace(/^\[|\]$/g, '').toLowerCase();
	return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h) || /^::ffff:127\./.test(h);
}

export interface DaemonIo {
	readonly stdout?: (line: string) => void;
	readonly stderr?: (line: string) => void;
}

/** The reader of stdout went away (a pipe closed, a log shipper restarted) or stdout was never open. */
const goneReader = (error: unknown) => ['EPIPE', 'EBADF', 'ECONNRESET', 'ERR_STREAM_DESTROYED', 'EIO'].includes((error as NodeJS.ErrnoException | undefined)?.code ?? '');

/**
 * Lines on process.stdout until its reader goes away: then the NDJSON stream ends with one stderr
 * line and `onGone` runs; the rest of the daemon (serve, alert hooks) keeps going.
 */
function stdoutLines(err: (line: string) => void, onGone: () => void): (line: string) => void {
	let gone = false;
	const end = (error: unknown) => {
		if (gone) return;
		gone = true;
		err(`replwatch: stdout closed (${(error as NodeJS.ErrnoException).code}): the NDJSON stream ends here`);
		onGone();
	};
	process.stdout.on('error', error => {
		if (goneReader(error)) end(error);
		else throw error;
	});
	return line => {
		if (gone) return;
		try {
			process.stdout.write(`${line}\n`);
		} catch (error) {
			if (goneReader(error)) end(error);
			else throw error;
		}
	};
}

/**
 * `replwatch watch` / `--watch` and `replwatch serve`: polls without end. watch prints one JSON line
 * per timeline event and per alert change; serve answers /metrics and /healthz. SIGTERM or SIGINT
 * stops it cleanly (exit 0). A listen that fails is one line and exit 3.
 */
export async function runDaemon(options: Options, io: DaemonIo = {}): Promise<number> {
	const err = io.stderr ?? ((line: string) => {
		try {
			process.stderr.write(`${line}\n`);
		} catch {
			// stderr gone too: nothing left to tell
		}
	});
	let stopNow: ((signal: NodeJS.Signals | 'stdout closed') => void) | undefined;
	// A watch that only prints has nothing left to do once its reader is gone; serve and alert hooks go on.
	const out = io.stdout ?? stdoutLines(err, () => {
		if (!options.listen && !options.alertCommand) stopNow?.('stdout closed');
	});
	const monitor = createMonitor(options);
	// A library's console output becomes a timeline event (and a watch line), never a stray stderr line.
	const restoreConsole = captureLibraryOutput(line => monitor.note({node: '', kind: 'library', text: line}));
	// A recording that cannot start is refused before anything else: never a daemon that silently records nothing.
	let recorder: Recorder | undefined;
	if (options.record) {
		try {
			recorder = startRecording(monitor, options, options.record);
		} catch (error) {
			await monitor.stop();
			restoreConsole();
			err(`replwatch: ${(error as Error).message}`);
			return 3;
		}
		err(`replwatch: recording to ${options.record}`);
	}
	let server: ExporterServer | undefined;
	if (options.listen) {
		const exporter = createExporter({snapshot: () => monitor.getSnapshot()});
		monitor.subscribe(snapshot => exporter.observe(snapshot));
		try {
			server = await startExporterServer(exporter, () => monitor.getSnapshot(), options.listen);
		} catch (error) {
			if (recorder) await stopRecording(monitor, recorder).catch(() => undefined);
			await monitor.stop();
			err(`replwatch: ${(error as Error).message}`);
			return 3;
		}
		err(`replwatch: serving http://${server.address}/metrics and /healthz`);
		if (!isLoopbackHost(options.listen.host)) err(`replwatch: warning: --listen ${options.listen.host} is not loopback: the exporter (topology, addresses, versions) is reachable from the network; it has no authentication`);
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
	const signal = await new Promise<NodeJS.Signals | 'stdout closed'>(resolve => {
		stopNow = resolve;
		for (const s of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) process.once(s, () => resolve(s));
	});
	const force = setTimeout(() => process.exit(0), 3000);
	force.unref();
	if (recorder) err(`replwatch: ${await stopRecording(monitor, recorder).catch((error: Error) => `recording ${options.record}: ${error.message}`)}`);
	await monitor.stop();
	restoreConsole();
	await Promise.all([server?.close(), alerts.drain(1000)]);
	if (options.watch && signal !== 'stdout closed') out(JSON.stringify({type: 'stopped', at: new Date().toISOString(), signal}));
	return 0;
}
