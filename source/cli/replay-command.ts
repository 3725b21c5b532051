// `replwatch replay FILE [options]`: the TUI over a recording, or its report headless.
import {needsAscii} from './charset.js';
import {exitCodeOf} from '../report/json.js';
import {readRecording, RecordingError, streamRecording, type Recording, type RecordingSummary} from '../record/reader.js';
import {Replay, type ReplayIndex} from '../record/replay.js';
import {isFrame} from '../record/format.js';
import {parseDuration} from './flag-values.js';
import {emitReport} from './headless.js';
import type {Player} from '../record/player.js';
import type {UiOptions} from '../model/ui-contracts.js';

export const replayHelp = `
Usage
  $ replwatch replay FILE [options]

  Plays a recording made with --record (or the R key) through the same checks.

Options
  --once                 print the report of the recording (or of --from/--to) and exit
  --json                 that report as JSON      --report md [--report-file PATH]  Markdown
  --from TIME  --to TIME ISO time (2026-12-01T01:02:03Z), UTC clock (01:02:03) or offset from the start (90s, 5m)
  --speed N              start at 1, 2, 5, 10, 30 or 60× recorded time
  --ascii

Keys: p play/pause, s step one tick, + / - speed, n next event, N next failure, q quit.
`;

export interface ReplayOptions {
	readonly file: string;
	readonly once: boolean;
	readonly json: boolean;
	readonly report?: 'md';
	readonly reportFile?: string;
	readonly from?: string;
	readonly to?: string;
	readonly speed: number;
	readonly ascii: boolean;
}

/** argv after `replay` → options, `help`, or one error line. */
export function parseReplayArgs(argv: readonly string[]): ReplayOptions | 'help' | string {
	const values: Record<string, string> = {};
	const flags = new Set<string>();
	const files: string[] = [];
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i]!;
		const [name, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
		if (name === '--help' || name === '-h') return 'help';
		if (['--once', '--json', '--ascii'].includes(name)) flags.add(name);
		else if (['--report', '--report-file', '--from', '--to', '--speed'].includes(name)) {
			const value = inline ?? argv[++i];
			if (value === undefined || value === '') return `${name} needs a value`;
			values[name] = value;
		} else if (name.startsWith('-') && name !== '-') return `unknown option ${name.slice(0, 40)} (see replwatch replay --help)`;
		else files.push(arg);
	}
	if (files.length !== 1) return files.length === 0 ? 'replay needs a recording FILE' : 'replay takes one FILE';
	const report = values['--report'];
	if (report !== undefined && report.toLowerCase() !== 'md') return `invalid --report "${report.slice(0, 40)}" (only "md" is supported)`;
	if (values['--report-file'] !== undefined && report === undefined) return '--report-file needs --report md';
	const speed = values['--speed'] === undefined ? 1 : Number(values['--speed']);
	if (![1, 2, 5, 10, 30, 60].includes(speed)) return `invalid --speed "${String(values['--speed']).slice(0, 40)}" (1, 2, 5, 10, 30 or 60)`;
	return {
		file: files[0]!,
		once: flags.has('--once'),
		json: flags.has('--json'),
		...(report ? {report: 'md' as const} : {}),
		...(values['--report-file'] ? {reportFile: values['--report-file']} : {}),
		...(values['--from'] ? {from: values['--from']} : {}),
		...(values['--to'] ? {to: values['--to']} : {}),
		speed,
		ascii: flags.has('--ascii') || needsAscii(process.env),
	};
}

/** `--from`/`--to` → ms: an ISO time, a UTC clock time on the recording's first day, or an offset from its start. */
export function resolveTime(text: string, startedAt: number): number | undefined {
	const clock = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text.trim());
	if (clock) {
		const day = new Date(startedAt);
		const at = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), Number(clock[1]), Number(clock[2]), Number(clock[3] ?? 0));
		return Number.isFinite(at) ? at : undefined;
	}
	const offset = parseDuration(text.replace(/^\+/, ''));
	if (offset !== undefined) return startedAt + offset;
	const iso = /^\d{4}-\d{2}-\d{2}T/.test(text) ? Date.parse(text) : Number.NaN;
	return Number.isFinite(iso) ? iso : undefined;
}

export interface ReplayIo {
	readonly stdout?: (text: string) => void;
	readonly stderr?: (line: string) => void;
	readonly interactive?: boolean;
	/** Shows the TUI over the player (the composition root passes Ink in). */
	readonly tui?: (player: Player, options: UiOptions) => Promise<void>;
}

/** Runs the replay; resolves to the exit code (3 for an unreadable file or bad usage, one line on stderr). */
export async function runReplay(argv: readonly string[], io: ReplayIo = {}): Promise<number> {
	const out = io.stdout ?? ((text: string) => process.stdout.write(text));
	const err = io.stderr ?? ((line: string) => process.stderr.write(`${line}\n`));
	const parsed = parseReplayArgs(argv);
	if (parsed === 'help') {
		out(replayHelp);
		return 0;
	}
	if (typeof parsed === 'string') {
		err(`replwatch: ${parsed}`);
		return 3;
	}
	const interactive = io.interactive ?? (!parsed.once && !parsed.json && parsed.report === undefined && process.stdout.isTTY === true);
	const streamed = !(interactive && io.tui);
	// Headless: two passes over the file, nothing kept but one frame's state (bounded memory at any size).
	let recording: Recording;
	let summary: RecordingSummary | undefined;
	try {
		if (streamed) {
			summary = await streamRecording(parsed.file, () => undefined);
			recording = {header: summary.header, records: [], ...(summary.warning ? {warning: summary.warning} : {})};
		} else {
			recording = await readRecording(parsed.file);
		}
	} catch (error) {
		err(`replwatch: ${error instanceof RecordingError ? error.message : `cannot read ${parsed.file}`}`);
		return 3;
	}
	if (recording.warning) err(`replwatch: ${recording.warning}`);
	const range: {from?: number; to?: number} = {};
	// Offsets and clock times count from the first recorded tick.
	const base = (summary ? summary.firstAt : recording.records.find(isFrame)?.at) ?? recording.header.startedAt;
	for (const key of ['from', 'to'] as const) {
		const text = parsed[key];
		if (text === undefined) continue;
		const at = resolveTime(text, base);
		if (at === undefined) {
			err(`replwatch: invalid --${key} "${text.slice(0, 40)}" (an ISO time, 01:02:03 or an offset such as 90s)`);
			return 3;
		}
		range[key] = at;
	}
	let index: ReplayIndex | undefined;
	if (summary) {
		// The frames inside --from/--to: counted on a pass that keeps only three numbers.
		let totalFrames = 0;
		let firstAt: number | undefined;
		let lastAt: number | undefined;
		if (range.from === undefined && range.to === undefined) ({frames: totalFrames, firstAt, lastAt} = summary);
		else {
			await streamRecording(parsed.file, record => {
				if (!isFrame(record) || (range.to !== undefined && record.at > range.to)) return;
				totalFrames++;
				if (range.from === undefined || record.at >= range.from) firstAt ??= record.at;
				lastAt = record.at;
			});
		}
		index = {totalFrames, firstAt, lastAt};
	}
	const replay = new Replay(recording, range, index);
	if (replay.totalFrames === 0 || replay.firstAt === undefined) {
		err(`replwatch: no recorded tick in ${parsed.file}${parsed.from || parsed.to ? ' between --from and --to' : ''}`);
		return 3;
	}
	if (!streamed && io.tui) {
		const {createPlayer} = await import('../record/player.js');
		const player = createPlayer(replay, {speed: parsed.speed, ...(recording.warning ? {warning: recording.warning} : {})});
		await io.tui(player, {readOnly: true, ascii: parsed.ascii, intervalMs: recording.header.intervalMs, replay: player});
		return 0;
	}
	if (streamed) await streamRecording(parsed.file, record => replay.push(record));
	const snapshot = streamed ? replay.finish() : replay.runToEnd();
	const windowSeconds = Math.round(((replay.lastAt ?? replay.firstAt) - replay.firstAt) / 100) / 10;
	emitReport(snapshot, windowSeconds, {json: parsed.json, ...(parsed.report ? {report: parsed.report} : {}), ...(parsed.reportFile ? {reportFile: parsed.reportFile} : {}), source: `the recording ${parsed.file}`}, out, err);
	return exitCodeOf(snapshot);
}
