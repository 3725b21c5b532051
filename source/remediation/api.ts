// The remediation engine behind the UI's RemediationApi. Absent in --read-only.
import type {Address, CheckResult, Remediation} from '../model/types.js';
import type {ApplyOutcome, ApplyStep, RemediationApi} from '../model/ui-contracts.js';
import {applyFix, persistNode, readBackAfterUnknown, stepCommand, type ApplyContext, type FixClient, type FixStep, type StepProgress} from './apply.js';
import {createAuditLog, defaultAuditPath, maskCommand, type AuditEntry} from './audit.js';
import {connectForFix, type FixConnectionOptions} from './connect.js';
import type {RenameCommand} from '../redis/settings.js';
import {isSecretParameter, validateValue} from './validate.js';
import {sanitize} from '../model/sanitize.js';

export interface RemediationOptions extends FixConnectionOptions {
	readonly readOnly: boolean;
	readonly auditLogPath?: string;
	readonly renameCommands?: readonly RenameCommand[];
	/** Every known Sentinel: a `SENTINEL SET` fix goes to all of them. */
	readonly sentinels?: readonly Address[];
	/** Credentials for Sentinels when they differ from the data nodes'. */
	readonly sentinelConnection?: FixConnectionOptions;
	/** Per-node overrides (credentials from a node's URL, TLS), merged over the defaults above. */
	readonly nodeConnection?: (node: Address) => FixConnectionOptions | undefined;
	/** Replaces the built-in ioredis connection (e.g. the engine's connection module). */
	readonly connect?: (node: Address) => Promise<FixClient>;
}

function isSentinelFix(remediation: Remediation): boolean {
	return remediation.command[0]?.toUpperCase() === 'SENTINEL';
}

export function parameterOf(remediation: Remediation): string {
	if (remediation.parameter) return remediation.parameter;
	return (isSentinelFix(remediation) ? remediation.command[3] : remediation.command[2]) ?? '';
}

/** The steps of one fix with `value` as the new value: each node once, Sentinel fixes on every Sentinel. */
export function planSteps(remediations: readonly Remediation[], value: string, sentinels: readonly Address[] = []): FixStep[] {
	const steps: FixStep[] = [];
	const seen = new Set<string>();
	const add = (step: FixStep) => {
		const key = `${step.node}\u0000${step.parameter}`;
		if (seen.has(key)) return;
		seen.add(key);
		steps.push(step);
	};
	for (const remediation of remediations) {
		const parameter = parameterOf(remediation);
		const secret = remediation.secret === true || isSecretParameter(parameter);
		if (isSentinelFix(remediation)) {
			const masterName = remediation.command[2] ?? '';
			for (const node of [remediation.node, ...sentinels]) add({node, kind: 'sentinel', parameter, value, secret, masterName});
		} else {
			add({node: remediation.node, kind: 'config', parameter, value, secret});
		}
	}
	return steps;
}

/** A check's remediations grouped into fixes (one fix = one change, applied node by node). */
export function groupFixes(remediations: readonly Remediation[]): Remediation[][] {
	const groups = new Map<string, Remediation[]>();
	for (const remediation of remediations) {
		const key = remediation.fixId ?? `${remediation.command.slice(0, -1).join(' ')} ${remediation.proposed}`;
		const group = groups.get(key);
		if (group) group.push(remediation);
		else groups.set(key, [remediation]);
	}
	return [...groups.values()];
}

export function createRemediationApi(options: RemediationOptions): RemediationApi | undefined {
	if (options.readOnly) return undefined;
	const auditLogPath = options.auditLogPath ?? defaultAuditPath();
	const audit = createAuditLog(auditLogPath);
	const sentinelSet = new Set(options.sentinels ?? []);
	const connect = options.connect ?? ((node: Address) => connectForFix(node, {
		...options,
		...(sentinelSet.has(node) ? options.sentinelConnection : undefined),
		...options.nodeConnection?.(node),
	}));
	const ctx: ApplyContext = {connect, renameCommands: options.renameCommands};

	const validate = (remediation: Remediation, value: string) => validateValue(parameterOf(remediation), value);

	// The fix being applied: the signal path records what it leaves behind.
	let stopping: string | undefined;
	let run: {readonly check: string; readonly steps: readonly FixStep[]; index: number; progress: StepProgress; readonly recorded: Set<number>; readonly done: Promise<unknown>} | undefined;
	const record = (check: string, step: FixStep, index: number, line: Omit<AuditEntry, 'time' | 'user' | 'node' | 'check' | 'command'>) => {
		if (run?.recorded.has(index)) return undefined;
		run?.recorded.add(index);
		return audit.append({node: step.node, check, command: stepCommand(step, ctx.renameCommands, true), ...line});
	};
	const notSentRest = (check: string, steps: readonly FixStep[], from: number, why: string) => {
		for (let i = from; i < steps.length; i++) record(check, steps[i]!, i, {result: 'not-sent', error: why});
	};

	return {
		auditLogPath,
		validate,
		async apply(check: CheckResult, remediations: readonly Remediation[], value: string): Promise<ApplyOutcome> {
			const steps = planSteps(remediations, value, remediations.some(isSentinelFix) ? options.sentinels : []);
			const invalid = remediations.map(r => validate(r, value)).find(e => e !== undefined);
			// Every change is on disk before it is sent: a log that cannot be written stops the fix here.
			const unwritable = invalid === undefined && steps.length > 0 ? audit.writable() : undefined;
			const busy = stopping !== undefined ? `replwatch is stopping (${stopping})` : run ? 'another fix is being applied' : undefined;
			if (invalid !== undefined || steps.length === 0 || unwritable !== undefined || busy !== undefined) {
				const error = invalid ?? unwritable ?? busy ?? 'nothing to apply';
				const meaning = unwritable === undefined
					? 'refused before sending: nothing was sent'
					: 'refused before sending: nothing was sent (every change is written to the audit log before it is sent: free the disk, fix the permissions or pass --audit-log PATH)';
				const refused: ApplyStep[] = steps.slice(0, 1).map(step => ({
					node: step.node, command: stepCommand(step, ctx.renameCommands, true), ok: false, outcome: 'not-sent', error, meaning,
				}));
				if (unwritable === undefined) for (const step of refused) audit.append({node: step.node, check: check.id, command: step.command, result: 'refused', error});
				return {steps: refused, ok: false};
			}
			let finish!: () => void;
			const current = {check: check.id, steps, index: 0, progress: {sent: false} as StepProgress, recorded: new Set<number>(), done: new Promise<void>(resolve => (finish = resolve))};
			run = current;
			try {
				const outcome = await applyFix(steps, ctx, {
					starting(index, progress) {
						current.index = index;
						current.progress = progress;
					},
					beforeSend(step, command, before) {
						if (stopping !== undefined) return `not sent: replwatch is stopping (${stopping})`;
						return audit.append({node: step.node, check: check.id, command, result: 'attempt', ...(before === undefined ? {} : {before: sanitize(before)})});
					},
					finished(index, step) {
						record(check.id, steps[index]!, index, {
							result: step.outcome ?? (step.ok ? 'sent-and-confirmed' : 'not-sent'),
							before: step.before, after: step.after, readBack: step.readBack, error: step.error,
						});
					},
				});
				if (!outcome.ok) notSentRest(check.id, steps, outcome.steps.length, stopping === undefined ? 'an earlier node failed: not sent' : `interrupted by ${stopping}: not sent`);
				return outcome;
			} finally {
				run = undefined;
				finish();
			}
		},
		async interrupt(reason: string) {
			stopping ??= reason;
			const current = run;
			if (!current) return;
			// Let the node in flight answer (a second at most), then say what is known about it.
			const answered = await Promise.race([current.done.then(() => true), new Promise<boolean>(resolve => setTimeout(() => resolve(false), 1000).unref())]);
			if (answered) return;
			const {index, progress, steps} = current;
			const step = steps[index]!;
			if (progress.sent) {
				const known = await readBackAfterUnknown(step, ctx, `interrupted by ${reason} before the reply`, progress.before, `interrupted by ${reason}`, 600);
				record(current.check, step, index, {result: 'sent-outcome-unknown', before: known.before, after: known.after, readBack: known.readBack, error: known.error});
				notSentRest(current.check, steps, index + 1, `interrupted by ${reason}: not sent`);
			} else {
				notSentRest(current.check, steps, index, `interrupted by ${reason}: not sent`);
			}
		},
		async persist(node: Address) {
			const result = await persistNode(node, ctx);
			audit.append({
				node, command: [ctx.renameCommands ? stepCommand({node, kind: 'config', parameter: '', value: ''}, ctx.renameCommands, true)[0]! : 'CONFIG', 'REWRITE'],
				result: result.ok ? 'persisted' : 'persist-failed', error: result.ok ? undefined : result.message,
			});
			return result;
		},
		cancelled(check: CheckResult, remediations: readonly Remediation[]) {
			for (const remediation of remediations) {
				const command = remediation.secret ? [...remediation.command.slice(0, -1), '***'] : remediation.command;
				audit.append({node: remediation.node, check: check.id, command: maskCommand(command), before: remediation.secret ? undefined : remediation.current, result: 'cancelled'});
			}
		},
	};
}
