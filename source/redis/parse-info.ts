import type {CommandStat, ParsedInfo, ReplicaLine} from '../model/types.js';
import {sanitize} from '../model/sanitize.js';
import {rawNumber} from '../model/node-view.js';

// `slaveN` everywhere so far; `replicaN` is the spelling newer Valkey releases move to.
const replicaKey = /^(?:slave|replica)(\d+)$/;

function toNumber(value: string | undefined, fallback = 0): number {
	if (value === undefined) return fallback;
	const n = Number(value);
	return Number.isFinite(n) ? n : fallback;
}

/** `a=1,b=2` → {a: '1', b: '2'}; pieces without `=` are kept with an empty value. */
export function parseKeyValueList(value: string): Record<string, string> {
	const map = dict<string>();
	for (const piece of value.split(',')) {
		if (piece === '') continue;
		const eq = piece.indexOf('=');
		if (eq === -1) map[piece] = '';
		else map[piece.slice(0, eq)] = piece.slice(eq + 1);
	}
	return map;
}

// Prototype-free maps: a server could name a section or field `__proto__`.
function dict<T>(): Record<string, T> {
	return Object.create(null) as Record<string, T>;
}

function parseReplicaLine(index: number, value: string): ReplicaLine {
	const fields = parseKeyValueList(value);
	return {
		index,
		ip: fields.ip ?? '',
		port: toNumber(fields.port),
		state: fields.state ?? '',
		offset: toNumber(fields.offset),
		lag: toNumber(fields.lag),
		fields,
	};
}

function parseCommandStat(value: string): CommandStat {
	const f = parseKeyValueList(value);
	return {
		calls: toNumber(f.calls),
		usec: toNumber(f.usec),
		...(f.rejected_calls === undefined ? {} : {rejectedCalls: toNumber(f.rejected_calls)}),
		...(f.failed_calls === undefined ? {} : {failedCalls: toNumber(f.failed_calls)}),
	};
}

/** Fields kept from one INFO reply: a full INFO of 7.x has ~400 (commandstats included); more is hostile. */
export const maxInfoFields = 10_000;
/** `slaveN` lines kept: discovery and the checks read these; beyond it they are counted, not kept. */
export const maxReplicaLines = 1000;

/**
 * Parses an INFO reply (any sections, any version). Total: never throws, whatever the input.
 * Splits on the first colon only, because IPv6 addresses in values contain colons (spec A.1).
 * Names and values come back without control characters (terminal safety). Bounded: it stops
 * after `maxInfoFields` fields (marking the result `tooManyFields`) and keeps `maxReplicaLines`
 * replica lines; lines are walked by index, never split into one array.
 */
export function parseInfo(text: unknown): ParsedInfo {
	const fields = dict<string>();
	const sections = dict<Record<string, string>>();
	const replicas: ReplicaLine[] = [];
	const commandstats = dict<CommandStat>();
	const errorstats = dict<number>();
	let section = dict<string>();
	sections[''] = section;
	const source = typeof text === 'string' ? text : Buffer.isBuffer(text) ? text.toString('utf8') : '';
	let count = 0;
	let replicasOmitted = 0;
	let tooManyFields = false;
	for (let start = 0; start < source.length;) {
		let end = source.indexOf('\n', start);
		if (end === -1) end = source.length;
		const line = source.charCodeAt(end - 1) === 13 ? source.slice(start, end - 1) : source.slice(start, end);
		start = end + 1;
		if (line === '') continue;
		if (line.startsWith('#')) {
			const name = line.slice(1).trim().toLowerCase();
			section = sections[name] ?? dict<string>();
			sections[name] = section;
			continue;
		}
		const colon = line.indexOf(':');
		if (colon <= 0) continue;
		if (++count > maxInfoFields) {
			tooManyFields = true;
			break;
		}
		// Every value may reach a screen or a report: strip control characters once, here.
		const name = sanitize(line.slice(0, colon));
		const value = sanitize(line.slice(colon + 1));
		fields[name] = value;
		section[name] = value;
		const replica = replicaKey.exec(name);
		if (replica && value.includes('=')) {
			if (replicas.length < maxReplicaLines) replicas.push(parseReplicaLine(Number(replica[1]), value));
			else replicasOmitted++;
		} else if (name.startsWith('cmdstat_')) commandstats[name.slice('cmdstat_'.length)] = parseCommandStat(value);
		else if (name.startsWith('errorstat_')) errorstats[name.slice('errorstat_'.length)] = toNumber(parseKeyValueList(value).count);
	}
	if (Object.keys(sections['']!).length === 0) delete sections[''];
	replicas.sort((a, b) => a.index - b.index);
	return {fields, sections, replicas, commandstats, errorstats, ...(tooManyFields ? {tooManyFields: true as const} : {}), ...(replicasOmitted > 0 ? {replicasOmitted} : {})};
}

/** A numeric field, or undefined when absent or not a number. */
export const infoNumber = (info: ParsedInfo | undefined, name: string): number | undefined => rawNumber(info, name);

