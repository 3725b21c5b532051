import {afterAll, beforeAll, expect, test} from 'vitest';
import {runOnce} from '../../source/cli/headless.js';
import {startLab, type Lab} from '../../source/lab/lab.js';
import {options} from './monitor-helpers.js';

// A fresh Sentinel lab: the Sentinels need a few seconds of hello messages to find each other.
// `--once` must not judge section 3 before they agree (3.1 flipped between warn and fail).
let lab: Lab;
beforeAll(async () => {
	lab = await startLab({followers: 1, sentinels: 3});
}, 30_000);
afterAll(async () => {
	await lab?.stop();
});

test('--once on a fresh Sentinel lab waits until the Sentinels agree, then judges 3.x', async () => {
	let out = '';
	const code = await runOnce(options('--once', '--json', '--window', '500ms', '--sentinel', lab.sentinels[0]!.address, '--master-name', lab.masterName), {stdout: text => (out += text), stderr: () => {}});
	const report = JSON.parse(out) as {summary: {exitCode: number}; checks: {id: string; status: string; summary: string; evidence: {node: string; text: string}[]}[]; events: {kind: string}[]};
	expect(report.summary.exitCode).toBe(code);
	expect(report.events.some(e => e.kind === 'sentinels-disagree')).toBe(false);
	const count = report.checks.find(c => c.id === '3.1')!;
	console.log(`3.1 on a fresh lab: ${count.status}: ${count.summary}`);
	expect(count.status).not.toBe('fail');
	expect(count.evidence.filter(e => lab.sentinels.some(s => s.address === e.node))).toHaveLength(3);
}, 30_000);
