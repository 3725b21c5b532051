// Applies one fix node by node: CONFIG SET, read back with CONFIG GET, stop at the first failure.
import type {Address} from '../model/types.js';
import type {ApplyOutcome, ApplyStep} from '../model/ui-contracts.js';
import {sanitize} from '../model/sanitize.js';
import {errorMeaning} from './meaning.js';
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

async function applyOne(step: FixStep, ctx: ApplyContext): Promise<ApplyStep> {
	const shown = stepCommand(step, ctx.renameCommands, true);
	const [name, ...args] = stepCommand(step, ctx.renameCommands, false) as [string, ...string[]];
	let before: string | undefined;
	try {
		return await withClient(ctx, step.node, async client => {
			const read = () => step.kind === 'sentinel'
				? sentinelGet(client, step.masterName ?? '', step.parameter)
				: configGet(client, name, step.parameter);
			// A secret is never read before the change; afterwards it is compared in memory only.
			if (!step.secret) before = await read();
			await client.call(name, ...args);
			const raw = await read();
			const matches = raw !== undefined && normalizeValue(step.parameter, raw) === normalizeValue(step.parameter, step.value);
			const after = step.secret ? (matches ? SECRET_MASK : undefined) : raw === undefined ? undefined : sanitize(raw);
			if (matches) return {node: step.node, command: shown, before: before === undefined ? undefined : sanitize(before), after, ok: true};
			return {
				node: step.node, command: shown, before: before === undefined ? undefined : sanitize(before), after, ok: false,
				error: raw === undefined ? 'read-back returned nothing' : 'read-back differs from the value sent',
				meaning: 'the server accepted the command but stores a different value: check the node before going on',
			};
		});
	} catch (error) {
		const message = errorText(error);
		return {
			node: step.node, command: shown, before: before === undefined ? undefined : sanitize(before), ok: false,
			error: message, meaning: errorMeaning(message),
		};
	}
}

/** Applies the steps in order; the first failure ends the run and nothing after it is sent. */
export async function applyFix(steps: readonly FixStep[], ctx: ApplyContext): Promise<ApplyOutcome> {
	const done: ApplyStep[] = [];
	for (const step of steps) {
		const result = await applyOne(step, ctx);
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
