// Issue 26 F: the Markdown report leads with the incident. The recording is of a real 3-node lab with 3
// Sentinels (redis-server 7.0.15): a follower SIGSTOPped 11 s, load rate changed three times, the leader
// killed (Sentinel failover), then restarted as a master beside the new leader until Sentinel re-pointed it.
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {afterAll, expect, test} from 'vitest';
import {runReplay} from '../../source/cli/replay-command.js';
import {renderMarkdown} from '../../source/report/markdown.js';
import {parseNote} from '../../source/report/notes.js';
import {buildSnapshot} from '../component/fixtures.js';

const dir = mkdtempSync(join(tmpdir(), 'replwatch-report-md-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));
const recording = fileURLToPath(new URL('../fixtures/replay-failover-split.ndjson.gz', import.meta.url));

async function report(): Promise<string> {
	const file = join(dir, 'r.md');
	const stderr: string[] = [];
	await runReplay([recording, '--report', 'md', '--report-file', file], {stdout: () => undefined, stderr: line => stderr.push(line)});
	expect(stderr).toEqual([`replwatch: report written to ${file}`]);
	return readFileSync(file, 'utf8');
}

test('the first 15 lines name the freeze, the failover and the split brain, with times, before the verdict', async () => {
	const md = await report();
	const head = md.split('\n').slice(0, 15).join('\n');
	expect(head).toMatch(/^## What happened$/m);
	expect(head).toMatch(/- \d\d:\d\d:\d\d–\d\d:\d\d:\d\d \*\*127\.0\.0\.1:\d+ did not answer for 11s\*\* \(no reply within the timeout\): a freeze/);
	expect(head).toMatch(/- \d\d:\d\d:\d\d \*\*failover\*\*: 127\.0\.0\.1:\d+ became master \(was replica\), [\d.]+s after 127\.0\.0\.1:\d+ stopped answering/);
	expect(head).toMatch(/- \d\d:\d\d:\d\d \*\*split brain\*\*: 127\.0\.0\.1:\d+ came back as master after a restart while 127\.0\.0\.1:\d+ led; ended \d\d:\d\d:\d\d \([\d.ms]+\)/);
	expect(head.indexOf('What happened')).toBeLessThan(head.indexOf('**Verdict'));
});

test('the timeline folds repeats: the load-rate lines and Sentinel\'s failover sub-steps are one line each', async () => {
	const md = await report();
	const timeline = md.slice(md.indexOf('## Timeline'), md.indexOf('\n## ', md.indexOf('## Timeline') + 3)).split('\n').filter(l => l.startsWith('| ') && !l.startsWith('| time'));
	expect(timeline.filter(l => l.includes('load rate'))).toHaveLength(1);
	expect(timeline.find(l => l.includes('load rate'))).toMatch(/lab: load rate .* \(3 lines, /);
	expect(timeline.filter(l => l.includes('+failover-state-'))).toHaveLength(1);
	expect(timeline.find(l => l.includes('+failover-state-'))).toMatch(/\+try-failover, \+elected-leader, \+failover-state-select-slave/);
	// Sentinel's news stays whole.
	expect(timeline.some(l => l.includes('+switch-master'))).toBe(true);
});

test('needs action is fail before warn, each item with its team note (status, decision, owner) beside it', () => {
	expect(parseNote('status: accepted; decision: leave disk sync, ticket OPS-123\nowner: Bo; checked with the DBAs')).toEqual({text: 'checked with the DBAs', status: 'accepted', decision: 'leave disk sync, ticket OPS-123', owner: 'Bo'});
	const snapshot = buildSnapshot({lagging: true});
	const md = renderMarkdown(snapshot, 2, {notes: {'2.2.2': 'status: accepted; decision: keep delay 0, ticket OPS-123; owner: Bo'}, generatedAt: 0});
	const needs = md.slice(md.indexOf('## Needs action'), md.indexOf('### ')).split('\n').filter(l => l.startsWith('- '));
	expect(needs.map(l => /\*\*(\w+)\*\* (\S+)/.exec(l)!.slice(1).join(' '))).toEqual(['WARN 1.2.4', 'WARN 2.2.2']);
	expect(needs[1]).toMatch(/2\.2\.2 Diskless delay: .*\(fix: `CONFIG SET repl-diskless-sync-delay 5`\)\. Team note: Status: accepted · Decision: keep delay 0, ticket OPS-123 · Owner: Bo$/);
	expect(md).toContain('Team note: Status: accepted');
});
