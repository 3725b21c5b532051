// Stub until the CHECKS helper lands the real registry (it overwrites this file).
import type {History} from '../model/history.js';
import type {CheckResult, Topology} from '../model/types.js';

export type Settings = Record<string, unknown>;

export interface CheckContext {
	readonly topology: Topology;
	readonly history: History;
	readonly settings: Settings;
	readonly now: number;
}

export function loadSettings(_path?: string): Settings {
	return {};
}

export function runChecks(_context: CheckContext): CheckResult[] {
	return [];
}
