// Whether a fix needs a typed confirmation, recomputed from the value actually about to be sent.
import type {Address, Remediation} from '../model/types.js';
import {canonicalParameter, isSecretParameter, parseMemory} from './validate.js';

export type RiskLevel = 'low' | 'high';

export interface RiskAssessment {
	readonly level: RiskLevel;
	readonly notes: readonly string[];
}

export type Confirmation =
	| {readonly kind: 'key'; readonly key: 'y'; readonly hint: string}
	| {readonly kind: 'typed'; readonly accepts: readonly string[]; readonly hint: string};

/** `major.minor` ≤ 6.2, the versions where any backlog resize throws the history away. */
function atMost62(version: string | undefined): boolean | undefined {
	if (!version) return undefined;
	const match = /^(\d+)\.(\d+)/.exec(version);
	if (!match) return undefined;
	const major = Number(match[1]);
	return major < 6 || (major === 6 && Number(match[2]) <= 2);
}

function parameterOf(remediation: Remediation): string {
	if (remediation.parameter) return remediation.parameter;
	const cmd = remediation.command.map(c => c.toLowerCase());
	if (cmd[0] === 'sentinel') return remediation.command[3] ?? '';
	return remediation.command[2] ?? '';
}

/**
 * Risk of sending `value` as this remediation's new value. The check's own `risk` is a floor:
 * the recomputation can only raise it.
 */
export function assessRisk(remediation: Remediation, value: string, version?: string): RiskAssessment {
	const notes: string[] = [];
	let high = remediation.risk === 'high';
	const parameter = canonicalParameter(parameterOf(remediation));
	const proposed = value.trim().toLowerCase();
	if (remediation.note) notes.push(remediation.note);

	if (parameter === 'repl-backlog-size') {
		const before = parseMemory(remediation.current);
		const after = parseMemory(value);
		const old = atMost62(version);
		if (old !== false && before !== after) {
			high = true;
			notes.push(old === true
				? `Redis ${version}: any backlog resize discards the backlog; replicas disconnected now need a full sync`
				: 'server version unknown: on ≤ 6.2 any backlog resize discards the backlog');
		}
		if (before !== undefined && after !== undefined && after < before) {
			high = true;
			notes.push('shrinking the backlog drops the oldest history at once');
		}
		if (before !== undefined && after !== undefined && after > before) {
			notes.push('the backlog counts toward maxmemory: check maxmemory − used_memory ≥ new − old');
		}
	}
	if (parameter === 'min-replicas-to-write') {
		const before = Number(remediation.current);
		const after = Number(value);
		if (!(Number.isFinite(before) && Number.isFinite(after) && after <= before)) {
			high = true;
			notes.push('raising min-replicas-to-write can reject writes at once (NOREPLICAS) if fewer good replicas are connected');
		}
	}
	if (parameter === 'replica-read-only' && proposed === 'yes') {
		high = true;
		notes.push('applications writing to this replica will start getting READONLY errors');
	}
	if (parameter === 'appendonly' && proposed === 'yes') {
		high = true;
		notes.push('starts an AOF rewrite fork at once: memory and latency on large datasets');
	}
	if (parameter === 'replica-serve-stale-data' && proposed === 'no') {
		high = true;
		notes.push('stale reads become MASTERDOWN errors (PING too) while the link is down');
	}
	if (parameter === 'requirepass') {
		high = true;
		notes.push('clients and replicas without credentials are refused at once: set masterauth on replicas first');
	}
	if (parameter === 'client-output-buffer-limit') {
		notes.push('a larger buffer means more master memory during a sync');
	}
	if (isSecretParameter(parameter)) {
		notes.push('persisting (CONFIG REWRITE) writes this secret in plaintext to the config file');
	}
	return {level: high ? 'high' : 'low', notes};
}

/** The highest risk across every node of one fix. */
export function assessFix(remediations: readonly Remediation[], value: string, versions: Readonly<Record<Address, string>> = {}): RiskAssessment {
	const notes = new Set<string>();
	let level: RiskLevel = 'low';
	for (const remediation of remediations) {
		const one = assessRisk(remediation, value, versions[remediation.node]);
		if (one.level === 'high') level = 'high';
		for (const note of one.notes) notes.add(note);
	}
	return {level, notes: [...notes]};
}

/** What the operator must type: `y` for low risk; the node's address or `yes` for high risk. */
export function confirmationFor(level: RiskLevel, nodes: readonly Address[]): Confirmation {
	if (level === 'low') return {kind: 'key', key: 'y', hint: 'press y to apply, Esc or Enter to cancel'};
	const accepts = nodes.length === 1 ? [nodes[0]!, 'yes'] : ['yes'];
	const what = nodes.length === 1 ? `${nodes[0]} or yes` : 'yes';
	return {kind: 'typed', accepts, hint: `high risk: type ${what} and press Enter to apply, Esc to cancel`};
}

export function isConfirmed(confirmation: Confirmation, typed: string): boolean {
	if (confirmation.kind === 'key') return typed === confirmation.key;
	return confirmation.accepts.includes(typed.trim());
}
