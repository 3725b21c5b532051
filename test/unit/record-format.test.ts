import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {gunzipSync, gzipSync} from 'node:zlib';
import {afterAll, describe, expect, it} from 'vitest';
import {defaultSettings} from '../../source/checks/index.js';
import {runReplay} from '../../source/cli/replay-command.js';
import type {NodeSample} from '../../source/model/types.js';
import {SampleDecoder, SampleEncoder} from '../../source/record/format.js';
import {readRecording, RecordingError} from '../../source/record/reader.js';
import {createRecorder} from '../../source/record/writer.js';
import {mergeInfo} from '../../source/redis/merge-info.js';
import {parseInfo} from '../../source/redis/parse-info.js';
import {parseRole} from '../../source/redis/role.js';
import {withRoleOffsets} from '../../source/redis/role-info.js';
import {nodeView} from '../../source/model/node-view.js';

const dir = mkdtempSync(join(tmpdir(), 'replwatch-record-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));
const master = readFileSync(new URL('../fixtures/engine-master-steady.txt', import.meta.url), 'utf8');
const replica = readFileSync(new URL('../fixtures/engine-replica-steady.txt', import.meta.url), 'utf8');

function sample(address: string, at: number, text: string, config?: Record<string, string>): NodeSample {
	return {address, at, reachable: true, rttMs: 0.4, info: parseInfo(text), ...(config ? {config, configAt: at} : {})};
}

/** A recording of `frames` ticks of two nodes (the master's offset moving), closed properly. */
async function record(name: string, frames: number): Promise<string> {
	const path = join(dir, name);
	const recorder = createRecorder({path, intervalMs: 1000, settings: defaultSettings, seeds: ['127.0.0.1:7000']});
	for (let i = 0; i < frames; i++) {
		const at = 1_700_000_000_000 + i * 1000;
		const m = sample('127.0.0.1:7000', at, master.replace(/master_repl_offset:(\d+)/, (_, n: string) => `master_repl_offset:${Number(n) + i * 100}`));
		const r = sample('127.0.0.1:7001', at, replica);
		recorder.frame({tick: i + 1, lastTickMs: 3, fresh: [m, r], frame: {at, samples: [m, r], via: new Map([['127.0.0.1:7000', 'seed']]), aliases: new Map(), sentinels: []}});
	}
	await recorder.close();
	return path;
}

describe('recording format', () => {
	it('stores each sample as changes to the last one and reads back the same INFO', () => {
		const encoder = new SampleEncoder();
		const decoder = new SampleDecoder();
		const full = parseInfo(master);
		const first = {address: 'a:1', at: 1, reachable: true, info: full, config: {'repl-backlog-size': '1048576'}, configAt: 1};
		const light = mergeInfo(full, parseInfo('# Replication\r\nrole:master\r\nconnected_slaves:0\r\nmaster_repl_offset:999\r\n'));
		const second = {address: 'a:1', at: 2, reachable: true, info: light, config: first.config, configAt: 1};
		const r1 = encoder.encode(first);
		const r2 = encoder.encode(second);
		// The second record holds only the replication section, and no CONFIG (unchanged since configAt).
		expect(Object.keys(r2.i ?? {})).toEqual(['replication']);
		expect(r2.c).toBeUndefined();
		expect(JSON.stringify(r2).length).toBeLessThan(JSON.stringify(r1).length / 5);
		const d1 = decoder.decode(r1);
		const d2 = decoder.decode(r2);
		expect({...d1.info!.fields}).toEqual({...full.fields});
		expect(d2.info!.fields.master_repl_offset).toBe('999');
		expect(d2.info!.replicas).toEqual([]);
		expect(d2.info!.fields.redis_version).toBe(full.fields.redis_version);
		expect(d2.config).toEqual(first.config);
	});

	it('a tick read by ROLE replays with ROLE\'s offsets: they are recorded typed, the INFO text is not re-sent', () => {
		const encoder = new SampleEncoder();
		const decoder = new SampleDecoder();
		const full = parseInfo(master);
		const line = full.replicas[0]!;
		const byRole = withRoleOffsets(parseRole(['master', 9_000_000, [[line.ip, String(line.port), '8999000']]]), full);
		decoder.decode(encoder.encode({address: 'a:1', at: 1, reachable: true, info: full}));
		const record = encoder.encode({address: 'a:1', at: 2, reachable: true, info: byRole});
		expect(record.i).toBeUndefined();
		const replayed = nodeView(decoder.decode(JSON.parse(JSON.stringify(record))).info!);
		expect(replayed.masterReplOffset).toBe(9_000_000);
		expect(replayed.replicas[0]!.offset).toBe(8_999_000);
		// A damaged or hostile `ro` is dropped, not believed.
		const damaged = nodeView(decoder.decode({...record, ro: {role: 'master', offset: 'x', replicas: []}} as never).info!);
		expect(damaged.masterReplOffset).toBe(Number(full.fields.master_repl_offset));
	});

	it('never writes a secret-looking CONFIG or Sentinel field', () => {
		const encoder = new SampleEncoder();
		const r = encoder.encode({address: 'a:1', at: 1, reachable: true, config: {masterauth: 'hunter2', requirepass: 'hunter2', 'repl-timeout': '60'}, configAt: 1});
		expect(JSON.stringify(r)).not.toContain('hunter2');
		expect(r.c).toEqual({'repl-timeout': '60'});
	});

	it('reads a whole recording without a warning', async () => {
		const rec = await readRecording(await record('whole.ndjson.gz', 5));
		expect(rec.warning).toBeUndefined();
		expect(rec.header.version).toBe(2);
		expect(rec.records.filter(r => 'f' in r)).toHaveLength(5);
	});

	it('a recording cut in the middle of a line replays up to the cut and says so', async () => {
		const text = gunzipSync(readFileSync(await record('cut.ndjson.gz', 5))).toString('utf8');
		const lines = text.split('\n');
		// Header, three frames, then half of the fourth: no closing line.
		const cut = `${lines.slice(0, 4).join('\n')}\n${lines[4]!.slice(0, 40)}`;
		const path = join(dir, 'cut-line.ndjson.gz');
		writeFileSync(path, gzipSync(cut));
		const rec = await readRecording(path);
		expect(rec.records.filter(r => 'f' in r)).toHaveLength(3);
		expect(rec.warning).toMatch(/^recording .*cut-line\.ndjson\.gz is damaged \(a line cut in the middle\): replaying up to .* \(3 frames\)$/);
	});

	it('a file cut short (kill -9: no gzip trailer) replays what was flushed', async () => {
		const bytes = readFileSync(await record('short.ndjson.gz', 80));
		const path = join(dir, 'short-cut.ndjson.gz');
		writeFileSync(path, bytes.subarray(0, Math.floor(bytes.length * 0.7)));
		const rec = await readRecording(path);
		expect(rec.records.filter(r => 'f' in r).length).toBeGreaterThan(3);
		expect(rec.warning).toMatch(/is damaged|ends without its closing line/);
	});

	it('a corrupted gzip tail replays up to the damage and says so', async () => {
		const bytes = Buffer.from(readFileSync(await record('corrupt.ndjson.gz', 80)));
		const from = bytes.length - 400;
		for (let i = from; i < bytes.length; i++) bytes[i] = (i * 151) & 0xff;
		const path = join(dir, 'corrupt-tail.ndjson.gz');
		writeFileSync(path, bytes);
		const rec = await readRecording(path);
		const frames = rec.records.filter(r => 'f' in r).length;
		expect(frames).toBeGreaterThan(2);
		expect(frames).toBeLessThan(80);
		expect(rec.warning).toMatch(/is damaged \(.+\): replaying up to /);
		const errors: string[] = [];
		const code = await runReplay([path, '--once', '--json'], {stdout: () => undefined, stderr: line => errors.push(line), interactive: false});
		expect(code).toBeLessThan(3);
		expect(errors).toHaveLength(1);
		expect(errors[0]).toMatch(/^replwatch: recording .* is damaged/);
	});

	it('a newer format version is refused with one line and exit 3', async () => {
		const path = join(dir, 'v9.ndjson.gz');
		writeFileSync(path, gzipSync(`${JSON.stringify({format: 'replwatch-recording', version: 9, startedAt: 1, intervalMs: 1000, settings: {}, seeds: []})}\n`));
		await expect(readRecording(path)).rejects.toBeInstanceOf(RecordingError);
		const errors: string[] = [];
		const code = await runReplay([path, '--once'], {stdout: () => undefined, stderr: line => errors.push(line)});
		expect(code).toBe(3);
		expect(errors).toEqual(['replwatch: recording format version 9 is newer than this replwatch reads (2); upgrade replwatch']);
	});

	it('a file that is not a recording, or missing, is one line and exit 3', async () => {
		const path = join(dir, 'plain.txt');
		writeFileSync(path, 'hello\n');
		for (const file of [path, join(dir, 'missing.gz')]) {
			const errors: string[] = [];
			expect(await runReplay([file, '--once'], {stdout: () => undefined, stderr: line => errors.push(line)})).toBe(3);
			expect(errors).toHaveLength(1);
			expect(errors[0]).toMatch(/^replwatch: (.* is not a replwatch recording|cannot read .*: ENOENT)/);
		}
	});

	it('--from/--to report only that stretch of the recording (offsets, UTC clock times)', async () => {
		const path = await record('range.ndjson.gz', 20);
		const start = 1_700_000_000_000;
		for (const [from, to] of [['5s', '12s'], [new Date(start + 5000).toISOString().slice(11, 19), new Date(start + 12_000).toISOString().slice(11, 19)]] as const) {
			let out = '';
			const code = await runReplay([path, '--once', '--json', '--from', from, '--to', to], {stdout: t => (out += t), stderr: () => undefined, interactive: false});
			expect(code).toBeLessThan(3);
			const report = JSON.parse(out) as {windowSeconds: number; generatedAt: string};
			expect(report.windowSeconds).toBe(7);
			expect(report.generatedAt).toBe(new Date(start + 12_000).toISOString());
		}
		const errors: string[] = [];
		expect(await runReplay([path, '--once', '--from', 'yesterday'], {stdout: () => undefined, stderr: line => errors.push(line)})).toBe(3);
		expect(errors).toEqual(['replwatch: invalid --from "yesterday" (an ISO time, 01:02:03 or an offset such as 90s)']);
	});

	it('refuses to overwrite an existing file', async () => {
		const path = await record('exists.ndjson.gz', 1);
		expect(() => createRecorder({path, intervalMs: 1000, settings: defaultSettings, seeds: []})).toThrow(/already exists/);
	});

	it('stops by itself at its size bound, with one line saying so', async () => {
		const stops: string[] = [];
		const path = join(dir, 'bounded.ndjson.gz');
		const recorder = createRecorder({path, intervalMs: 1000, settings: defaultSettings, seeds: [], maxBytes: 4096, flushEvery: 1, onStop: reason => stops.push(reason)});
		for (let i = 0; i < 200 && stops.length === 0; i++) {
			const m = sample('127.0.0.1:7000', i, master.replace(/run_id:\w+/, `run_id:${'x'.repeat(20)}${i}`), {'repl-timeout': String(i)});
			recorder.frame({tick: i, lastTickMs: 1, fresh: [m], frame: {at: i, samples: [m], via: new Map(), aliases: new Map(), sentinels: []}});
			await new Promise(resolve => setImmediate(resolve));
		}
		await recorder.close();
		expect(stops).toHaveLength(1);
		expect(stops[0]).toMatch(/^recording stopped at its size limit \(4 KiB\): /);
		expect(readFileSync(path).length).toBeLessThan(3 * 4096);
	});
});
