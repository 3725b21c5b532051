import type {Address, CheckStatus, Evidence, Remediation, TopologyNode} from '../model/types.js';
import type {Verdict} from './context.js';

const rank: Record<CheckStatus, number> = {pass: 0, info: 1, unknown: 2, warn: 3, fail: 4};

/** The most severe status of per-node findings (fail > warn > unknown > info > pass). */
export function worst(statuses: readonly CheckStatus[], empty: CheckStatus = 'pass'): CheckStatus {
	let out: CheckStatus | undefined;
	for (const s of statuses) if (out === undefined || rank[s] > rank[out]) out = s;
	return out ?? empty;
}

/** A text per status; `else` stands for every status not named. */
export type ByStatus = Partial<Record<CheckStatus | 'else', string>>;

export interface VerdictExtras {
	/** Given only when the worst status is one of `when`. */
	readonly recommendation?: {readonly when: readonly CheckStatus[]; readonly text: string};
	/** Checks that offer fixes always return the list, empty or not. */
	readonly remediations?: readonly Remediation[];
}

/** What a check found node by node: one status and one evidence line per finding, and the fixes it offers. */
export class Findings {
	readonly statuses: CheckStatus[] = [];
	readonly evidence: Evidence[] = [];
	readonly remediations: Remediation[] = [];

	add(status: CheckStatus, node: Address, text: string): void {
		this.statuses.push(status);
		this.evidence.push({node, text});
	}

	/** The worst status found and the texts chosen for it. */
	verdict(summary: ByStatus, extras: VerdictExtras = {}): Verdict {
		const status = worst(this.statuses);
		const {recommendation, remediations} = extras;
		return {
			status,
			summary: summary[status] ?? summary.else ?? '',
			evidence: this.evidence,
			...(recommendation?.when.includes(status) ? {recommendation: recommendation.text} : {}),
			...(remediations ? {remediations} : {}),
		};
	}
}

export const unreachableEvidence = (node: TopologyNode): Evidence => ({
	node: node.address,
	text: `unreachable: ${node.sample.error?.message ?? 'no reply'}`,
});

export function unknown(summary: string, evidence: readonly Evidence[] = []): Verdict {
	return {status: 'unknown', summary, evidence};
}

/** One wording everywhere for a check (or part of one) a node's version does not have; its status is `info`. */
export function notApplicableText(node: TopologyNode, feature: string, major: number, minor = 0, patch = 0): string {
	const since = `${major}.${minor}${patch ? `.${patch}` : ''}`;
	return `not applicable on ${node.product === 'valkey' ? 'Valkey' : 'Redis'} ${node.version ?? '?'}: ${feature} exists from Redis ${since}`;
}

export const notApplicableSummary = 'not applicable on this server version';
