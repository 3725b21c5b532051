import type {Redis} from 'ioredis';
import type {Address, SentinelView} from '../model/types.js';
import {sentinelError, toNodeError} from './connect.js';
import {withinReplyLimit} from '../redis/reply-bound.js';
import {fieldsToRecord, isStale, parseCkquorum, parseInfoSentinel, parseMasterAddr, recordAddress, recordsOf, type SentinelRecord} from './parse.js';

type PipelineResult = [Error | null, unknown][] | null;

const perMaster = (name: string): string[][] => [
	['SENTINEL', 'MASTER', name],
	['SENTINEL', 'REPLICAS', name],
	['SENTINEL', 'SENTINELS', name],
	['SENTINEL', 'CKQUORUM', name],
	['SENTINEL', 'GET-MASTER-ADDR-BY-NAME', name],
];

async function roundTrip(client: Redis, commands: readonly string[][]): Promise<[Error | null, unknown][]> {
	const pipeline = client.pipeline();
	for (const [command, ...args] of commands) pipeline.call(command!, ...args);
	const results = (await withinReplyLimit(client, () => pipeline.exec())) as PipelineResult;
	if (!results) throw new Error('pipeline discarded');
	return results;
}

const noSuchMaster = /No such master/i;
const unknownSubcommand = /unknown (sub)?command|Unknown sentinel subcommand/i;

export interface SentinelRound {
	readonly views: SentinelView[];
	/** SENTINEL MYID (6.2+): the id other Sentinels list this one under, to avoid following it twice. */
	readonly myId?: string;
}

/**
 * The state of several masters as one Sentinel sees them, in ONE pipelined round trip:
 * SENTINEL MASTER/REPLICAS/SENTINELS/CKQUORUM/GET-MASTER-ADDR-BY-NAME per name, then INFO sentinel
 * (TILT) and SENTINEL MYID. Never throws: an unreachable Sentinel gives views with `reachable: false`.
 */
export async function fetchSentinelRound(client: Redis, address: Address, masterNames: readonly string[]): Promise<SentinelRound> {
	const commands = [...masterNames.flatMap(perMaster), ['INFO', 'sentinel'], ['SENTINEL', 'MYID']];
	const unreachable = (error: unknown): SentinelRound => {
		const nodeError = sentinelError(error);
		return {views: masterNames.map(masterName => ({address, reachable: false, error: nodeError, masterName}))};
	};
	let results: [Error | null, unknown][];
	try {
		results = await roundTrip(client, commands);
	} catch (error) {
		return unreachable(error);
	}
	const [infoError, infoReply] = results[results.length - 2]!;
	const [myIdError, myIdReply] = results[results.length - 1]!;
	// Every command failing with a timeout or a refusal means the Sentinel did not answer at all.
	if (results.every(([error]) => error !== null)) {
		const kind = toNodeError(infoError).kind;
		if (kind === 'timeout' || kind === 'refused') return unreachable(infoError);
	}
	const tilt = infoError ? undefined : parseInfoSentinel(infoReply).tilt;
	const myId = myIdError || typeof myIdReply !== 'string' ? undefined : myIdReply;
	const views: SentinelView[] = [];
	for (const [i, masterName] of masterNames.entries()) {
		const [master, replicas, sentinels, ckquorum, addr] = results.slice(i * 5, i * 5 + 5) as [Error | null, unknown][];
		const [masterError, masterReply] = master!;
		if (masterError) {
			const error = noSuchMaster.test(masterError.message)
				? {kind: 'other' as const, message: `this Sentinel monitors no master named ${masterName}`}
				: sentinelError(masterError);
			const reachable = error.kind !== 'timeout' && error.kind !== 'refused';
			views.push({address, reachable, error, masterName, ...(tilt === undefined ? {} : {tilt})});
			continue;
		}
		let replicaRecords = replicas![0] ? undefined : recordsOf(replicas![1]);
		if (replicas![0] && unknownSubcommand.test(replicas![0].message)) {
			// Before 5.0 the command was SENTINEL SLAVES: one more round trip, only on such Sentinels.
			replicaRecords = await client.call('SENTINEL', 'SLAVES', masterName).then(recordsOf, () => undefined);
		}
		const masterAddr = addr![0] ? undefined : parseMasterAddr(addr![1]);
		views.push({
			address,
			reachable: true,
			masterName,
			master: fieldsToRecord(masterReply),
			...(replicaRecords ? {replicas: replicaRecords} : {}),
			...(sentinels![0] ? {} : {sentinels: recordsOf(sentinels![1])}),
			// NOQUORUM arrives as an error reply: its text is the answer.
			ckquorum: parseCkquorum(ckquorum![0] ?? ckquorum![1]).text,
			...(masterAddr ? {masterAddr} : {}),
			...(tilt === undefined ? {} : {tilt}),
		});
	}
	return {views, ...(myId ? {myId} : {})};
}

export async function fetchSentinelViews(client: Redis, address: Address, masterNames: readonly string[]): Promise<SentinelView[]> {
	return (await fetchSentinelRound(client, address, masterNames)).views;
}

export async function fetchSentinelView(client: Redis, address: Address, masterName: string): Promise<SentinelView> {
	const [view] = await fetchSentinelViews(client, address, [masterName]);
	return view!;
}

/** SENTINEL MASTERS: every master this Sentinel monitors, as records (name, ip, port, flags, quorum, …). */
export async function listMasters(client: Redis): Promise<SentinelRecord[]> {
	return recordsOf(await withinReplyLimit(client, () => client.call('SENTINEL', 'MASTERS')));
}

export async function listMasterNames(client: Redis): Promise<string[]> {
	return (await listMasters(client)).map(m => m.name ?? '').filter(name => name !== '');
}

export interface SeedReplica {
	readonly address: Address;
	/** Sentinel lists it as s_down/o_down/disconnected: it may be a long-gone node it never forgot. */
	readonly stale: boolean;
	readonly flags: string;
}

export interface SentinelSeeds {
	/** The master address most reachable Sentinels agree on (GET-MASTER-ADDR-BY-NAME). */
	readonly master?: Address;
	/** Master first, then every replica any Sentinel lists (stale ones included, see `replicas`). */
	readonly dataNodes: Address[];
	readonly replicas: SeedReplica[];
	/** Every Sentinel: the ones asked plus every one they know of. */
	readonly sentinels: Address[];
}

function configEpoch(view: SentinelView): number {
	const n = Number(view.master?.['config-epoch']);
	return Number.isFinite(n) ? n : -1;
}

/** The master address the majority of reachable views report; ties go to the higher config-epoch. */
export function majorityMaster(views: readonly SentinelView[]): Address | undefined {
	const votes = new Map<Address, {count: number; epoch: number}>();
	for (const view of views) {
		if (!view.reachable || !view.masterAddr) continue;
		const entry = votes.get(view.masterAddr) ?? {count: 0, epoch: -1};
		entry.count++;
		entry.epoch = Math.max(entry.epoch, configEpoch(view));
		votes.set(view.masterAddr, entry);
	}
	let best: [Address, {count: number; epoch: number}] | undefined;
	for (const candidate of votes) {
		if (!best || candidate[1].count > best[1].count || (candidate[1].count === best[1].count && candidate[1].epoch > best[1].epoch)) best = candidate;
	}
	return best?.[0];
}

/** Data nodes and Sentinels to watch, from the views of one master name (one Sentinel address is enough). */
export function sentinelSeeds(views: readonly SentinelView[]): SentinelSeeds {
	const master = majorityMaster(views);
	const replicas = new Map<Address, SeedReplica>();
	const sentinels = new Set<Address>();
	for (const view of views) {
		sentinels.add(view.address);
		for (const record of view.sentinels ?? []) {
			const address = recordAddress(record);
			if (address) sentinels.add(address);
		}
		if (!view.reachable) continue;
		for (const record of view.replicas ?? []) {
			const address = recordAddress(record);
			if (!address || address === master) continue;
			const entry = {address, stale: isStale(record), flags: record.flags ?? ''};
			const known = replicas.get(address);
			// One Sentinel that still reaches it is enough to call it live.
			if (!known || (known.stale && !entry.stale)) replicas.set(address, entry);
		}
	}
	const replicaList = [...replicas.values()];
	return {
		...(master ? {master} : {}),
		dataNodes: [...(master ? [master] : []), ...replicaList.map(r => r.address)],
		replicas: replicaList,
		sentinels: [...sentinels],
	};
}
