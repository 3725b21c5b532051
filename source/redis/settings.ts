// Connection settings: what a node needs to be reached. The CLI fills them from argv; the engine,
// the poller, the Redis layer and the remediation read them from here.
import type {Address} from '../model/types.js';

export interface Credentials {
	readonly user?: string;
	readonly password?: string;
}

export interface TlsSettings {
	readonly enabled: boolean;
	readonly ca?: string;
	readonly cert?: string;
	readonly key?: string;
	readonly insecure: boolean;
}

/** A node given on the command line. Discovered nodes inherit credentials and TLS from the seed that found them. */
export interface NodeTarget {
	readonly address: Address;
	readonly host: string;
	readonly port: number;
	readonly tls: boolean;
	readonly credentials: Credentials;
}

/** `--rename-command [host:port/]CONFIG=NAME`. */
export interface RenameCommand {
	/** Only this node; undefined = every node. */
	readonly node?: Address;
	readonly command: string; // upper case, e.g. CONFIG
	readonly name: string; // the renamed command
}

/** The name to send for a logical command on one node: a per-node rename wins over a global one. */
export function commandName(renames: readonly RenameCommand[] | undefined, node: Address, command: string): string {
	const upper = command.toUpperCase();
	let name = upper;
	for (const r of renames ?? []) if (r.command === upper && r.node === undefined) name = r.name;
	for (const r of renames ?? []) if (r.command === upper && r.node === node) name = r.name;
	return name;
}
