// Applies one fix node by node: CONFIG SET, read back with CONFIG GET, stop at the first failure.
import type {Address} from '../model/types.js';
import type {ApplyOutcome, ApplyStep} from '../model/ui-contracts.js';
import {sanitize} from '../model/sanitize.js';
import {errorMeaning, notSentMeaning} from './meaning.js';
import {withDeadline} from '../redis/deadline.js';
import {commandName, type RenameCommand} from '../redis/settings.js';
import {normalizeValue} from './validate.js';

/** The few things apply needs from a connection (ioredis' `call`/`quit`/`disconnect` fit). */
export interface FixClient {
	call(command: string, ...args: string[]): Promise<unknown>;
	quit(): Promise<unknown>;
	disconnect(): void;
}

export interface FixStep {
	readonly node: Address;
	readonly kind: 'config' | 'sentinel';
	readonly parameter: string;
	readonly value: string;
	readonly secret?: boolean;
	/** Sentinel master name, for `SENTINEL SET <name> …`. */
	readonly masterName?: string;
}

export interface ApplyContext {
	connect(node: Address): Promise<FixClient>;
	readonly renameCommands?: readonly RenameCommand[];
}

export const SECRET_MASK = '***';

function errorText(error: unknown): string {
	return sanitize(error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}

async function withClient<T>(ctx: ApplyContext, node: Address, run: (client: FixClient) => Promise<T>): Promise<T> {
	const client = await ctx.connect(node);
	try {
		return await run(client);
	} finally {
		await client.quit().catch(() => client.disconnect());
	}
}

async function configGet(client: FixClient, name: string, parameter: string): Promise<string | undefined> {
	const reply = await client.call(name, 'GET', parameter);
	if (!Array.isArray(reply) || reply.length < 2) return undefined;
	return String(reply[1]);
}

async function sentinelGet(client: FixClient, masterName: string, option: string): Promise<string | undefined> {
	const reply = await client.call('SENTINEL', 'MASTER', masterName);
	if (!Array.isArray(reply)) return undefined;
	for (let i = 0; i + 1 < reply.length; i += 2) if (String(reply[i]) === option) return String(reply[i + 1]);
	return undefined;
}

/** The command as it goes on the wire for this step, with the secret masked when asked. */
export function stepCommand(step: FixStep, renameCommands: readonly RenameCommand[] | undefined, masked: boolean): string[] {
	const value = masked && step.secret ? SECRET_MASK : step.value;
	return step.kind === 'sentinel'
		? ['SENTINEL', 'SET', step.masterName ?? '', step.parameter, value]
		: [commandName(renameCommands, step.node, 'CONFIG'), 'SET', step.parameter, value];
}

/** How far one step got: `sent` turns true in the same turn the command is written to the socket. */
export interface StepProgress {
	sent: boolean;
	before?: string;
}

export interface ApplyHooks {
	/** Right before the command is sent: an error line (the audit log cannot be written, the run is stopping) keeps it unsent. */
	beforeSend?(step: FixStep, command: readonly string[], before: string | undefined): string | undefined;
	/** The step that is about to run, with its progress (the caller may record it if the process stops). */
	starting?(index: number, progress: StepProgress): void;
	/** One node's outcome, as soon as it is known (the audit line is written then, not at the end of the fix). */
	finished?(index: number, result: ApplyStep): void;
}

/** An error the server answered with (the command reached it and was refused), as opposed to a lost connection. */
function isServerReply(error: unknown): boolean {
	return error instanceof Error && error.name === 'ReplyError';
}

// ioredis refuses to write on a socket that is not open: the command never left this process.
const neverWritten = /Stream isn't writeable|enableOfflineQueue/i;

function readValue(client: FixClient, step: FixStep, configName: string): Promise<string | undefined> {
	return step.kind === 'sentinel' ? sentinelGet(client, step.masterName ?? '', step.parameter) : configGet(client, configName, step.parameter);
}

const same = (step: FixStep, a: string | undefined, b: string | undefined) =>
	a !== undefined && b !== undefined && normalizeValue(step.parameter, a) === normalizeValue(step.parameter, b);

/** A value as it may be shown: secrets only as "***" when they match what was sent. */
function shownValue(step: FixStep, raw: string | undefined): string | undefined {
	if (raw === undefined) return undefined;
	if (step.secret) return same(step, raw, step.value) ? SECRET_MASK : 'another value';
	return sanitize(raw);
}

function unknownReason(message: string): string {
	if (/timed? ?out/i.test(message)) return 'no reply in time after the command was sent';
	if (/closed|ECONNRESET|EPIPE|end/i.test(message)) return 'the connection closed after the command was sent';
	return `${message} after the command was sent`;
}

/**
 * The command was sent and no reply is known (connection closed, timed out, the process stopping):
 * the value is read on a new connection and said as it is. `withinMs` bounds that read.
 */
export async function readBackAfterUnknown(step: FixStep, ctx: ApplyContext, reason: string, before: string | undefined, error: string, withinMs?: number): Promise<ApplyStep> {
	const shown = stepCommand(step, ctx.renameCommands, true);
	const configName = commandName(ctx.renameCommands, step.node, 'CONFIG');
	const read = withClient(ctx, step.node, client => readValue(client, step, configName));
	const timed = withinMs === undefined ? read : withDeadline(read, withinMs, () => new Error(`no answer within ${withinMs} ms`));
	let raw: string | undefined;
	let readError: string | undefined;
	try {
		raw = await timed;
	} catch (caught) {
		readError = errorText(caught);
	}
	const base = {node: step.node, command: shown, before: before === undefined ? undefined : sanitize(before), ok: false, outcome: 'sent-outcome-unknown' as const, error};
	if (readError !== undefined || raw === undefined) {
		return {...base, meaning: `sent, outcome unknown (${reason}); reading it back on a new connection failed too (${readError ?? 'no value'}): check the node by hand before going on`};
	}
	const value = shownValue(step, raw)!;
	const verdict = same(step, raw, step.value) ? 'the new value is in place'
		: same(step, raw, before) ? 'still the old value: the change was not applied'
			: 'neither the old nor the new value: check the node before going on';
	return {...base, readBack: value, after: value, meaning: `sent, outcome unknown (${reason}); read back on a new connection: ${value} — ${verdict}`};
}

async function applyOne(step: FixStep, ctx: ApplyContext, hooks: ApplyHooks, progress: StepProgress): Promise<ApplyStep> {
	const shown = stepCommand(step, ctx.renameCommands, true);
	const [name, ...args] = stepCommand(step, ctx.renameCommands, false) as [string, ...string[]];
	const before = () => (progress.before === undefined ? undefined : sanitize(progress.before));
	const notSent = (message: string, meaning = notSentMeaning(message)): ApplyStep =>
		({node: step.node, command: shown, before: before(), ok: false, outcome: 'not-sent', error: message, meaning});
	let client: FixClient;
	try {
		client = await ctx.connect(step.node);
	} catch (error) {
		return notSent(errorText(error));
	}
	let settled = false;
	const close = async () => {
		if (settled) return;
		settled = true;
		await client.quit().catch(() => client.disconnect());
	};
	try {
		// A secret is never read before the change; afterwards it is compared in memory only.
		if (!step.secret) {
			try {
				progress.before = await readValue(client, step, name);
			} catch (error) {
				return notSent(errorText(error));
			}
		}
		const refusal = hooks.beforeSend?.(step, shown, progress.before);
		if (refusal !== undefined) return notSent(refusal, 'refused before sending: nothing was sent');
		progress.sent = true;
		try {
			await client.call(name, ...args);
		} catch (error) {
			const message = errorText(error);
			if (isServerReply(error)) return {node: step.node, command: shown, before: before(), ok: false, outcome: 'sent-and-refused', error: message, meaning: errorMeaning(message)};
			if (neverWritten.test(message)) return notSent(message);
			client.disconnect();
			settled = true;
			return await readBackAfterUnknown(step, ctx, unknownReason(message), progress.before, message);
		}
		let raw: string | undefined;
		try {
			raw = await readValue(client, step, name);
		} catch (error) {
			const message = errorText(error);
			client.disconnect();
			settled = true;
			return await readBackAfterUnknown(step, ctx, `the server answered OK, then the read-back failed: ${message}`, progress.before, message);
		}
		const after = shownValue(step, raw);
		if (same(step, raw, step.value)) return {node: step.node, command: shown, before: before(), after, ok: true, outcome: 'sent-and-confirmed'};
		return {
			node: step.node, command: shown, before: before(), after, ok: false, outcome: 'sent-read-back-differs',
			error: raw === undefined ? 'read-back returned nothing' : 'read-back differs from the value sent',
			meaning: 'the server accepted the command but stores a different value: check the node before going on',
		};
	} finally {
		await close();
	}
}

/** Applies the steps in order; the first failure ends the run and nothing after it is sent. */
export async function applyFix(steps: readonly FixStep[], ctx: ApplyContext, hooks: ApplyHooks = {}): Promise<ApplyOutcome> {
	const done: ApplyStep[] = [];
	for (const [index, step] of steps.entries()) {
		const progress: StepProgress = {sent: false};
		hooks.starting?.(index, progress);
		const result = await applyOne(step, ctx, hooks, progress);
		hooks.finished?.(index, result);
		done.push(result);
		if (!result.ok) return {steps: done, ok: false};
	}
	return {steps: done, ok: done.length > 0};
}

/** CONFIG REWRITE on one node. Without a config file the change stays runtime-only. */
export async function persistNode(node: Address, ctx: ApplyContext): Promise<{readonly ok: boolean; readonly message: string}> {
	const name = commandName(ctx.renameCommands, node, 'CONFIG');
	try {
		await withClient(ctx, node, client => client.call(name, 'REWRITE'));
		return {ok: true, message: `${node}: config file rewritten (every runtime change on this node is now persisted)`};
	} catch (error) {
		const message = errorText(error);
		if (/running without a config file/i.test(message)) {
			return {ok: false, message: `${node}: runtime only — will be lost on restart (the server runs without a config file)`};
		}
		return {ok: false, message: `${node}: ${message} — ${errorMeaning(message)}`};
	}
}
