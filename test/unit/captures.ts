import {existsSync, readFileSync} from 'node:fs';
import {configReplyToRecord} from '../../source/redis/connection.js';
import {parseInfo} from '../../source/redis/parse-info.js';
import type {NodeSample} from '../../source/model/types.js';

// Real text printed by real servers (test/fixtures/captures/README.md): leader + 2 followers per version.
export const versions = {
	'5.0.14': {dir: 'redis-5.0.14', ports: [7700, 7701, 7702]},
	'6.2.16': {dir: 'redis-6.2.16', ports: [7720, 7721, 7722]},
	'7.2.6': {dir: 'redis-7.2.6', ports: [7740, 7741, 7742]},
	'7.4.1': {dir: 'redis-7.4.1', ports: [7760, 7761, 7762]},
	'8.0-m01': {dir: 'redis-8.0-m01', ports: [7760, 7761, 7762]},
	'valkey-8.0.1': {dir: 'valkey-8.0.1', ports: [7780, 7781, 7782]},
} as const;
export type CapturedVersion = keyof typeof versions;
export const versionNames = Object.keys(versions) as CapturedVersion[];

export function captureText(dir: string, file: string): string {
	return readFileSync(new URL(`../fixtures/captures/${dir}/${file}`, import.meta.url), 'utf8');
}

export const hasCapture = (dir: string, file: string): boolean => existsSync(new URL(`../fixtures/captures/${dir}/${file}`, import.meta.url));

/** `CONFIG GET` as captured: name and value on alternate lines (values may be empty lines). */
export function captureConfig(dir: string, file: string): Record<string, string> {
	const lines = captureText(dir, file).replace(/\r/g, '').split('\n');
	const pairs: string[] = [];
	for (let i = 0; i + 1 < lines.length; i += 2) pairs.push(lines[i]!, lines[i + 1]!);
	return configReplyToRecord(pairs);
}

const base = Date.UTC(2026, 10, 1);

/** When the server printed it: server_time_usec (6.0+), else the uptime from a fixed start. */
function stamp(info: ReturnType<typeof parseInfo>): number {
	const usec = Number(info.fields.server_time_usec);
	if (Number.isFinite(usec) && usec > 0) return Math.round(usec / 1000);
	return base + Number(info.fields.uptime_in_seconds ?? 0) * 1000;
}

export interface SampleOptions {
	readonly config?: boolean;
	readonly at?: number;
}

/** One captured INFO file as a reachable node sample, with the node's CONFIG when there is one. */
export function captureSample(dir: string, file: string, port: number, options: SampleOptions = {}): NodeSample {
	const info = parseInfo(captureText(dir, file));
	const at = options.at ?? stamp(info);
	const configFile = `config-${port}.txt`;
	const config = options.config !== false && hasCapture(dir, configFile) ? captureConfig(dir, configFile) : undefined;
	return {address: `127.0.0.1:${port}`, at, rttMs: 0.3, reachable: true, info, ...(config ? {config, configAt: at} : {}), authRequired: false};
}

/** The leader and both followers from `info-all-<port>-<when>.txt`. */
export function captureRound(version: CapturedVersion, when: 'idle' | 'after'): NodeSample[] {
	const {dir, ports} = versions[version];
	return ports.map(p => captureSample(dir, `info-all-${p}-${when}.txt`, p));
}

/** A node that did not answer (a SIGSTOPped process: the probe timed out). */
export function silent(address: string, at: number): NodeSample {
	return {address, at, reachable: false, error: {kind: 'timeout', message: 'no reply within 1000 ms'}};
}

/**
 * Leader + 2 followers under write load, then the second follower paused (SIGSTOP on 5.0, CLIENT
 * PAUSE WRITE on 6.2+; a 5.0/6.2 follower paused that way did not answer at all).
 */
export function pausedRounds(version: CapturedVersion, gapMs = 5000): NodeSample[][] {
	const {dir, ports} = versions[version];
	const t0 = Date.UTC(2026, 10, 1, 2);
	const load = ports.map(p => captureSample(dir, `info-repl-${p}-load.txt`, p, {at: t0}));
	const paused = ports.map(p => {
		const file = `info-repl-${p}-paused.txt`;
		return captureText(dir, file).trim() === '' ? silent(`127.0.0.1:${p}`, t0 + gapMs) : captureSample(dir, file, p, {at: t0 + gapMs});
	});
	return [load, paused];
}
