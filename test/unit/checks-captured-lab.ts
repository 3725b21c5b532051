import {expect, test} from 'vitest';
import {runChecks} from '../../source/checks/index.js';
import type {CheckResult, CheckStatus, NodeSample} from '../../source/model/types.js';
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

/** INFO fields to set (a number or text), or null to remove the line; a field the capture lacks joins # Replication (cmdstat_*: # Commandstats). */
export type InfoEdit = Readonly<Record<string, string | number | null>>;

export interface NodeEdit {
	readonly info?: InfoEdit;
	readonly config?: Readonly<Record<string, string>>;
	readonly rttMs?: number;
}

export interface LabEdit {
	readonly leader?: NodeEdit;
	readonly follower1?: NodeEdit;
	/** null: a lab of the leader and follower 1 only (the leader lists one replica). */
	readonly follower2?: NodeEdit | null;
}

/** The text a server would have printed with these fields: captured lines replaced in place. */
export function editInfo(text: string, fields: InfoEdit): string {
	let out = text;
	for (const [name, value] of Object.entries(fields)) {
		const line = new RegExp(`^${name.replace(/[|\\{}()[\]^$+*?.]/g, '\\$&')}:[^\\r\\n]*\\r?\\n`, 'm');
		const replacement = value === null ? '' : `${name}:${value}\r\n`;
		if (line.test(out)) out = out.replace(line, replacement);
		else if (value !== null) out = out.replace(name.startsWith('cmdstat_') ? /^# Commandstats\r?\n/m : /^# Replication\r?\n/m, m => `${m}${replacement}`);
	}
	return out;
}

function node(port: number, round: number, at: number, edit: NodeEdit = {}): NodeSample {
	const file = `info-all-${port}-after.txt`;
	const sample = captureSample(dir, file, port, {at});
	const text = captureText(dir, file);
	// Every reading is a real INFO call, counted by the server: the counters of each round are new.
	const commands = Number(/^total_commands_processed:(\d+)/m.exec(text)![1]) + round;
	return {
		...sample,
		info: parseInfo(editInfo(text, {total_commands_processed: commands, ...edit.info})),
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
		const lone = e.follower2 === null;
		const leaderEdit = lone ? {...e.leader, info: {connected_slaves: 1, slave1: null, ...e.leader?.info}} : e.leader;
		return [node(leaderPort, r, at, leaderEdit), node(follower1Port, r, at, e.follower1), ...(lone ? [] : [node(follower2Port, r, at, e.follower2 ?? {})])];
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

/**
 * The leader writes `rate` bytes/s for `rounds` readings `gapMs` apart; at the last one follower 1
 * has applied all but `behind` bytes (the first byte it lacks was written (behind − 1) / rate s ago).
 */
export const writing = (rate: number, gapMs: number, rounds: number, behind: number) => (r: number): LabEdit => {
	const offset = capturedOffset + Math.round((rate * r * gapMs) / 1000);
	const applied = r === rounds - 1 ? offset - behind : offset;
	const follower = (o: number) => ({info: {slave_read_repl_offset: o, slave_repl_offset: o, master_repl_offset: o, master_last_io_seconds_ago: 0}});
	return {
		leader: {info: {master_repl_offset: offset, slave0: slaveLine(follower1Port, {offset: applied}), slave1: slaveLine(follower2Port, {offset})}},
		follower1: follower(applied),
		follower2: follower(offset),
	};
};

/** A commandstats line as 7.2.6 prints it. */
export const cmdstat = (calls: number): string => `calls=${calls},usec=${calls},usec_per_call=1.00,rejected_calls=0,failed_calls=0`;

/** Everything a check said, for asserting that the numbers are in its sentence. */
export const said = (r: CheckResult): string => [r.summary, ...r.evidence.map(e => `${e.node} ${e.text}`)].join('\n');

export type Row = readonly [label: string, edit: LabEdit | ((round: number) => LabEdit), status: CheckStatus, sentence: RegExp];

/** One test per row: the check's status, and its sentence (summary or evidence) carrying the row's numbers. */
export function pinned(id: string, rows: readonly Row[], options: LabOptions = {}): void {
	test.each(rows)(`${id}: %s`, (_label, edit, status, sentence) => {
		const r = labCheck(id, edit, options);
		expect(r.status, said(r)).toBe(status);
		expect(said(r)).toMatch(sentence);
	});
}
