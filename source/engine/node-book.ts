import {viewOf} from '../model/node-view.js';
import type {Address, NodeSample} from '../model/types.js';
import {discoverNew, neighbours} from './discovery.js';
import {DiscoveryGate} from './discovery-gate.js';
import {commandName} from '../redis/settings.js';
import {Poller, type PollTarget} from './poller.js';
import type {MonitorSettings} from './settings.js';

/** Ticks a never-reached node known only from a pointer stays once no live node points at it. */
const orphanTicks = 3;

/**
 * Which nodes are watched and what is known of each: the latest sample, how it was found, the
 * seeds, and the aliases (one node reached under two names).
 */
export class NodeBook {
	/** The latest sample of each watched node. */
	readonly latest = new Map<Address, NodeSample>();
	readonly via = new Map<Address, string>();
	private readonly seeds = new Set<Address>();
	private readonly aliases = new Set<Address>();
	private readonly runIds = new Map<string, Address>();
	private readonly aliasOf = new Map<Address, Address>();
	private readonly everReached = new Set<Address>();
	private readonly unpointedTicks = new Map<Address, number>();

	/** Which discovered addresses may be watched (--max-nodes, --discover-allow). */
	readonly gate: DiscoveryGate;

	readonly poller: Poller;

	constructor(private readonly options: MonitorSettings, cadence: {now: () => number; heavyEveryMs?: number; replicationEveryMs?: number; configEveryMs?: number; slowEveryMs?: number}) {
		this.poller = new Poller({
			timeoutMs: options.timeoutMs,
			intervalMs: options.intervalMs,
			tls: options.tls,
			configName: address => commandName(options.renameCommands, address, 'CONFIG'),
			roleName: address => commandName(options.renameCommands, address, 'ROLE'),
			now: cadence.now,
			...(cadence.heavyEveryMs ? {heavyEveryMs: cadence.heavyEveryMs} : {}),
			...(cadence.replicationEveryMs ? {replicationEveryMs: cadence.replicationEveryMs} : {}),
			...(cadence.configEveryMs ? {configEveryMs: cadence.configEveryMs} : {}),
			...(cadence.slowEveryMs ? {slowEveryMs: cadence.slowEveryMs} : {}),
		});
		this.gate = new DiscoveryGate({
			given: [...options.nodes.map(n => n.address), ...options.sentinels],
			...(options.maxNodes ? {maxNodes: options.maxNodes} : {}),
			...(options.discoverAllow ? {allow: options.discoverAllow} : {}),
		});
		for (const node of options.nodes) {
			this.add({address: node.address, credentials: node.credentials, tls: node.tls}, 'seed');
			this.seeds.add(node.address);
		}
	}

	/** Starts watching a node found `how` (seed, sentinel, cluster, master-of X, replica-of X); false when refused or known. */
	add(target: PollTarget, how: string): boolean {
		if (this.aliases.has(target.address) || this.poller.has(target.address)) return false;
		if (how !== 'seed' && !this.gate.admit(target.address, how, this.poller.size)) return false;
		if (!this.poller.add(target)) return false;
		this.via.set(target.address, how);
		return true;
	}

	/** A node found through `parent` is reached as it is (credentials, TLS); else with the defaults. */
	addFound(address: Address, how: string, parent?: PollTarget): boolean {
		return this.add({address, credentials: parent?.credentials ?? this.options.credentials, tls: parent?.tls ?? this.options.tls.enabled}, how);
	}

	/** Nodes to probe after `fresh` answered: those their pointers name (with discovery on), then watched nodes never probed (Sentinel named them). */
	discoverFrom(fresh: readonly Address[]): Address[] {
		const found = this.options.discover ? discoverNew(this.samples(fresh), a => this.knows(a)) : [];
		const added = found.filter(d => this.addFound(d.address, d.via, this.poller.target(d.via.slice(d.via.indexOf(' ') + 1)))).map(d => d.address);
		for (const a of this.poller.addresses()) if (!this.latest.has(a) && !fresh.includes(a) && !added.includes(a) && !this.poller.inFlight(a)) added.push(a);
		return added;
	}

	/** Watched, or known as another watched node's alias. */
	knows(address: Address): boolean {
		return this.poller.has(address) || this.aliases.has(address);
	}

	/** Keeps a new sample; false when it is not kept (a node no longer watched, or an alias, which stops being polled). */
	take(sample: NodeSample): boolean {
		if (!this.poller.has(sample.address)) return false;
		if (this.isAlias(sample)) {
			this.aliases.add(sample.address);
			this.poller.remove(sample.address);
			this.latest.delete(sample.address);
			return false;
		}
		if (sample.info?.replicasOmitted) this.gate.replicaLinesOmitted(sample.address, sample.info.replicasOmitted);
		this.latest.set(sample.address, sample);
		if (sample.reachable) this.everReached.add(sample.address);
		return true;
	}

	/** The latest samples of these nodes (default: every watched node, in polling order). */
	samples(addresses: readonly Address[] = this.poller.addresses()): NodeSample[] {
		return addresses.flatMap(a => (this.latest.has(a) ? [this.latest.get(a)!] : []));
	}

	aliasMap(): Map<Address, Address> {
		return new Map(this.aliasOf);
	}

	/** The same node reached under two names (localhost vs 127.0.0.1): keep the first one. */
	private isAlias(sample: NodeSample): boolean {
		const runId = viewOf(sample)?.runId;
		if (!runId) return false;
		const owner = this.runIds.get(runId);
		if (owner === undefined || owner === sample.address || !this.latest.get(owner)?.reachable || viewOf(this.latest.get(owner))?.runId !== runId) {
			this.runIds.set(runId, sample.address);
			return false;
		}
		if (this.seeds.has(sample.address)) return false;
		this.aliasOf.set(sample.address, owner);
		return true;
	}

	/**
	 * A node known only from a pointer (REPLICAOF to a wrong or closed port) and never reached is
	 * dropped once no live node has pointed at it for a few ticks: else it would stay "down" for
	 * ever. Only a refused connection (a closed port) counts: a node that times out is a real process
	 * that stopped answering (SIGSTOP before our first probe; its leader drops it after repl-timeout)
	 * and stays, like seeds, Sentinel and cluster nodes, and any node once reached.
	 */
	dropOrphans(): void {
		const pointed = new Set<Address>();
		for (const sample of this.latest.values()) for (const d of neighbours(sample)) pointed.add(d.address);
		for (const address of this.poller.addresses()) {
			const how = this.via.get(address) ?? '';
			const fromPointer = how.startsWith('master-of ') || how.startsWith('replica-of ');
			const closedPort = this.latest.get(address)?.error?.kind === 'refused';
			if (!fromPointer || !closedPort || this.seeds.has(address) || this.everReached.has(address) || pointed.has(address)) {
				this.unpointedTicks.delete(address);
				continue;
			}
			const ticks = (this.unpointedTicks.get(address) ?? 0) + 1;
			if (ticks < orphanTicks) {
				this.unpointedTicks.set(address, ticks);
				continue;
			}
			this.unpointedTicks.delete(address);
			this.poller.remove(address);
			this.latest.delete(address);
			this.via.delete(address);
		}
	}
}
