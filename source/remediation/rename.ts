// `--rename-command CONFIG=NEWNAME` (global) or `host:port/CONFIG=NEWNAME` (one node).
import type {Address} from '../model/types.js';

export interface RenameMap {
	readonly global?: Readonly<Record<string, string>>;
	readonly perNode?: Readonly<Record<Address, Readonly<Record<string, string>>>>;
}

/** The name to send for `command` (upper case logical name, e.g. CONFIG) on `node`. */
export function commandName(map: RenameMap | undefined, node: Address, command: string): string {
	const key = command.toUpperCase();
	return map?.perNode?.[node]?.[key] ?? map?.global?.[key] ?? key;
}

/** Parses the CLI values; an error line for the first malformed one. */
export function parseRenameCommands(values: readonly string[]): {readonly map: RenameMap} | {readonly error: string} {
	const global: Record<string, string> = {};
	const perNode: Record<Address, Record<string, string>> = {};
	for (const value of values) {
		const slash = value.indexOf('/');
		const node = slash >= 0 ? value.slice(0, slash) : undefined;
		const pair = slash >= 0 ? value.slice(slash + 1) : value;
		const match = /^([A-Za-z][\w|-]*)=(\S+)$/.exec(pair);
		if (!match || (node !== undefined && !/^(\[[^\]]+\]|[^:/\s]+):\d+$/.test(node))) {
			return {error: `--rename-command ${value}: expected CONFIG=NEWNAME or host:port/CONFIG=NEWNAME`};
		}
		const target = node === undefined ? global : (perNode[node] ??= {});
		target[match[1]!.toUpperCase()] = match[2]!;
	}
	return {map: {global, perNode}};
}

/** The map from already parsed CLI entries (`{node?, command, name}`, as source/cli/options.ts holds them). */
export function renameMapFrom(entries: ReadonlyArray<{readonly node?: Address; readonly command: string; readonly name: string}>): RenameMap {
	const global: Record<string, string> = {};
	const perNode: Record<Address, Record<string, string>> = {};
	for (const entry of entries) {
		const target = entry.node === undefined ? global : (perNode[entry.node] ??= {});
		target[entry.command.toUpperCase()] = entry.name;
	}
	return {global, perNode};
}
