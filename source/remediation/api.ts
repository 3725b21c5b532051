// The remediation engine behind the UI's RemediationApi. Absent in --read-only.
import type {Address, CheckResult, Remediation} from '../model/types.js';
import type {ApplyOutcome, ApplyStep, RemediationApi} from '../model/ui-contracts.js';
import {applyFix, persistNode, stepCommand, type ApplyContext, type FixClient, type FixStep} from './apply.js';
import {createAuditLog, defaultAuditPath, maskCommand} from './audit.js';
import {connectForFix, type FixConnectionOptions} from './connect.js';
import type {RenameCommand} from '../redis/settings.js';
import {isSecretParameter, validateValue} from './validate.js';

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

	return {
		auditLogPath,
		validate,
		async apply(check: CheckResult, remediations: readonly Remediation[], value: string): Promise<ApplyOutcome> {
			const steps = planSteps(remediations, value, remediations.some(isSentinelFix) ? options.sentinels : []);
			const invalid = remediations.map(r => validate(r, value)).find(e => e !== undefined);
			if (invalid !== undefined || steps.length === 0) {
				const error = invalid ?? 'nothing to apply';
				const refused: ApplyStep[] = steps.slice(0, 1).map(step => ({
					node: step.node, command: stepCommand(step, ctx.renameCommands, true), ok: false, error, meaning: 'refused before sending: nothing was sent',
				}));
				for (const step of refused) audit.append({node: step.node, check: check.id, command: step.command, result: 'refused', error});
				return {steps: refused, ok: false};
			}
			const outcome = await applyFix(steps, ctx);
			for (const step of outcome.steps) {
				audit.append({
					node: step.node, check: check.id, command: step.command, before: step.before, after: step.after,
					result: step.ok ? 'applied' : 'failed', error: step.error,
				});
			}
			return outcome;
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
