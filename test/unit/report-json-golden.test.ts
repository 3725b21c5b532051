// The headless JSON report (`--once --json`) is a contract (DESIGN.md): this pins it byte for byte.
// A replay is the one run that can be deterministic: the recorded samples, their recorded times (the
// report's generatedAt is the last tick's) and the recorded check settings go through the same derive,
// checks and report code as a live run, with no socket, clock or port in between. The recording is of
// a 3-node lab (redis-server 7.0.15) with writes, one follower SIGSTOPped halfway (leader view, lag, a fail).
// After a deliberate change of the report: UPDATE_GOLDEN=1 npx vitest run test/unit/report-json-golden.test.ts
import {readFileSync, writeFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {expect, test} from 'vitest';
import {runReplay} from '../../source/cli/replay-command.js';
import {jsonShape} from '../helpers/json-shape.js';

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url));
const recording = fixture('replay-lab3.ndjson.gz');
const goldenPath = fixture('replay-lab3.report.json');

test('replay --once --json of a fixed recording prints the committed report, byte for byte', async () => {
	let stdout = '';
	const stderr: string[] = [];
	const code = await runReplay([recording, '--once', '--json'], {stdout: text => (stdout += text), stderr: line => stderr.push(line)});
	if (process.env.UPDATE_GOLDEN === '1') writeFileSync(goldenPath, stdout);
	const golden = readFileSync(goldenPath, 'utf8');
	expect(stderr).toEqual([]);
	expect(code).toBe(2);
	// Keys and types first: a failure then names the field that moved.
	expect(jsonShape(JSON.parse(stdout))).toEqual(jsonShape(JSON.parse(golden)));
	expect(stdout).toBe(golden);
});
