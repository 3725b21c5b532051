import {mkdtempSync, readFileSync, existsSync, rmSync} from 'node:fs';
import {afterAll} from 'vitest';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import type {LabProcess} from '../../source/lab/lab.js';
import type {CheckResult, Remediation} from '../../source/model/types.js';

/** The value of one parameter, read with the lab's raw socket (not through the code under test). */
export async function configValue(node: LabProcess, parameter: string, configName = 'CONFIG'): Promise<string> {
	const lines = (await node.command(configName, 'GET', parameter)).split('\r\n');
	return lines[4] ?? '';
}

export async function configSetCalls(node: LabProcess): Promise<number> {
	const match = /cmdstat_config\|set:calls=(\d+)/.exec(await node.command('INFO', 'commandstats'));
	return match ? Number(match[1]) : 0;
}

export function remediation(node: string, parameter: string, current: string, proposed: string, extra: Partial<Remediation> = {}): Remediation {
	return {node, command: ['CONFIG', 'SET', parameter, proposed], current, proposed, risk: 'low', parameter, ...extra};
}

export function checkWith(id: string, remediations: readonly Remediation[]): CheckResult {
	return {id, section: id.split('.').slice(0, 2).join('.'), title: `check ${id}`, status: 'warn', summary: 'test', evidence: [], remediations};
}

const auditDirs: string[] = [];
// Registered when a test file imports this module: its temp audit dirs go with it.
afterAll(() => {
	for (const dir of auditDirs.splice(0)) rmSync(dir, {recursive: true, force: true});
});

export function tempAuditPath(): string {
	const dir = mkdtempSync(join(tmpdir(), 'replwatch-audit-'));
	auditDirs.push(dir);
	return join(dir, 'state', 'audit.log');
}

export function auditLines(path: string): Array<Record<string, unknown>> {
	if (!existsSync(path)) return [];
	return readFileSync(path, 'utf8').trim().split('\n').filter(Boolean).map(line => JSON.parse(line) as Record<string, unknown>);
}
