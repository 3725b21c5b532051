import {useCallback, useEffect, useMemo, useRef, useState} from 'react';
import type {Address, CheckResult, Remediation} from '../source/model/types.js';
import type {ApplyOutcome, RemediationApi} from '../source/model/ui-contracts.js';
import {assessFix, confirmationFor, isConfirmed, type Confirmation, type RiskAssessment} from '../source/remediation/risk.js';
import {isSecretParameter} from '../source/remediation/validate.js';

export enum PromptPhase {
	Review = 'review',
	Edit = 'edit',
	Confirm = 'confirm',
	Applying = 'applying',
	Result = 'result',
	OfferPersist = 'offer-persist',
	Persisting = 'persisting',
	Done = 'done',
}

export interface PromptKey {
	readonly escape?: boolean;
	readonly return?: boolean;
	readonly backspace?: boolean;
	readonly delete?: boolean;
	readonly ctrl?: boolean;
	readonly meta?: boolean;
}

export interface PersistLine {
	readonly node: Address;
	readonly ok: boolean;
	readonly message: string;
}

export interface RemediationPrompt {
	readonly phase: PromptPhase;
	readonly readOnly: boolean;
	readonly nodes: readonly Address[];
	readonly parameter: string;
	readonly secret: boolean;
	/** The value that will be sent (never shown when secret). */
	readonly value: string;
	/** What is being typed in Edit or Confirm. */
	readonly draft: string;
	readonly error?: string;
	readonly risk: RiskAssessment;
	readonly confirmation: Confirmation;
	readonly outcome?: ApplyOutcome;
	/** Nodes of the fix that were never attempted because an earlier node failed. */
	readonly notAttempted: readonly Address[];
	/** Nodes whose change could be persisted with CONFIG REWRITE. */
	readonly persistable: readonly Address[];
	/** Nodes changed that run without a config file: CONFIG REWRITE is not offered there (it would fail). */
	readonly runtimeOnly: readonly Address[];
	readonly persisted: readonly PersistLine[];
	onKey(input: string, key: PromptKey): void;
}

function parameterOf(remediation: Remediation | undefined): string {
	if (!remediation) return '';
	if (remediation.parameter) return remediation.parameter;
	return (remediation.command[0]?.toUpperCase() === 'SENTINEL' ? remediation.command[3] : remediation.command[2]) ?? '';
}

/**
 * The fix confirmation state machine: review → [edit value] → confirm (typed for high risk) →
 * applying → result → offer persist → persisting → done. Esc cancels at any step before applying.
 */
export function useRemediation(options: {
	readonly check: CheckResult;
	readonly remediations: readonly Remediation[];
	readonly api?: RemediationApi;
	readonly versions?: Readonly<Record<Address, string>>;
	/** Nodes that report `config_file:` empty. */
	readonly withoutConfigFile?: readonly Address[];
	readonly onDone: () => void;
}): RemediationPrompt {
	const {check, remediations, api, versions, onDone} = options;
	const noFile = new Set(options.withoutConfigFile ?? []);
	const first = remediations[0];
	const parameter = parameterOf(first);
	const secret = remediations.some(r => r.secret === true) || isSecretParameter(parameter);
	const sentinelFix = first?.command[0]?.toUpperCase() === 'SENTINEL';
	const nodes = useMemo(() => [...new Set(remediations.map(r => r.node))], [remediations]);

	const [phase, setPhaseState] = useState<PromptPhase>(secret && api ? PromptPhase.Edit : PromptPhase.Review);
	const [value, setValueState] = useState(secret ? '' : first?.proposed ?? '');
	const [draft, setDraftState] = useState('');
	// Keys that arrive in one chunk (a paste, "address" + Enter) are handled before React re-renders:
	// onKey reads the latest phase, value and draft from refs, not from the last render.
	const latest = useRef({phase, value, draft});
	const setPhase = useCallback((next: PromptPhase) => {
		latest.current.phase = next;
		setPhaseState(next);
	}, []);
	const setValue = useCallback((next: string) => {
		latest.current.value = next;
		setValueState(next);
	}, []);
	const setDraft = useCallback((next: string | ((d: string) => string)) => {
		latest.current.draft = typeof next === 'function' ? next(latest.current.draft) : next;
		setDraftState(latest.current.draft);
	}, []);
	const [error, setError] = useState<string | undefined>();
	const [outcome, setOutcome] = useState<ApplyOutcome | undefined>();
	const [persisted, setPersisted] = useState<readonly PersistLine[]>([]);
	const mounted = useRef(true);
	useEffect(() => () => {
		mounted.current = false;
	}, []);

	const risk = useMemo(() => assessFix(remediations, value, versions), [remediations, value, versions]);
	const confirmation = useMemo(() => confirmationFor(risk.level, nodes), [risk.level, nodes]);
	const attempted = new Set(outcome?.steps.map(s => s.node) ?? []);
	const notAttempted = outcome ? nodes.filter(n => !attempted.has(n)) : [];
	const changed = sentinelFix || !outcome ? [] : [...new Set(outcome.steps.filter(s => s.ok).map(s => s.node))];
	const persistable = changed.filter(n => !noFile.has(n));
	const runtimeOnly = changed.filter(n => noFile.has(n));

	const cancel = useCallback(() => {
		api?.cancelled(check, remediations);
		onDone();
	}, [api, check, remediations, onDone]);

	const apply = useCallback((sent: string) => {
		if (!api) return;
		setPhase(PromptPhase.Applying);
		setError(undefined);
		void api.apply(check, remediations, sent).then(
			result => {
				if (!mounted.current) return;
				setOutcome(result);
				const anyApplied = !sentinelFix && result.steps.some(s => s.ok && !noFile.has(s.node));
				setPhase(anyApplied ? PromptPhase.OfferPersist : PromptPhase.Result);
			},
			(failure: unknown) => {
				if (!mounted.current) return;
				setError(failure instanceof Error ? failure.message : String(failure));
				setPhase(PromptPhase.Result);
			},
		);
	}, [api, check, remediations, sentinelFix]);

	const persist = useCallback(async (targets: readonly Address[]) => {
		if (!api) return;
		setPhase(PromptPhase.Persisting);
		const lines: PersistLine[] = [];
		for (const node of targets) {
			const result = await api.persist(node);
			lines.push({node, ...result});
			if (mounted.current) setPersisted([...lines]);
		}
		if (mounted.current) setPhase(PromptPhase.Done);
	}, [api]);

	const onKey = (input: string, key: PromptKey) => {
		if (!api) {
			onDone();
			return;
		}
		const {phase, value, draft} = latest.current;
		switch (phase) {
			case PromptPhase.Review:
				if (input === 'y') {
					if (confirmation.kind === 'key') apply(value);
					else {
						setDraft('');
						setError(undefined);
						setPhase(PromptPhase.Confirm);
					}
				} else if (input === 'e' && !secret) {
					setDraft(value);
					setError(undefined);
					setPhase(PromptPhase.Edit);
				} else if (key.escape || key.return || input === 'n') {
					cancel();
				}
				return;
			case PromptPhase.Edit:
			case PromptPhase.Confirm:
				if (key.escape) cancel();
				else if (key.backspace || key.delete) setDraft(d => d.slice(0, -1));
				else if (key.return) {
					if (phase === PromptPhase.Edit) {
						const invalid = first ? api.validate(first, draft) : 'nothing to change';
						if (invalid) setError(invalid);
						else {
							setValue(draft);
							setDraft('');
							setError(undefined);
							setPhase(PromptPhase.Review);
						}
					} else if (isConfirmed(confirmation, draft)) apply(value);
					else setError(`not confirmed: ${confirmation.hint}`);
				} else if (input && !key.ctrl && !key.meta) setDraft(d => d + input);
				return;
			case PromptPhase.OfferPersist:
				if (input === 'y') void persist(persistable);
				else onDone();
				return;
			case PromptPhase.Result:
			case PromptPhase.Done:
				onDone();
				return;
			case PromptPhase.Applying:
			case PromptPhase.Persisting:
				return;
		}
	};

	return {
		phase, readOnly: !api, nodes, parameter, secret, value, draft, error, risk, confirmation, outcome,
		notAttempted, persistable, runtimeOnly, persisted, onKey,
	};
}
