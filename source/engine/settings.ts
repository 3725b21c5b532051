import type {Address} from '../model/types.js';
import type {Credentials, NodeTarget, RenameCommand, TlsSettings} from '../redis/settings.js';

/** What the monitor needs to run: plain settings, filled by the CLI from argv or by the lab. */
export interface MonitorSettings {
	readonly nodes: readonly NodeTarget[];
	/** Defaults for nodes that were not given with their own URL credentials. */
	readonly credentials: Credentials;
	readonly tls: TlsSettings;
	readonly intervalMs: number;
	readonly timeoutMs: number;
	readonly discover: boolean;
	/** `--config`: the checks' thresholds file. */
	readonly config?: string;
	readonly sentinels: readonly Address[];
	readonly masterName?: string;
	/** `--sentinel-user`/`--sentinel-pass`/REDISCLI_SENTINEL_AUTH; absent: Sentinels get the data credentials. */
	readonly sentinelCredentials?: Credentials;
	/** Most nodes watched at once, seeds included (`--max-nodes`, default 256). */
	readonly maxNodes?: number;
	/** `--discover-allow`: networks (CIDR), hosts or `any` a discovered address may be in beyond the given nodes' own. */
	readonly discoverAllow?: readonly string[];
	readonly renameCommands: readonly RenameCommand[];
	readonly heartbeat: boolean;
}
