// Replay in bounded memory and linear time (issue 23). Run by hand:
//   npm run build && npx tsx bench/replay.ts [--mb 2048] [--small-mb 512] [--nodes 12] [--pad-kb 24]
// Makes two recordings with the recorder itself (a 3-node replication group plus followers whose
// INFO carries a field that changes every frame, so each frame adds about nodes × pad bytes of
// NDJSON), then replays each `--once --json` with the built CLI and reports peak RSS (VmHWM) and
// wall time against the decompressed size. The two sizes show whether time grows linearly.
import {spawn} from 'node:child_process';
import {createReadStream, mkdtempSync, readFileSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {createGunzip} from 'node:zlib';
import {defaultSettings} from '../source/checks/index.js';
import type {NodeSample} from '../source/model/types.js';
import {createRecorder} from '../source/record/writer.js';
import {parseInfo} from '../source/redis/parse-info.js';
import {formatBytes} from '../source/report/format.js';
import {flag} from './proc.js';

const bigMb = flag('mb', 2048);
const smallMb = flag('small-mb', 512);
const nodes = flag('nodes', 12);
const padKb = flag('pad-kb', 24);
const root = join(import.meta.dirname, '..');
const master = readFileSync(join(root, 'test/fixtures/engine-master-steady.txt'), 'utf8');
const replica = readFileSync(join(root, 'test/fixtures/engine-replica-steady.txt'), 'utf8');

/** A recording of about `mb` MiB of NDJSON; resolves to its path and frame count. */
async function makeRecording(dir: string, mb: number): Promise<{path: string; frames: number}> {
	const path = join(dir, `replay-${mb}.ndjson.gz`);
	const recorder = createRecorder({path, intervalMs: 1000, settings: defaultSettings, seeds: ['127.0.0.1:7000'], maxBytes: 64 * 1024 ** 3});
	const perFrame = nodes * padKb * 1024;
	const frames = Math.ceil((mb * 1024 * 1024) / perFrame);
	const chunk = '0123456789abcdef'.repeat(Math.ceil((padKb * 1024) / 16)).slice(0, padKb * 1024);
	for (let i = 0; i < frames; i++) {
		const at = 1_700_000_000_000 + i * 1000;
		// The pad changes every frame (rotated), so the recorder stores it again each time; gzip shrinks it.
		const pad = chunk.slice(i % 16) + chunk.slice(0, i % 16);
		const samples: NodeSample[] = [];
		const m = master.replace(/master_repl_offset:(\d+)/, (_, n: string) => `master_repl_offset:${Number(n) + i * 100}`);
		samples.push({address: '127.0.0.1:7000', at, reachable: true, rttMs: 0.3, info: parseInfo(`${m}\r\nbench_pad:${pad}`)});
		for (let k = 1; k < nodes; k++) samples.push({address: `127.0.0.1:${7000 + k}`, at, reachable: true, rttMs: 0.3, info: parseInfo(`${replica}\r\nbench_pad:${pad}`)});
		recorder.frame({tick: i + 1, lastTickMs: 3, fresh: samples, frame: {at, samples, via: new Map([['127.0.0.1:7000', 'seed']]), aliases: new Map(), sentinels: []}});
		// Let zlib's writes drain now and then: the bench must not hold the whole file in memory itself.
		if (i % 200 === 0) await new Promise(resolve => setImmediate(resolve));
	}
	await recorder.close();
	return {path, frames};
}

async function decompressedBytes(path: string): Promise<number> {
	let total = 0;
	await new Promise<void>((resolve, reject) => createReadStream(path).pipe(createGunzip()).on('data', (c: Buffer) => (total += c.length)).on('end', resolve).on('error', reject));
	return total;
}

/** Runs `replay FILE --once --json` with the built CLI; peak RSS from /proc (VmHWM) just before it exits. */
async function replay(path: string): Promise<{ms: number; peakMb: number; code: number | null; err: string}> {
	const started = performance.now();
	const child = spawn(process.execPath, ['--max-semi-space-size=1', join(root, 'dist/main.js'), 'replay', path, '--once', '--json'], {stdio: ['ignore', 'ignore', 'pipe']});
	let err = '';
	child.stderr.on('data', c => (err += c));
	let peakKb = 0;
	const poll = setInterval(() => {
		try {
			peakKb = Math.max(peakKb, Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0));
		} catch {
			// exited
		}
	}, 100);
	const code = await new Promise<number | null>(resolve => child.on('close', resolve));
	clearInterval(poll);
	return {ms: performance.now() - started, peakMb: peakKb / 1024, code, err: err.trim()};
}

const dir = mkdtempSync(join(tmpdir(), 'replwatch-bench-replay-'));
try {
	const rows: string[] = [];
	for (const mb of [smallMb, bigMb]) {
		const made = performance.now();
		const {path, frames} = await makeRecording(dir, mb);
		const size = await decompressedBytes(path);
		console.log(`recorded ${frames} frames of ${nodes} nodes in ${((performance.now() - made) / 1000).toFixed(0)} s: ${formatBytes(statSync(path).size)} gzip, ${formatBytes(size)} decompressed`);
		const run = await replay(path);
		const perGb = run.ms / 1000 / (size / 1024 ** 3);
		rows.push(`| ${formatBytes(size)} | ${formatBytes(statSync(path).size)} | ${frames} | ${(run.ms / 1000).toFixed(1)} s | ${perGb.toFixed(1)} s/GiB | ${run.peakMb.toFixed(0)} MB | ${run.code} |`);
		console.log(rows.at(-1), run.err ? `stderr: ${run.err.slice(0, 200)}` : '');
		rmSync(path);
	}
	console.log('\n| decompressed | gzip | frames | replay --once | time per GiB | peak RSS | exit |\n| --- | --- | --- | --- | --- | --- | --- |');
	for (const row of rows) console.log(row);
} finally {
	rmSync(dir, {recursive: true, force: true});
}
