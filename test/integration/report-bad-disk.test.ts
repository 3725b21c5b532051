// Issue 23: a report on a bad disk. With a read-only state directory `--once --report md` still prints
// the report and keeps the verdict's exit code; a full disk under replay --report is one line, not
// "internal error".
import {existsSync, readdirSync} from 'node:fs';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startLab, type Lab} from '../../source/lab/lab.js';
import {runReplay} from '../../source/cli/replay-command.js';
import {readOnlyDir, type ReadOnlyDir} from '../helpers/read-only-dir.js';
import {ensureBuilt, root, startCli} from './cli-runner.js';

describe('reports on bad disks', () => {
	let lab: Lab;
	let dir: ReadOnlyDir;
	beforeAll(async () => {
		ensureBuilt();
		lab = await startLab({followers: 1});
		dir = readOnlyDir('replwatch-ro-state-');
	});
	afterAll(async () => {
		dir?.remove();
		await lab?.stop();
	});

	it('--once --report md with a read-only state dir prints the report and exits with the verdict', async ({skip}) => {
		if (!dir.readOnly) skip();
		const json = startCli(['--once', '--json', '--window', '1s', lab.leader.address]);
		const verdict = await json.exited;
		expect(verdict).toBeLessThan(3);
		const run = startCli(['--once', '--report', 'md', '--window', '1s', lab.leader.address], {XDG_STATE_HOME: join(dir.path, 'state')});
		expect(await run.exited).toBe(verdict);
		expect(run.stdout()).toMatch(/^# replwatch report\n/);
		expect(run.stderr()).toMatch(new RegExp(`^replwatch: report not saved to ${dir.path}/state/replwatch/reports/replwatch-report-[^ ]+\\.md: permission denied\\n$`));
		expect(existsSync(join(dir.path, 'state'))).toBe(false);
	}, 30_000);

	it('replay --report md on a full disk: one line, the report on stdout, no internal error', async () => {
		const fixture = join(root, 'test/fixtures/replay-lab3.ndjson.gz');
		let out = '';
		const err: string[] = [];
		const code = await runReplay([fixture, '--once', '--report', 'md', '--report-file', '/dev/full'], {stdout: text => (out += text), stderr: line => err.push(line), interactive: false});
		expect(code).toBeLessThan(3);
		expect(out).toMatch(/^# replwatch report\n/);
		expect(err).toEqual(['replwatch: report not saved to /dev/full: no space left on the device']);
		expect(readdirSync('/dev').includes('full')).toBe(true);
	});
});
