import {formatBytes} from '../model/units.js';
// Per-parameter checks of a proposed value, run before anything is sent to a server (spec C.1).

const INT_MAX = 2_147_483_647;
const LONG_MAX = Number.MAX_SAFE_INTEGER; // larger values cannot be typed meaningfully anyway

const aliases: Readonly<Record<string, string>> = {
	'slave-read-only': 'replica-read-only',
	'slave-serve-stale-data': 'replica-serve-stale-data',
	'slave-priority': 'replica-priority',
	'slave-lazy-flush': 'replica-lazy-flush',
	'slave-ignore-maxmemory': 'replica-ignore-maxmemory',
	'slave-announce-ip': 'replica-announce-ip',
	'slave-announce-port': 'replica-announce-port',
	'min-slaves-to-write': 'min-replicas-to-write',
	'min-slaves-max-lag': 'min-replicas-max-lag',
	'repl-ping-slave-period': 'repl-ping-replica-period',
	primaryauth: 'masterauth',
	primaryuser: 'masteruser',
};

/** The canonical lower-case name of a CONFIG parameter (aliases such as `slave-*` resolved). */
export function canonicalParameter(parameter: string): string {
	const lower = parameter.toLowerCase();
	return aliases[lower] ?? lower;
}

type Rule =
	| {readonly kind: 'size'; readonly min: number}
	| {readonly kind: 'int'; readonly min: number; readonly max: number}
	| {readonly kind: 'bool'}
	| {readonly kind: 'enum'; readonly values: readonly string[]}
	| {readonly kind: 'obl'}
	| {readonly kind: 'save'}
	| {readonly kind: 'secret'};

const rules: Readonly<Record<string, Rule>> = {
	'repl-backlog-size': {kind: 'size', min: 16_384}, // the server clamps smaller values up to 16384
	maxmemory: {kind: 'size', min: 0},
	'repl-backlog-ttl': {kind: 'int', min: 0, max: LONG_MAX},
	'repl-diskless-sync-delay': {kind: 'int', min: 0, max: INT_MAX},
	'repl-diskless-sync-max-replicas': {kind: 'int', min: 0, max: INT_MAX},
	'min-replicas-to-write': {kind: 'int', min: 0, max: INT_MAX},
	'min-replicas-max-lag': {kind: 'int', min: 0, max: INT_MAX},
	'repl-timeout': {kind: 'int', min: 1, max: INT_MAX},
	'repl-ping-replica-period': {kind: 'int', min: 1, max: INT_MAX},
	'replica-priority': {kind: 'int', min: 0, max: INT_MAX},
	'replica-announce-port': {kind: 'int', min: 0, max: 65_535},
	'repl-diskless-sync': {kind: 'bool'},
	'replica-read-only': {kind: 'bool'},
	'replica-serve-stale-data': {kind: 'bool'},
	'replica-announced': {kind: 'bool'},
	'repl-disable-tcp-nodelay': {kind: 'bool'},
	'replica-lazy-flush': {kind: 'bool'},
	'replica-ignore-maxmemory': {kind: 'bool'},
	'replica-ignore-disk-write-errors': {kind: 'bool'},
	'tls-replication': {kind: 'bool'},
	'dual-channel-replication-enabled': {kind: 'bool'},
	'protected-mode': {kind: 'bool'},
	appendonly: {kind: 'bool'},
	'repl-diskless-load': {kind: 'enum', values: ['disabled', 'on-empty-db', 'swapdb']},
	'propagation-error-behavior': {kind: 'enum', values: ['ignore', 'panic', 'panic-on-replicas']},
	'client-output-buffer-limit': {kind: 'obl'},
	save: {kind: 'save'},
	masterauth: {kind: 'secret'},
	masteruser: {kind: 'secret'},
	requirepass: {kind: 'secret'},
	// SENTINEL SET options
	quorum: {kind: 'int', min: 1, max: INT_MAX},
	'down-after-milliseconds': {kind: 'int', min: 1, max: INT_MAX},
	'failover-timeout': {kind: 'int', min: 1, max: INT_MAX},
	'parallel-syncs': {kind: 'int', min: 1, max: INT_MAX},
};

const unitFactors: Readonly<Record<string, number>> = {
	'': 1, b: 1, k: 1000, kb: 1024, m: 1_000_000, mb: 1024 ** 2, g: 1_000_000_000, gb: 1024 ** 3,
};

/** Bytes of a Redis memory value (`64mb`, `1gb`, `16384`), undefined when it is not one. */
export function parseMemory(value: string): number | undefined {
	const match = /^(\d+)([a-z]*)$/i.exec(value.trim());
	if (!match) return undefined;
	const factor = unitFactors[match[2]!.toLowerCase()];
	if (factor === undefined) return undefined;
	const bytes = Number(match[1]) * factor;
	return Number.isSafeInteger(bytes) ? bytes : undefined;
}

function parseInteger(value: string): number | undefined {
	return /^-?\d+$/.test(value.trim()) ? Number(value.trim()) : undefined;
}

function checkObl(value: string): string | undefined {
	const parts = value.trim().split(/\s+/);
	const usage = 'expected "replica <hard> <soft> <seconds>", e.g. "replica 512mb 128mb 60"';
	if (parts.length !== 4) return usage;
	const [cls, hard, soft, secs] = parts as [string, string, string, string];
	if (!['replica', 'slave'].includes(cls.toLowerCase())) return `class must be "replica" (or "slave"): ${usage}`;
	if (parseMemory(hard) === undefined) return `hard limit "${hard}" is not a memory size (bytes, kb, mb, gb)`;
	if (parseMemory(soft) === undefined) return `soft limit "${soft}" is not a memory size (bytes, kb, mb, gb)`;
	const seconds = parseInteger(secs);
	if (seconds === undefined || seconds < 0) return `soft seconds "${secs}" must be a whole number ≥ 0`;
	return undefined;
}

function checkSave(value: string): string | undefined {
	const text = value.trim();
	if (text === '' || text === '""') return undefined;
	const parts = text.split(/\s+/);
	if (parts.length % 2 !== 0 || parts.some(p => !/^\d+$/.test(p) || Number(p) <= 0)) {
		return 'expected pairs of "<seconds> <changes>", e.g. "3600 1 300 100 60 10000", or "" to disable';
	}
	return undefined;
}

/** One line saying why `value` is not acceptable for `parameter`, or undefined when it is. */
export function validateValue(parameter: string, value: string): string | undefined {
	const name = canonicalParameter(parameter);
	const rule = rules[name];
	if (/[\r\n\0]/.test(value)) return `${name}: the value must be one line`;
	if (!rule) return value.trim() === '' ? `${name}: a value is required` : undefined;
	switch (rule.kind) {
		case 'size': {
			const bytes = parseMemory(value);
			if (bytes === undefined) return `${name}: "${value}" is not a memory size (use bytes or a unit: 64mb, 1gb)`;
			if (bytes < rule.min) return `${name}: must be at least ${rule.min} byte${rule.min === 1 ? '' : 's'}`;
			return undefined;
		}
		case 'int': {
			const n = parseInteger(value);
			if (n === undefined) return `${name}: "${value}" is not a whole number`;
			if (n < rule.min || n > rule.max) return `${name}: must be between ${rule.min} and ${rule.max}`;
			return undefined;
		}
		case 'bool':
			return ['yes', 'no'].includes(value.trim().toLowerCase()) ? undefined : `${name}: must be yes or no`;
		case 'enum':
			return rule.values.includes(value.trim().toLowerCase()) ? undefined : `${name}: must be one of ${rule.values.join(', ')}`;
		case 'obl': {
			const error = checkObl(value);
			return error ? `${name}: ${error}` : undefined;
		}
		case 'save': {
			const error = checkSave(value);
			return error ? `${name}: ${error}` : undefined;
		}
		case 'secret':
			if (value === '') return `${name}: a value is required`;
			return /\s/.test(value) ? `${name}: must not contain spaces` : undefined;
	}
}

/** A value in the form CONFIG GET prints it, so `64mb` and `67108864` compare equal. */
export function normalizeValue(parameter: string, value: string): string {
	const name = canonicalParameter(parameter);
	const rule = rules[name];
	const text = value.trim();
	if (!rule) return text;
	switch (rule.kind) {
		case 'size':
			return String(parseMemory(text) ?? text);
		case 'bool':
		case 'enum':
			return text.toLowerCase();
		case 'int':
			return String(parseInteger(text) ?? text);
		case 'obl': {
			// CONFIG GET prints every class; compare only the replica class ("slave" in the reply).
			const parts = text.split(/\s+/);
			for (let i = 0; i + 3 < parts.length; i += 4) {
				const cls = parts[i]!.toLowerCase();
				if (cls === 'replica' || cls === 'slave') {
					const sizes = [parts[i + 1]!, parts[i + 2]!].map(s => String(parseMemory(s) ?? s));
					return ['slave', ...sizes, parts[i + 3]!].join(' ');
				}
			}
			return text;
		}
		case 'save':
			return text === '""' ? '' : text.split(/\s+/).join(' ');
		case 'secret':
			return text;
	}
}

/** A memory-size value as a person reads it: `1 MiB`, or `2 MiB (2mb)` when the CONFIG spelling differs; other values as they are. */
export function displayValue(parameter: string, value: string): string {
	if (rules[canonicalParameter(parameter)]?.kind !== 'size') return value;
	const bytes = parseMemory(value);
	if (bytes === undefined) return value;
	const shown = formatBytes(bytes);
	return /^\d+$/.test(value.trim()) ? shown : `${shown} (${value})`;
}

/** Whether `parameter`'s value is a secret that must never be shown or logged. */
export function isSecretParameter(parameter: string): boolean {
	return rules[canonicalParameter(parameter)]?.kind === 'secret'
		|| /(^|-)pass$|password|auth-pass|auth-user/.test(parameter.toLowerCase());
}
