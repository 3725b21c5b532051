import type {Address, TimelineEvent} from '../model/types.js';
import {discoveryScope} from '../redis/scope.js';
import {maxReplicaLines} from '../redis/parse-info.js';

/** Most nodes watched at once when `--max-nodes` is not given (seeds included). */
export const defaultMaxNodes = 256;
/** Distinct refused addresses remembered (for counts and "new" events); beyond it counts say "N+". */
const maxRemembered = 10_000;

export interface GateOptions {
	readonly maxNodes?: number;
	/** What the operator gave (nodes and Sentinels): their network class bounds discovery. */
	readonly given: readonly Address[];
	readonly allow?: readonly string[];
}

/**
 * Bounds on what discovery may add: at most `maxNodes` nodes, and only addresses reachable from what
 * the operator gave (see redis/scope.ts). Refusals become one timeline event per kind when new
 * addresses are refused, and a standing notice for the status line; the watched nodes are unaffected.
 */
export class DiscoveryGate {
	readonly maxNodes: number;
	private readonly inScope: (address: Address) => boolean;
	private readonly capped = new Set<Address>();
	private readonly outside = new Set<Address>();
	private newCapped = 0;
	private newOutside: {address: Address; how: string} | undefined;
	private newOutsideCount = 0;
	/** Nodes whose INFO listed more replica lines than parseInfo keeps → lines omitted. */
	private readonly omitted = new Map<Address, number>();
	private newOmitted: Address[] = [];

	constructor(options: GateOptions) {
		this.maxNodes = options.maxNodes ?? defaultMaxNodes;
		this.inScope = discoveryScope(options.given, options.allow);
	}

	/** May a discovered node be added, with `watched` nodes already watched? */
	admit(address: Address, how: string, watched: number): boolean {
		if (!this.inScope(address)) {
			if (this.remember(this.outside, address)) {
				this.newOutsideCount++;
				this.newOutside ??= {address, how};
			}
			return false;
		}
		if (watched >= this.maxNodes) {
			if (this.remember(this.capped, address)) this.newCapped++;
			return false;
		}
		return true;
	}

	/** A node listed more `slaveN` lines than are kept (said once per node). */
	replicaLinesOmitted(address: Address, count: number): void {
		if (count <= 0 || this.omitted.size >= maxRemembered) return;
		if (!this.omitted.has(address)) this.newOmitted.push(address);
		this.omitted.set(address, count);
	}

	/** Also gates Sentinel peers (no cap of ours: the tracker has its own). */
	inNetwork(address: Address): boolean {
		return this.inScope(address);
	}

	private remember(set: Set<Address>, address: Address): boolean {
		if (set.has(address) || set.size >= maxRemembered) return false;
		set.add(address);
		return true;
	}

	private count(set: Set<Address>): string {
		return set.size >= maxRemembered ? `${maxRemembered}+` : String(set.size);
	}

	/** Events for refusals since the last call. */
	drainEvents(at: number): TimelineEvent[] {
		const out: TimelineEvent[] = [];
		if (this.newCapped > 0) {
			out.push({at, node: '', kind: 'discovery-capped', text: `discovery capped at ${this.maxNodes} nodes: ${this.count(this.capped)} announced address(es) not watched (raise with --max-nodes)`});
		}
		if (this.newOutside) {
			const {address, how} = this.newOutside;
			out.push({at, node: '', kind: 'discovery-refused', text: `not followed: ${this.newOutsideCount} address(es) outside the networks given, e.g. ${address} (${how}); allow with --discover-allow`});
		}
		for (const address of this.newOmitted) {
			out.push({at, node: address, kind: 'replicas-omitted', text: `INFO lists ${this.omitted.get(address)} more replica lines than the ${maxReplicaLines} kept: they are not followed`});
		}
		this.newOmitted = [];
		this.newCapped = 0;
		this.newOutside = undefined;
		this.newOutsideCount = 0;
		return out;
	}

	/** A standing line for the status bar while something is refused. */
	notices(): string[] {
		return [
			...(this.capped.size > 0 ? [`capped at ${this.maxNodes} nodes`] : []),
			...(this.outside.size > 0 ? [`${this.count(this.outside)} outside given networks`] : []),
		];
	}
}
