import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, expect, test} from 'vitest';
import {runChecks} from '../../source/checks/index.js';
import {checksMarkdown, walkthroughMarkdown, writeWalkthroughReport} from '../../source/report/walkthrough.js';
import {contextFor, loadFixture} from './checks-builder.js';

const dir = mkdtempSync(join(tmpdir(), 'replwatch-walkthrough-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

test('the walkthrough mirrors the document: headings, statuses, evidence, Documentation Notes', () => {
	const ctx = contextFor('diskless-no');
	const md = walkthroughMarkdown({checks: runChecks(ctx), topology: ctx.topology, generatedAt: Date.UTC(2026, 0, 2, 3, 4, 5), notes: {'2.2': 'reviewed with the platform team'}});
	for (const heading of ['## 1. Topology Design', '### 1.1 Leader for Writes, Followers for Reads', '### 1.3 Use at Least 3 Nodes', '## 2. Replication Configuration', '### 2.2 Diskless Replication', '### 2.4 Configure Replication Backlog', '## 5. Security']) {
		expect(md).toContain(`\n${heading}\n`);
	}
	expect(md).toContain('Generated 2026-01-02T03:04:05.000Z');
	expect(md).toContain('#### 2.2.1 Diskless sync: WARN');
	expect(md).toMatch(/repl-diskless-sync no on the leader/);
	expect(md).toContain('`CONFIG SET repl-diskless-sync yes`');
	const notes = md.slice(md.indexOf('### 2.2 Diskless Replication'), md.indexOf('### 2.3'));
	expect(notes).toContain('- **Current Status:**');
	expect(notes).toContain('  - Note (2.2): reviewed with the platform team');
	expect(notes).toMatch(/- \*\*Recommendations:\*\*\n {2}- 2\.2\.1: Enable repl-diskless-sync/);
});

test('secrets never appear: a masterauth fix is written as <secret>, the lab password nowhere', () => {
	const ctx = contextFor('auth-mismatch');
	const checks = runChecks(ctx);
	const md = walkthroughMarkdown({checks, topology: ctx.topology, generatedAt: 0}) + checksMarkdown(checks);
	expect(md).toContain('`CONFIG SET masterauth <secret>`');
	expect(JSON.stringify(loadFixture('auth-mismatch'))).not.toContain('lab-only-pw');
	expect(md).not.toContain('lab-only-pw');
	expect(md).toContain("`CONFIG SET requirepass <secret>`");
	expect(md).not.toMatch(/CONFIG SET (requirepass|masterauth) (?!<secret>)/);
});

test('writeWalkthroughReport writes the file and returns its path (also in the TUI’s snapshot form)', () => {
	const ctx = contextFor('healthy');
	const checks = runChecks(ctx);
	const path = writeWalkthroughReport({checks, topology: ctx.topology, generatedAt: 1_700_000_000_000}, join(dir, 'nested'));
	expect(readFileSync(path, 'utf8')).toContain('# Replication checklist walkthrough');
	const other = writeWalkthroughReport({checks, topology: ctx.topology, lastTickAt: 1_700_000_001_000}, {'1.1': 'ok'}, dir);
	expect(readFileSync(other, 'utf8')).toContain('Note (1.1): ok');
	expect(checksMarkdown(checks)).toContain('## 1.2 Minimize Follower Lag');
});
