import {runChecks} from '../../source/checks/index.js';
import type {CheckResult, NodeSample} from '../../source/model/types.js';
import {parseInfo} from '../../source/redis/parse-info.js';
import {buildContext, type BuildOptions} from './checks-builder.js';
import {captureSample, captureText, versions} from './captures.js';

// The captured Redis 7.2.6 lab (leader 7740, followers 7741 and 7742, test/fixtures/captures/redis-7.2.6)
// as left after its write load, with the fields a threshold reads set to the value a table row names.
const {dir, ports} = versions['7.2.6'];
export const [leaderPort, follower1Port, follower2Port] = ports;
export const leader = `127.0.0.1:${leaderPort}`;
export const follower1 = `127.0.0.1:${follower1Port}`;
const follower2 = `127.0.0.1:${follower2Port}`;
/** master_repl_offset of every node in the capture (the followers are caught up). */
export const capturedOffset = 263_129_435;
const t0 = Date.UTC(2026, 10, 1, 3);

/** INFO fields to set (a number or text), or null to remove the line; a field the capture lacks joins # Replication. */
export type InfoEdit = Readonly<Record<string, string | number | null>>;

export interface NodeEdit {
	readonly info?: InfoEdit;
	readonly config?: Readonly<Record<string, string>>;
	readonly rttMs?: number;
}

export interface LabEdit {
	readonly leader?: NodeEdit;
	readonly follower1?: NodeEdit;
	readonly follower2?: NodeEdit;
}

/** The text a server would have printed with these fields: captured lines replaced in place. */
export function editInfo(text: string, fields: InfoEdit): string {
	let out = text;
	for (const [name, value] of Object.entries(fields)) {
		const line = new RegExp(`^${name.replace(/[|\\{}()[\]^$+*?.]/g, '\\$&')}:[^\\r\\n]*\\r?\\n`, 'm');
		const replacement = value === null ? '' : `${name}:${value}\r\n`;
		if (line.test(out)) out = out.replace(line, replacement);
		else if (value !== null) out = out.replace(/^# Replication\r?\n/m, m => `${m}${replacement}`);
	}
	return out;
}

function node(port: number, at: number, edit: NodeEdit = {}): NodeSample {
	const file = `info-all-${port}-after.txt`;
	const sample = captureSample(dir, file, port, {at});
	return {
		...sample,
		info: parseInfo(editInfo(captureText(dir, file), edit.info ?? {})),
		config: {...sample.config, ...edit.config},
		...(edit.rttMs !== undefined ? {rttMs: edit.rttMs} : {}),
	};
}

export interface LabOptions extends BuildOptions {
	/** Readings of every node (default 2). */
	readonly rounds?: number;
	/** Between readings (default 2 s). */
	readonly gapMs?: number;
}

/** The lab read `rounds` times; `edit` gives each round's fields (the same every round when an object). */
export function labResults(edit: LabEdit | ((round: number) => LabEdit), options: LabOptions = {}): CheckResult[] {
	const {rounds = 2, gapMs = 2000, ...build} = options;
	const samples = Array.from({length: rounds}, (_, r) => {
		const e = typeof edit === 'function' ? edit(r) : edit;
		const at = t0 + r * gapMs;
		return [node(leaderPort, at, e.leader), node(follower1Port, at, e.follower1), node(follower2Port, at, e.follower2)];
	});
	return runChecks(buildContext(samples, build));
}

/** One check's result for the edited lab. */
export function labCheck(id: string, edit: LabEdit | ((round: number) => LabEdit), options: LabOptions = {}): CheckResult {
	const r = labResults(edit, options).find(c => c.id === id);
	if (!r) throw new Error(`no check ${id}`);
	return r;
}

/** A slaveN line of the leader as 7.2.6 prints it. */
export const slaveLine = (port: number, fields: {state?: string; offset?: number; lag?: number} = {}): string =>
	`ip=127.0.0.1,port=${port},state=${fields.state ?? 'online'},offset=${fields.offset ?? capturedOffset},lag=${fields.lag ?? 0}`;

/** Everything a check said, for asserting that the numbers are in its sentence. */
export const said = (r: CheckResult): string => [r.summary, ...r.evidence.map(e => `${e.node} ${e.text}`)].join('\n');
