// The fix prompt's state machine as data: a pure reducer over typed actions (keys from fixKeymapFor,
// results of the writes it asked for) that returns the next state and the writes to make, never makes them.
import type {FixPhase} from '../source/keymap/fix-keymap.js';
import type {Address, CheckResult, Remediation} from '../source/model/types.js';
import type {ApplyOutcome} from '../source/model/ui-contracts.js';
import {assessFix, confirmationFor, isConfirmed, type Confirmation, type RiskAssessment} from '../source/remediation/risk.js';
import {isSecretParameter} from '../source/remediation/validate.js';

export interface FixRequest {
	readonly check: CheckResult;
	readonly remediations: readonly Remediation[];
}

export interface PersistLine {
	readonly node: Address;
	readonly ok: boolean;
	readonly message: string;
}

export interface FixState extends FixRequest {
	/** Which prompt this is: a late result of a closed one is dropped. */
	readonly id: number;
	readonly phase: FixPhase;
	/** The value that will be sent (never shown when secret). */
	readonly value: string;
	/** What is being typed in Edit or Confirm. */
	readonly draft: string;
	readonly error?: string;
	readonly outcome?: ApplyOutcome;
	readonly persisted: readonly PersistLine[];
}

/** What the prompt needs from outside: whether fixes can be sent at all, and the nodes as they are now. */
export interface FixContext {
	/** Absent in read-only runs and embedders without remediation: the prompt only says so. */
	readonly validate?: (remediation: Remediation, value: string) => string | undefined;
	/** Server version per node, for version-dependent risks (backlog resize on ≤ 6.2). */
	readonly versions?: Readonly<Record<Address, string>>;
	/** Nodes running without a config file (no CONFIG REWRITE offered there). */
	readonly withoutConfigFile?: readonly Address[];
}

export type FixAction =
	| {readonly type: 'fix-apply' | 'fix-edit' | 'fix-cancel' | 'fix-submit' | 'fix-persist'}
	| {readonly type: 'fix-text'; readonly input: string; readonly name: string}
	| {readonly type: 'fix-applied'; readonly id: number; readonly outcome: ApplyOutcome}
	| {readonly type: 'fix-apply-failed'; readonly id: number; readonly error: string}
	| {readonly type: 'fix-persisted'; readonly id: number; readonly line: PersistLine}
	| {readonly type: 'fix-persist-done'; readonly id: number};

/** The writes the prompt asks for; the hook makes them and reports back with fix-applied, fix-persisted, … */
export type FixEffect =
	| {readonly kind: 'fix-apply'; readonly id: number; readonly check: CheckResult; readonly remediations: readonly Remediation[]; readonly value: string}
	| {readonly kind: 'fix-persist'; readonly id: number; readonly nodes: readonly Address[]}
	| {readonly kind: 'fix-cancelled'; readonly check: CheckResult; readonly remediations: readonly Remediation[]};

/** The next prompt (undefined: closed) and the writes to make. */
export interface FixStep {
	readonly fix: FixState | undefined;
	readonly effects: readonly FixEffect[];
}

/** Everything the prompt shows, derived from its state and the nodes. */
export interface FixView extends FixState {
	readonly readOnly: boolean;
	readonly nodes: readonly Address[];
	readonly parameter: string;
	readonly secret: boolean;
	readonly risk: RiskAssessment;
	readonly confirmation: Confirmation;
	/** Nodes of the fix that were never attempted because an earlier node failed. */
	readonly notAttempted: readonly Address[];
	/** Nodes whose change could be persisted with CONFIG REWRITE. */
	readonly persistable: readonly Address[];
	/** Nodes changed that run without a config file: CONFIG REWRITE is not offered there (it would fail). */
	readonly runtimeOnly: readonly Address[];
}

function parameterOf(remediation: Remediation | undefined): string {
	if (!remediation) return '';
	if (remediation.parameter) return remediation.parameter;
	return (isSentinelFix(remediation) ? remediation.command[3] : remediation.command[2]) ?? '';
}

const isSentinelFix = (remediation: Remediation | undefined) => remediation?.command[0]?.toUpperCase() === 'SENTINEL';
const isSecret = (request: FixRequest) => request.remediations.some(r => r.secret === true) || isSecretParameter(parameterOf(request.remediations[0]));

export function openFix(request: FixRequest, id: number, context: FixContext): FixState {
	const secret = isSecret(request);
	return {...request, id, phase: secret && context.validate ? 'edit' : 'review', value: secret ? '' : request.remediations[0]?.proposed ?? '', draft: '', persisted: []};
}

export function fixView(fix: FixState, context: FixContext): FixView {
	const noFile = new Set(context.withoutConfigFile ?? []);
	const nodes = [...new Set(fix.remediations.map(r => r.node))];
	const risk = assessFix(fix.remediations, fix.value, context.versions);
	const attempted = new Set(fix.outcome?.steps.map(s => s.node) ?? []);
	const changed = isSentinelFix(fix.remediations[0]) || !fix.outcome ? [] : [...new Set(fix.outcome.steps.filter(s => s.ok).map(s => s.node))];
	return {
		...fix,
		readOnly: context.validate === undefined,
		nodes,
		parameter: parameterOf(fix.remediations[0]),
		secret: isSecret(fix),
		risk,
		confirmation: confirmationFor(risk.level, nodes),
		notAttempted: fix.outcome ? nodes.filter(n => !attempted.has(n)) : [],
		persistable: changed.filter(n => !noFile.has(n)),
		runtimeOnly: changed.filter(n => noFile.has(n)),
	};
}

const printable = (input: string) => input !== '' && [...input].every(ch => ch >= ' ' && ch !== '\u007F');

/** One step of the prompt. Esc cancels at any step before applying; Enter cancels in review (the default). */
export function reduceFix(fix: FixState, action: FixAction, context: FixContext): FixStep {
	const stay = (next: FixState = fix, effects: readonly FixEffect[] = []): FixStep => ({fix: next, effects});
	const close = (effects: readonly FixEffect[] = []): FixStep => ({fix: undefined, effects});
	const cancel = () => close([{kind: 'fix-cancelled', check: fix.check, remediations: fix.remediations}]);
	const apply = (): FixStep => stay({...fix, phase: 'applying', error: undefined}, [{kind: 'fix-apply', id: fix.id, check: fix.check, remediations: fix.remediations, value: fix.value}]);
	const {error: _error, ...withoutError} = fix;

	switch (action.type) {
		case 'fix-applied': {
			if (action.id !== fix.id || fix.phase !== 'applying') return stay();
			const noFile = new Set(context.withoutConfigFile ?? []);
			const anyApplied = !isSentinelFix(fix.remediations[0]) && action.outcome.steps.some(s => s.ok && !noFile.has(s.node));
			return stay({...fix, outcome: action.outcome, phase: anyApplied ? 'offer-persist' : 'result'});
		}
		case 'fix-apply-failed':
			return action.id === fix.id && fix.phase === 'applying' ? stay({...fix, error: action.error, phase: 'result'}) : stay();
		case 'fix-persisted':
			return action.id === fix.id ? stay({...fix, persisted: [...fix.persisted, action.line]}) : stay();
		case 'fix-persist-done':
			return action.id === fix.id ? stay({...fix, phase: 'done'}) : stay();
		default:
	}
	// A key. Without a way to send fixes the prompt only explains that: any key closes it.
	if (!context.validate) return close();
	const view = fixView(fix, context);
	switch (fix.phase) {
		case 'review':
			if (action.type === 'fix-apply') return view.confirmation.kind === 'key' ? apply() : stay({...withoutError, draft: '', phase: 'confirm'});
			if (action.type === 'fix-edit' && !view.secret) return stay({...withoutError, draft: fix.value, phase: 'edit'});
			if (action.type === 'fix-cancel') return cancel();
			return stay();
		case 'edit':
		case 'confirm':
			if (action.type === 'fix-cancel') return cancel();
			if (action.type === 'fix-text') {
				if (action.name === 'backspace') return stay({...fix, draft: fix.draft.slice(0, -1)});
				return printable(action.input) && !action.name.startsWith('ctrl+') ? stay({...fix, draft: fix.draft + action.input}) : stay();
			}
			if (action.type !== 'fix-submit') return stay();
			if (fix.phase === 'confirm') return isConfirmed(view.confirmation, fix.draft) ? apply() : stay({...fix, error: `not confirmed: ${view.confirmation.hint}`});
			{
				const first = fix.remediations[0];
				const invalid = first ? context.validate(first, fix.draft) : 'nothing to change';
				return invalid ? stay({...fix, error: invalid}) : stay({...withoutError, value: fix.draft, draft: '', phase: 'review'});
			}
		case 'offer-persist':
			// y persists; any other key keeps the change runtime only.
			return action.type === 'fix-persist' ? stay({...fix, phase: 'persisting'}, [{kind: 'fix-persist', id: fix.id, nodes: view.persistable}]) : close();
		case 'result':
		case 'done':
			return close();
		case 'applying':
		case 'persisting':
			return stay();
	}
}
