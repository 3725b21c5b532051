import {displayValue} from '../source/remediation/validate.js';
import React from 'react';
import {Box, Text} from 'ink';
import type {Remediation} from '../source/model/types.js';
import type {ApplyStep} from '../source/model/ui-contracts.js';
import {sanitize} from '../source/model/sanitize.js';
import type {FixView} from '../hooks/fix-state.js';
import {keyLabel, type KeyEntry} from '../source/keymap/keymap.js';

export interface FixPromptProps {
	/** The prompt as the UI state has it; its keys reach it through the app's one key table (fixKeymapFor). */
	readonly fix: FixView;
	/** The prompt's key table as it stands (fixKeymapFor): its hint line is made from it. */
	readonly keys: readonly KeyEntry[];
	readonly auditLogPath?: string;
	readonly ascii?: boolean;
}

const mask = (text: string) => '*'.repeat(text.length);

function commandLine(remediation: Remediation, prompt: FixView): string {
	const shown = prompt.secret ? '***' : prompt.value;
	return [...remediation.command.slice(0, -1), shown].map(part => (part === '' || /\s/.test(part) ? `"${part}"` : part)).map(sanitize).join(' ');
}

function Review({prompt, remediations, arrow}: {readonly prompt: FixView; readonly remediations: readonly Remediation[]; readonly arrow: string}) {
	const remediation = remediations[0]!;
	const high = prompt.risk.level === 'high';
	const currentOf = (r: Remediation) => (prompt.secret ? '(secret, not shown)' : sanitize(displayValue(prompt.parameter, r.current)) || '""');
	const current = currentOf(remediation);
	const proposed = prompt.secret ? (prompt.value ? '***' : '(to be entered)') : sanitize(displayValue(prompt.parameter, prompt.value)) || '""';
	const differ = new Set(remediations.map(r => r.current)).size > 1;
	return (
		<Box flexDirection="column">
			<Text>Target: {prompt.nodes.join(', ')}{prompt.nodes.length > 1 ? ' (one at a time, stops at the first failure)' : ''}</Text>
			<Text>Command: <Text bold>{commandLine(remediation, prompt)}</Text></Text>
			{differ ? (
				remediations.map(r => (
					<Text key={r.node}>Value on {r.node}: {currentOf(r)} {arrow} <Text bold>{proposed}</Text></Text>
				))
			) : (
				<Text>Value: {current} {arrow} <Text bold>{proposed}</Text></Text>
			)}
			<Text color={high ? 'red' : 'green'}>Risk: {high ? 'HIGH' : 'low'}</Text>
			{prompt.risk.notes.map(note => (
				<Text key={note} color={high ? 'yellow' : undefined}>  - {sanitize(note)}</Text>
			))}
		</Box>
	);
}

/** What is known about the node, in the outcome's words. */
function stepLabel(step: ApplyStep): string {
	if (step.ok) return 'applied';
	if (step.outcome === 'sent-outcome-unknown') return 'SENT, OUTCOME UNKNOWN';
	if (step.outcome === 'not-sent') return 'NOT SENT';
	return 'FAILED ';
}

function Outcome({prompt, arrow}: {readonly prompt: FixView; readonly arrow: string}) {
	const steps = prompt.outcome?.steps ?? [];
	return (
		<Box flexDirection="column">
			{steps.map(step => (
				<Box key={step.node} flexDirection="column">
					<Text color={step.ok ? 'green' : step.outcome === 'sent-outcome-unknown' ? 'yellow' : 'red'}>
						{stepLabel(step)} {step.node}: {step.command.map(sanitize).join(' ')}
						{step.ok ? `  (${sanitize(step.before ?? '?')} ${arrow} ${sanitize(step.after ?? '?')}, verified)` : ''}
					</Text>
					{step.error === undefined ? null : <Text>  {step.outcome === 'sent-and-refused' ? 'server said' : 'error'}: {sanitize(step.error)}</Text>}
					{step.meaning === undefined ? null : <Text>  meaning: {sanitize(step.meaning)}</Text>}
				</Box>
			))}
			{prompt.notAttempted.length > 0 ? <Text>Not attempted (nothing sent): {prompt.notAttempted.join(', ')}</Text> : null}
			{prompt.outcome?.ok ? <Text>The next poll re-evaluates the check.</Text> : null}
		</Box>
	);
}

/** The confirmation dialog for one fix. Cancel is the default: Enter or Esc cancels until a fix is confirmed. */
export function FixPrompt({fix: prompt, keys, auditLogPath, ascii}: FixPromptProps) {
	const {check, remediations} = prompt;
	const arrow = ascii ? '->' : '→';
	const first = remediations[0];
	const {phase} = prompt;
	const hint = keys.map(e => `${keyLabel(e.keys, ascii)} ${e.label}`).join(' · ');

	return (
		<Box flexDirection="column" borderStyle={ascii ? 'classic' : 'round'} paddingX={1}>
			<Text bold>Fix {check.id}: {sanitize(check.title)}</Text>
			{auditLogPath ? <Text dimColor wrap="truncate-middle">audit log: {sanitize(auditLogPath)}</Text> : null}
			{prompt.readOnly ? (
				<Text>Read-only mode: fixes are disabled. Press any key to close.</Text>
			) : first === undefined ? (
				<Text>This check has no CONFIG fix. Press any key to close.</Text>
			) : (
				<>
					<Review prompt={prompt} remediations={remediations} arrow={arrow} />
					{phase === 'review' ? <Text>{hint}</Text> : null}
					{phase === 'edit' ? (
						<Box flexDirection="column">
							<Text>
								{prompt.secret ? 'Secret value (hidden)' : 'New value'}: {prompt.secret ? mask(prompt.draft) : prompt.draft}_
							</Text>
							<Text dimColor>{hint}</Text>
						</Box>
					) : null}
					{phase === 'confirm' ? (
						<Box flexDirection="column">
							<Text color="red">{prompt.confirmation.hint}</Text>
							<Text>Confirm: {prompt.draft}_</Text>
						</Box>
					) : null}
					{prompt.error === undefined ? null : <Text color="red">{sanitize(prompt.error)}</Text>}
					{phase === 'applying' ? <Text>Applying, one node at a time…</Text> : null}
					{prompt.outcome ? <Outcome prompt={prompt} arrow={arrow} /> : null}
					{phase === 'offer-persist' ? (
						<Box flexDirection="column">
							<Text>
								Persist with CONFIG REWRITE on {prompt.persistable.join(', ')}? It persists EVERY runtime change on that node, not only this fix
								{prompt.secret ? ', and writes the secret in plaintext to the config file' : ''}.
							</Text>
							<Text>{hint} · any other key: keep runtime only (lost on restart)</Text>
						</Box>
					) : null}
					{prompt.runtimeOnly.length > 0 && prompt.outcome ? (
						<Text dimColor>Runtime only on {prompt.runtimeOnly.join(', ')}: no config file (config_file is empty), so CONFIG REWRITE is not offered; persist it where the server is configured.</Text>
					) : null}
					{phase === 'persisting' ? <Text>Rewriting config files…</Text> : null}
					{prompt.persisted.map(line => (
						<Text key={line.node} color={line.ok ? 'green' : 'yellow'}>{sanitize(line.message)}</Text>
					))}
					{phase === 'result' || phase === 'done' ? <Text dimColor>Press any key to close.</Text> : null}
				</>
			)}
		</Box>
	);
}

