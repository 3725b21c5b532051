import type {History} from '../model/history.js';
import type {CheckStatus, Evidence, Remediation, Topology, TimelineEvent} from '../model/types.js';
import type {CommandKind} from './command-kinds.js';
import type {Settings} from './settings.js';

export interface CheckContext {
	readonly topology: Topology;
	readonly history: History;
	readonly settings: Settings;
	readonly now: number;
	/** Command classification from COMMAND INFO (lower-case name → kind); the static table fills gaps. */
	readonly commandKinds?: Readonly<Record<string, CommandKind>>;
	/** MONITOR samples the operator took (`m`), latest per node, as noted on the timeline. */
	readonly monitorSamples?: readonly TimelineEvent[];
}

/** What a check returns; the registry adds id, section and title. */
export interface Verdict {
	readonly status: CheckStatus;
	readonly summary: string;
	readonly evidence?: readonly Evidence[];
	readonly recommendation?: string;
	readonly remediations?: readonly Remediation[];
}

export type Check = (ctx: CheckContext) => Verdict;
