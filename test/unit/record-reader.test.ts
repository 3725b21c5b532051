// Issue 23: the reader streams a recording and checks each record's shape: JSON of the wrong shape is
// skipped and counted (never a TypeError out of replay), an unknown header setting name is ignored
// with a note, and no generated line makes the reader or a headless replay throw.
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {gunzipSync, gzipSync} from 'node:zlib';
import fc from 'fast-check';
import {afterAll, describe, expect, it} from 'vitest';
import {runReplay} from '../../source/cli/replay-command.js';
import {readRecording, streamRecording} from '../../source/record/reader.js';

const dir = mkdtempSync(join(tmpdir(), 'replwatch-reader-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));
const fixture = new URL('../fixtures/replay-lab3.ndjson.gz', import.meta.url);
const lines = gunzipSync(readFileSync(fixture)).toString('utf8').trim().split('\n');
let n = 0;

function write(body: readonly string[]): string {
	const path = join(dir, `r${n++}.ndjson.gz`);
	writeFileSync(path, gzipSync(`${body.join('\n')}\n`));
	return path;
}

async function replay(path: string): Promise<{code: number; out: string; err: string[]}> {
	let out = '';
	const err: string[] = [];
	const code = await runReplay([path, '--once', '--json'], {stdout: text => (out += text), stderr: line => err.push(line), interactive: false});
	return {code, out, err};
}

const frameAt = lines.findIndex((l, i) => i > 0 && l.startsWith('{"f":'));

describe('recording reader', () => {
	it('records of the wrong shape are skipped with a count; the replay goes on past them', async () => {
		const whole = await replay(write(lines));
		expect(whole.code).toBeLessThan(3);
		const bad = ['{"f":999,"at":1,"ms":1,"s":[null]}', '{"f":998,"at":1,"ms":1,"s":"oops"}', '{"e":{"at":1,"node":3}}', '[1,2]', 'not json'];
		const body = [...lines.slice(0, frameAt + 1), ...bad, ...lines.slice(frameAt + 1)];
		const damaged = await replay(write(body));
		expect(damaged.code).toBe(whole.code);
		expect(damaged.err).toEqual([expect.stringMatching(/^replwatch: recording .* is damaged \(5 records of the wrong shape skipped\): replaying up to .* \(\d+ frames\)$/)]);
		const report = (text: string) => JSON.parse(text) as {nodes: unknown[]; checks: Array<{id: string; status: string}>};
		expect(report(damaged.out).checks).toEqual(report(whole.out).checks);
	});

	it('a flipped letter in a header setting name is ignored with a note, not an abort', async () => {
		const header = JSON.parse(lines[0]!) as {settings: Record<string, unknown>};
		const [name, value] = Object.entries(header.settings)[0]!;
		delete header.settings[name];
		header.settings[`${name.slice(0, 2)}X${name.slice(3)}`] = value;
		const result = await replay(write([JSON.stringify(header), ...lines.slice(1)]));
		expect(result.code).toBeLessThan(3);
		expect(result.err[0]).toMatch(/unknown header setting ".+" ignored \(defaults used\)/);
	});

	it('a line over the limit is skipped and counted, in linear time', async () => {
		const huge = `{"e":{"at":1,"node":"","kind":"x","text":"${'a'.repeat(3 * 1024 * 1024)}"}}`;
		const path = write([...lines.slice(0, frameAt + 1), huge, huge, ...lines.slice(frameAt + 1)]);
		const seen: unknown[] = [];
		const summary = await streamRecording(path, r => seen.push(r), {maxLineBytes: 1024 * 1024});
		expect(summary.warning).toMatch(/2 lines over 1 MiB skipped/);
		expect(seen.length).toBe(lines.length - 1);
	});

	it('no line, of any shape, makes the reader or a headless replay throw (fuzz)', async () => {
		const json = fc.jsonValue({maxDepth: 4});
		// Records that look like the real ones, with any value in any field.
		const recordLike = fc.oneof(
			fc.record({f: json, at: json, ms: json, s: fc.oneof(json, fc.array(json, {maxLength: 3}), fc.array(fc.record({a: json, t: json, ok: json, i: json, c: json, e: json}, {requiredKeys: []}), {maxLength: 3})), o: json, v: json, sv: json, hb: json}, {requiredKeys: ['f']}),
			fc.record({e: fc.oneof(json, fc.record({at: json, node: json, kind: json, text: json}, {requiredKeys: []}))}),
			fc.record({x: json}),
			fc.record({p: json, at: json}, {requiredKeys: []}),
			fc.record({end: json}),
		).map(v => JSON.stringify(v));
		const line = fc.oneof(recordLike, json.map(v => JSON.stringify(v) ?? 'null'), fc.string({maxLength: 40}));
		await fc.assert(fc.asyncProperty(fc.array(line, {maxLength: 8}), fc.nat({max: 20}), async (inserted, at) => {
			const body = [...lines.slice(0, 1 + Math.min(at, lines.length - 1)), ...inserted, ...lines.slice(1 + Math.min(at, lines.length - 1))];
			const path = write(body);
			await readRecording(path);
			const result = await replay(path);
			expect(result.code).toBeLessThanOrEqual(3);
			expect(result.err.join('\n')).not.toMatch(/internal error|TypeError|undefined/);
			rmSync(path);
		}), {numRuns: 150});
	}, 120_000);
});
