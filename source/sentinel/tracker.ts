import type {Redis} from 'ioredis';
import type {Address, SentinelView} from '../model/types.js';
import {ensureReady, openClient, sentinelError, type ConnectOptions} from './connect.js';
import {fetchSentinelRound, listMasterNames, sentinelSeeds, type SentinelRound, type SentinelSeeds} from './fetch.js';
import {recordAddress} from './parse.js';

export interface SentinelTrackerOptions extends ConnectOptions {
	/** `--sentinel` addresses; one is enough, the others are discovered. */
	readonly seeds: readonly Address[];
	/** `--master-name`; without it every master the Sentinels know is followed. */
	readonly masterNames?: readonly string[];
	/** Upper bound on Sentinels followed, against a hostile or misconfigured peer list (default 64). */
	readonly maxSentinels?: number;
	/** May a Sentinel a peer list names be followed (the operator's networks, see redis/scope.ts)? */
	readonly inNetwork?: (address: Address) => boolean;
	/** Client factory (tests, or the engine's own connection settings). */
	readonly connect?: (address: Address) => Redis;
}

export interface MasterFollow {
	readonly name: string;
	/** Current master address (majority of reachable Sentinels). */
	readonly address?: Address;
	/** The address before this poll, when it changed: a failover happened. */
	readonly previous?: Address;
	readonly seeds: SentinelSeeds;
}

export interface SentinelPoll {
	readonly at: number;
	/** One view per (Sentinel, master name): Topology.sentinels. */
	readonly views: readonly SentinelView[];
	readonly masters: readonly MasterFollow[];
	/** Every Sentinel followed after this poll, including the ones found in it. */
	readonly sentinels: readonly Address[];
	readonly newSentinels: readonly Address[];
	/** Every data node any master name brings (masters first): the monitor's node set from Sentinel. */
	readonly dataNodes: readonly Address[];
}

/**
 * Follows masters through their Sentinels: each poll asks every known Sentinel in parallel
 * (one round trip each), adds Sentinels they mention, and reports the current master address
 * per name, so a failover moves the leader without a restart.
 */
export class SentinelTracker {
	private readonly clients = new Map<Address, Redis>();
	private readonly known: Address[] = [];
	private names: string[];
	private readonly namesFixed: boolean;
	private readonly current = new Map<string, Address>();
	/** Sentinel id (SENTINEL MYID / the runid peers list) → the address we follow it at. */
	private readonly ids = new Map<string, Address>();
	private closed = false;

	constructor(private readonly options: SentinelTrackerOptions) {
		for (const seed of options.seeds) this.addSentinel(seed, true);
		this.names = [...(options.masterNames ?? [])];
		this.namesFixed = this.names.length > 0;
	}

	get sentinels(): readonly Address[] {
		return this.known;
	}

	get masterNames(): readonly string[] {
		return this.names;
	}

	masterAddress(name: string): Address | undefined {
		return this.current.get(name);
	}

	private addSentinel(address: Address, seed = false): boolean {
		if (this.known.includes(address) || this.known.length >= (this.options.maxSentinels ?? 64)) return false;
		if (!seed && this.options.inNetwork && !this.options.inNetwork(address)) return false;
		this.known.push(address);
		return true;
	}

	private client(address: Address): Redis {
		let client = this.clients.get(address);
		if (client?.status === 'end') {
			// A client that gave up reconnecting (e.g. the engine's, with no retry strategy) is replaced.
			client.disconnect();
			client = undefined;
		}
		if (!client) {
			client = this.options.connect ? this.options.connect(address) : openClient(address, this.options);
			this.clients.set(address, client);
		}
		return client;
	}

	private async pollOne(address: Address): Promise<SentinelRound> {
		const timeout = this.options.timeoutMs ?? 2000;
		let client: Redis;
		try {
			client = this.client(address);
			await ensureReady(client, timeout);
		} catch (error) {
			const nodeError = sentinelError(error);
			return {views: this.names.map(masterName => ({address, reachable: false, error: nodeError, masterName}))};
		}
		if (!this.namesFixed) {
			// Names can appear (SENTINEL MONITOR) at any time; one extra command only without --master-name.
			const names = await listMasterNames(client).catch(() => []);
			for (const name of names) if (!this.names.includes(name)) this.names.push(name);
		}
		return fetchSentinelRound(client, address, this.names);
	}

	async poll(): Promise<SentinelPoll> {
		if (this.closed) throw new Error('tracker closed');
		const asked = [...this.known];
		const rounds = await Promise.all(asked.map(address => this.pollOne(address)));
		for (const [i, round] of rounds.entries()) if (round.myId) this.ids.set(round.myId, asked[i]!);
		const views = rounds.flatMap(round => round.views);
		const newSentinels: Address[] = [];
		const masters: MasterFollow[] = [];
		for (const name of this.names) {
			const named = views.filter(v => v.masterName === name);
			const seeds = sentinelSeeds(named);
			for (const record of named.flatMap(v => v.sentinels ?? [])) {
				const address = recordAddress(record);
				// The same Sentinel may be listed under another address than the one we were given.
				if (!address || (record.runid && this.ids.has(record.runid))) continue;
				if (this.addSentinel(address)) {
					newSentinels.push(address);
					if (record.runid) this.ids.set(record.runid, address);
				}
			}
			const before = this.current.get(name);
			if (seeds.master) this.current.set(name, seeds.master);
			const address = this.current.get(name);
			masters.push({
				name,
				...(address ? {address} : {}),
				...(before && address && before !== address ? {previous: before} : {}),
				seeds,
			});
		}
		const dataNodes = [...new Set([...masters.flatMap(m => (m.address ? [m.address] : [])), ...masters.flatMap(m => m.seeds.dataNodes)])];
		return {at: Date.now(), views, masters, sentinels: [...this.known], newSentinels, dataNodes};
	}

	async close(): Promise<void> {
		this.closed = true;
		const clients = [...this.clients.values()];
		this.clients.clear();
		await Promise.all(clients.map(client => client.quit().catch(() => client.disconnect())));
	}
}
