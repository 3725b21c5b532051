// A recording is gzip'd NDJSON: one header line, then one line per frame, event, fix or pause.
// Samples are stored once, as changes to the previous sample of the same node; a replay derives
// everything else (topology, checks, events) again from them.
import type {Settings} from '../checks/index.js';
import type {ClusterShard} from '../cluster/parse.js';
import type {AppliedFix} from '../model/snapshot.js';
import type {Address, NodeError, NodeSample, ParsedInfo, RoleOffsets, RoleReplica, SentinelView, TimelineEvent} from '../model/types.js';
import {maxReplicaLines, parseInfo} from '../redis/parse-info.js';
import {settingsFrom} from '../checks/settings.js';

export const recordingFormat = 'replwatch-recording';
// 2: a sample read by ROLE carries its offsets typed (`ro`), beside the INFO text it was read after.
export const recordingVersion = 2;

export interface RecordingHeader {
	readonly format: typeof recordingFormat;
	readonly version: number;
	readonly startedAt: number;
	readonly intervalMs: number;
	readonly settings: Settings;
	readonly seeds: readonly Address[];
}

/** Section → field → value; null removes the field (or, for a whole section, the section). */
type InfoDelta = Record<string, Record<string, string | null> | null>;

export interface SampleRecord {
	readonly a: Address;
	readonly t: number;
	readonly ok: 0 | 1;
	readonly r?: number;
	readonly e?: NodeError;
	readonly i?: InfoDelta;
	readonly c?: Record<string, string>;
	readonly ca?: number;
	readonly ce?: NodeError;
	readonly au?: boolean;
	readonly ro?: RoleOffsets;
}

export interface FrameLine {
	readonly f: number; // tick
	readonly at: number;
	readonly ms: number | null;
	readonly s: readonly SampleRecord[];
	readonly o?: readonly Address[]; // polling order, when it changed
	readonly v?: Record<Address, string>; // how each node was found, when it changed
	readonly al?: Record<Address, Address>; // aliases, when they changed
	readonly sv?: readonly SentinelView[]; // Sentinel views, when they changed
	readonly cs?: readonly ClusterShard[]; // cluster shards, when they changed
	readonly hb?: Record<Address, number>; // fresh heartbeat lags, when present
}

export type RecordLine =
	| FrameLine
	| {readonly e: TimelineEvent}
	| {readonly x: AppliedFix}
	| {readonly p: boolean; readonly at: number}
	| {readonly end: number};

// Defence in depth: CONFIG and Sentinel maps are allow-listed upstream; nothing secret-looking is ever written.
const secretName = /pass|auth|masteruser|primaryuser|secret|key-file|^user$/i;

export function scrub(map: Readonly<Record<string, string>>): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of Object.entries(map)) if (!secretName.test(k)) out[k] = v;
	return out;
}

export function scrubSentinel(view: SentinelView): SentinelView {
	return {
		...view,
		...(view.master ? {master: scrub(view.master)} : {}),
		...(view.replicas ? {replicas: view.replicas.map(scrub)} : {}),
		...(view.sentinels ? {sentinels: view.sentinels.map(scrub)} : {}),
	};
}

type Sections = Readonly<Record<string, Readonly<Record<string, string>>>>;

/** Per node, the last sections and config written: what the next sample is encoded against. */
export class SampleEncoder {
	private readonly sections = new Map<Address, Sections>();
	private readonly configAt = new Map<Address, number | undefined>();

	encode(sample: NodeSample): SampleRecord {
		const base: {-readonly [K in keyof SampleRecord]: SampleRecord[K]} = {a: sample.address, t: sample.at, ok: sample.reachable ? 1 : 0};
		if (sample.rttMs !== undefined) base.r = sample.rttMs;
		if (sample.error) base.e = sample.error;
		if (sample.reachable && sample.info) {
			const delta = infoDelta(this.sections.get(sample.address), sample.info.sections);
			if (delta) base.i = delta;
			this.sections.set(sample.address, sample.info.sections);
		}
		if (sample.config && this.configAt.get(sample.address) !== sample.configAt) {
			base.c = scrub(sample.config);
			if (sample.configAt !== undefined) base.ca = sample.configAt;
			this.configAt.set(sample.address, sample.configAt);
		}
		if (sample.configError) base.ce = sample.configError;
		if (sample.authRequired !== undefined) base.au = sample.authRequired;
		if (sample.reachable && sample.info?.roleOffsets) base.ro = sample.info.roleOffsets;
		return base;
	}
}

function infoDelta(before: Sections | undefined, after: Sections): InfoDelta | undefined {
	const delta: InfoDelta = {};
	let changed = false;
	for (const [name, fields] of Object.entries(after)) {
		const old = before?.[name];
		if (old === fields) continue;
		const d: Record<string, string | null> = {};
		let any = false;
		for (const [k, v] of Object.entries(fields)) {
			if (old?.[k] !== v) {
				d[k] = v;
				any = true;
			}
		}
		if (old) {
			for (const k of Object.keys(old)) {
				if (!(k in fields)) {
					d[k] = null;
					any = true;
				}
			}
		}
		if (any || !old) {
			delta[name] = d;
			changed = true;
		}
	}
	if (before) {
		for (const name of Object.keys(before)) {
			if (!(name in after)) {
				delta[name] = null;
				changed = true;
			}
		}
	}
	return changed ? delta : undefined;
}

/** The reverse of SampleEncoder: records back to samples, INFO parsed again as the poller parsed it. */
export class SampleDecoder {
	private readonly sections = new Map<Address, Record<string, Record<string, string>>>();
	private readonly config = new Map<Address, {config: Record<string, string>; at?: number}>();

	decode(r: SampleRecord): NodeSample {
		let info: ParsedInfo | undefined;
		if (r.ok === 1) {
			const sections = this.apply(r.a, r.i);
			info = parseInfo(infoText(sections));
			const roleOffsets = roleOffsetsOf(r.ro);
			if (roleOffsets) info = {...info, roleOffsets};
		}
		if (r.c) this.config.set(r.a, {config: r.c, ...(r.ca === undefined ? {} : {at: r.ca})});
		const config = r.ok === 1 ? this.config.get(r.a) : undefined;
		return {
			address: r.a,
			at: r.t,
			reachable: r.ok === 1,
			...(r.r === undefined ? {} : {rttMs: r.r}),
			...(r.e ? {error: r.e} : {}),
			...(info ? {info} : {}),
			...(config ? {config: config.config, ...(config.at === undefined ? {} : {configAt: config.at})} : {}),
			...(r.ce ? {configError: r.ce} : {}),
			...(r.au === undefined ? {} : {authRequired: r.au}),
		};
	}

	private apply(address: Address, delta: InfoDelta | undefined): Record<string, Record<string, string>> {
		const sections = this.sections.get(address) ?? {};
		for (const [name, fields] of Object.entries(delta ?? {})) {
			if (fields === null) {
				delete sections[name];
				continue;
			}
			const section = {...sections[name]};
			for (const [k, v] of Object.entries(fields)) {
				if (v === null) delete section[k];
				else section[k] = v;
			}
			sections[name] = section;
		}
		this.sections.set(address, sections);
		return sections;
	}
}

const offset = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v);

/** A record's ROLE offsets, checked (a file is input): undefined when absent or not that shape. */
function roleOffsetsOf(v: unknown): RoleOffsets | undefined {
	if (!isRecord(v) || !offset(v.offset)) return undefined;
	if (v.role === 'replica') return {role: 'replica', offset: v.offset};
	if (v.role !== 'master' || !Array.isArray(v.replicas)) return undefined;
	const replicas: RoleReplica[] = [];
	for (const r of v.replicas.slice(0, maxReplicaLines) as unknown[]) {
		if (isRecord(r) && typeof r.ip === 'string' && r.ip.length <= 256 && offset(r.port) && offset(r.ackOffset)) replicas.push({ip: r.ip, port: r.port, ackOffset: r.ackOffset});
	}
	return {role: 'master', offset: v.offset, replicas};
}

function infoText(sections: Readonly<Record<string, Readonly<Record<string, string>>>>): string {
	const lines: string[] = [];
	const put = (fields: Readonly<Record<string, string>>) => {
		for (const [k, v] of Object.entries(fields)) lines.push(`${k}:${v}`);
	};
	if (sections['']) put(sections['']);
	for (const [name, fields] of Object.entries(sections)) {
		if (name === '') continue;
		lines.push(`# ${name}`);
		put(fields);
	}
	return lines.join('\r\n');
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The header line → header, or the one-line reason it cannot be replayed. */
export function parseHeader(line: string): RecordingHeader | string {
	let value: unknown;
	try {
		value = JSON.parse(line);
	} catch {
		return 'not a replwatch recording (no header line)';
	}
	if (!isRecord(value) || value.format !== recordingFormat || typeof value.version !== 'number') return 'not a replwatch recording (no header line)';
	if (value.version > recordingVersion) return `recording format version ${value.version} is newer than this replwatch reads (${recordingVersion}); upgrade replwatch`;
	if (typeof value.startedAt !== 'number' || typeof value.intervalMs !== 'number' || !isRecord(value.settings)) return 'damaged recording header';
	if (value.seeds !== undefined && !(Array.isArray(value.seeds) && value.seeds.every(x => typeof x === 'string'))) return 'damaged recording header';
	return value as unknown as RecordingHeader;
}

/** A header's settings with each one this replwatch does not accept (unknown name, bad value) left out, and their names. */
export function headerSettings(raw: Readonly<Record<string, unknown>>): {readonly settings: Record<string, unknown>; readonly dropped: readonly string[]} {
	const settings: Record<string, unknown> = {};
	const dropped: string[] = [];
	for (const [key, value] of Object.entries(raw)) {
		try {
			settingsFrom({[key]: value});
			settings[key] = value;
		} catch {
			dropped.push(key);
		}
	}
	return {settings, dropped};
}

const isString = (v: unknown): v is string => typeof v === 'string';
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isStringMap = (v: unknown): boolean => isRecord(v) && Object.values(v).every(isString);
const isNumberMap = (v: unknown): boolean => isRecord(v) && Object.values(v).every(isNumber);
const isError = (v: unknown): boolean => isRecord(v) && isString(v.kind) && isString(v.message);
const isRecordList = (v: unknown): boolean => Array.isArray(v) && v.every(isRecord);

function isInfoDelta(v: unknown): boolean {
	return isRecord(v) && Object.values(v).every(section => section === null || (isRecord(section) && Object.values(section).every(x => x === null || isString(x))));
}

function isSample(v: unknown): boolean {
	return isRecord(v) && isString(v.a) && isNumber(v.t) && (v.ok === 0 || v.ok === 1)
		&& (v.r === undefined || isNumber(v.r)) && (v.e === undefined || isError(v.e)) && (v.i === undefined || isInfoDelta(v.i))
		&& (v.c === undefined || isStringMap(v.c)) && (v.ca === undefined || isNumber(v.ca)) && (v.ce === undefined || isError(v.ce))
		&& (v.au === undefined || typeof v.au === 'boolean');
}

function isFrameShape(v: Record<string, unknown>): boolean {
	return isNumber(v.f) && isNumber(v.at) && (v.ms === null || isNumber(v.ms)) && Array.isArray(v.s) && v.s.every(isSample)
		&& (v.o === undefined || (Array.isArray(v.o) && v.o.every(isString))) && (v.v === undefined || isStringMap(v.v))
		&& (v.al === undefined || isStringMap(v.al)) && (v.sv === undefined || isRecordList(v.sv))
		&& (v.cs === undefined || isRecordList(v.cs)) && (v.hb === undefined || isNumberMap(v.hb));
}

const isEvent = (v: unknown): boolean => isRecord(v) && isNumber(v.at) && isString(v.node) && isString(v.kind) && isString(v.text);
const isFix = (v: unknown): boolean => isRecord(v) && isNumber(v.at) && isString(v.node) && Array.isArray(v.command) && v.command.every(isString);

/**
 * One body line → record, or undefined when it is not one: not JSON, or JSON of the wrong shape
 * (`"s":[null]`, a string where a list belongs). Checked field by field so replay never meets one.
 */
export function parseLine(line: string): RecordLine | undefined {
	let value: unknown;
	try {
		value = JSON.parse(line);
	} catch {
		return undefined;
	}
	if (!isRecord(value)) return undefined;
	if ('f' in value) return isFrameShape(value) ? value as unknown as FrameLine : undefined;
	if ('e' in value) return isEvent(value.e) ? value as unknown as RecordLine : undefined;
	if ('x' in value) return isFix(value.x) ? value as unknown as RecordLine : undefined;
	if ('p' in value) return typeof value.p === 'boolean' && isNumber(value.at) ? value as unknown as RecordLine : undefined;
	if ('end' in value) return isNumber(value.end) ? value as unknown as RecordLine : undefined;
	return undefined;
}

export const isFrame = (r: RecordLine): r is FrameLine => 'f' in r;
