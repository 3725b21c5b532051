import {isValidPort} from '../model/address.js';
import type {Address, SentinelView} from '../model/types.js';
import {sanitize} from '../model/sanitize.js';

/** Sentinel can hold auth-pass / sentinel-pass for its peers and masters: such keys never leave the parser. */
const secretKey = /pass|auth/i;

export type SentinelRecord = Readonly<Record<string, string>>;

function scalar(value: unknown): string {
	if (Buffer.isBuffer(value)) return sanitize(value.toString('utf8'));
	return sanitize(value);
}

/**
 * A flat `[field, value, …]` reply (RESP2, or RESP3 with ioredis' legacy mapping) or a RESP3 map
 * object → a record of strings. Password-like fields are dropped. Total: anything else gives {}.
 */
export function fieldsToRecord(reply: unknown): SentinelRecord {
	const record: Record<string, string> = {};
	const put = (key: unknown, value: unknown) => {
		const k = scalar(key);
		if (k === '' || secretKey.test(k)) return;
		record[k] = scalar(value);
	};
	if (Array.isArray(reply)) {
		for (let i = 0; i + 1 < reply.length; i += 2) put(reply[i], reply[i + 1]);
	} else if (reply instanceof Map) {
		for (const [k, v] of reply) put(k, v);
	} else if (reply !== null && typeof reply === 'object' && !Buffer.isBuffer(reply)) {
		for (const [k, v] of Object.entries(reply)) put(k, v);
	}
	return record;
}

/** SENTINEL MASTERS / REPLICAS / SENTINELS: a list of flat field arrays → records. */
export function recordsOf(reply: unknown): SentinelRecord[] {
	return Array.isArray(reply) ? reply.map(fieldsToRecord) : [];
}

/** `host:port`, IPv6 hosts in brackets. */
export function joinAddress(host: string, port: string | number): Address {
	return host.includes(':') && !host.startsWith('[') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** The address of a Sentinel record (master, replica or Sentinel entry), or undefined without ip/port. */
export function recordAddress(record: SentinelRecord | undefined): Address | undefined {
	if (!record?.ip || !record.port || !/^\d{1,5}$/.test(record.port) || !isValidPort(Number(record.port))) return undefined;
	return joinAddress(record.ip, record.port);
}

/** SENTINEL GET-MASTER-ADDR-BY-NAME → `host:port`; a nil reply (unknown name) → undefined. */
export function parseMasterAddr(reply: unknown): Address | undefined {
	if (!Array.isArray(reply) || reply.length < 2) return undefined;
	const host = scalar(reply[0]);
	const port = scalar(reply[1]);
	return host !== '' && /^\d+$/.test(port) ? joinAddress(host, port) : undefined;
}

export interface Ckquorum {
	readonly ok: boolean;
	/** `usable` count from the reply, null when absent. */
	readonly usable: number | null;
	readonly text: string;
}

/** `OK 3 usable Sentinels. …` or `NOQUORUM 1 usable Sentinels. …` (the latter arrives as an error reply). */
export function parseCkquorum(reply: unknown): Ckquorum {
	const text = scalar(reply instanceof Error ? reply.message : reply).trim();
	const match = /^(OK|NOQUORUM)\s+(\d+)\s+usable/i.exec(text);
	return {ok: /^OK\b/.test(text), usable: match ? Number(match[2]) : null, text};
}

export interface InfoSentinelMaster {
	readonly name: string;
	readonly status: string; // ok | sdown | odown
	readonly address?: Address;
	readonly slaves?: number;
	readonly sentinels?: number;
}

export interface InfoSentinel {
	readonly tilt: boolean;
	readonly tiltSinceSeconds?: number;
	readonly masters: readonly InfoSentinelMaster[];
}

/** INFO sentinel: TILT state and the `masterN:name=…,status=…,address=…,slaves=…,sentinels=…` lines. */
export function parseInfoSentinel(text: unknown): InfoSentinel {
	const source = typeof text === 'string' ? text : Buffer.isBuffer(text) ? text.toString('utf8') : '';
	let tilt = false;
	let tiltSinceSeconds: number | undefined;
	const masters: InfoSentinelMaster[] = [];
	for (const raw of source.split('\n')) {
		const line = raw.replace(/\r$/, '');
		const colon = line.indexOf(':');
		if (colon <= 0 || line.startsWith('#')) continue;
		const key = line.slice(0, colon);
		const value = line.slice(colon + 1);
		if (key === 'sentinel_tilt') tilt = value.trim() === '1';
		else if (key === 'sentinel_tilt_since_seconds') {
			const n = Number(value);
			if (Number.isFinite(n) && n >= 0) tiltSinceSeconds = n;
		} else if (/^master\d+$/.test(key)) {
			const f: Record<string, string> = {};
			for (const piece of value.split(',')) {
				const eq = piece.indexOf('=');
				if (eq > 0) f[piece.slice(0, eq)] = sanitize(piece.slice(eq + 1));
			}
			if (f.name === undefined) continue;
			const num = (v: string | undefined) => (v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined);
			masters.push({
				name: f.name,
				status: f.status ?? '',
				...(f.address ? {address: f.address} : {}),
				...(num(f.slaves) === undefined ? {} : {slaves: num(f.slaves)}),
				...(num(f.sentinels) === undefined ? {} : {sentinels: num(f.sentinels)}),
			});
		}
	}
	return {tilt, ...(tiltSinceSeconds === undefined ? {} : {tiltSinceSeconds}), masters};
}

export function flagsOf(record: SentinelRecord | undefined): string[] {
	return (record?.flags ?? '').split(',').filter(Boolean);
}

/** What a person watching a Sentinel needs to see about one master, from one SentinelView. */
export interface SentinelState {
	readonly quorum?: number;
	readonly flags: readonly string[];
	readonly failoverInProgress: boolean;
	readonly failoverState?: string;
	readonly subjectivelyDown: boolean;
	readonly objectivelyDown: boolean;
	readonly tilt: boolean;
	readonly numOtherSentinels?: number;
	readonly numReplicas?: number;
	readonly configEpoch?: number;
	readonly quorumOk?: boolean;
	readonly usableSentinels?: number | null;
}

function numberField(record: SentinelRecord | undefined, name: string): number | undefined {
	const value = record?.[name];
	if (value === undefined || value === '') return undefined;
	const n = Number(value);
	return Number.isFinite(n) ? n : undefined;
}

export function sentinelState(view: SentinelView): SentinelState {
	const flags = flagsOf(view.master);
	const failoverState = view.master?.['failover-state'];
	const ck = view.ckquorum === undefined ? undefined : parseCkquorum(view.ckquorum);
	const optional = <K extends string, V>(key: K, value: V | undefined) => (value === undefined ? {} : ({[key]: value} as {[P in K]: V}));
	return {
		flags,
		failoverInProgress: flags.includes('failover_in_progress') || (failoverState !== undefined && failoverState !== 'none'),
		subjectivelyDown: flags.includes('s_down'),
		objectivelyDown: flags.includes('o_down'),
		tilt: view.tilt ?? false,
		...optional('quorum', numberField(view.master, 'quorum')),
		...optional('failoverState', failoverState),
		...optional('numOtherSentinels', numberField(view.master, 'num-other-sentinels')),
		...optional('numReplicas', numberField(view.master, 'num-slaves')),
		...optional('configEpoch', numberField(view.master, 'config-epoch')),
		...optional('quorumOk', ck?.ok),
		...optional('usableSentinels', ck?.usable),
	};
}

/** A replica or Sentinel entry Sentinel still lists but cannot reach (it never forgets them, spec F.1). */
export function isStale(record: SentinelRecord): boolean {
	const flags = flagsOf(record);
	return flags.includes('s_down') || flags.includes('o_down') || flags.includes('disconnected');
}
