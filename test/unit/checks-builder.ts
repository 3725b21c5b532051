import {readFileSync} from 'node:fs';
import {History} from '../../source/model/history.js';
import {recordLink, recordSample} from '../../source/model/lag.js';
import {buildTopology} from '../../source/model/topology.js';
import type {NodeSample, SentinelView, Topology} from '../../source/model/types.js';
import {defaultSettings, type Settings} from '../../source/checks/settings.js';
import type {CheckContext} from '../../source/checks/context.js';
import type {CommandKind} from '../../source/checks/command-kinds.js';
import {fieldsToRecord, parseCkquorum, parseInfoSentinel, parseMasterAddr, recordsOf} from '../../source/sentinel/parse.js';
import {toNodeSample, type RawSample} from '../integration/checks-collect.js';

export interface Fixture {
	readonly note: string;
	readonly rounds: RawSample[][];
}

export function loadFixture(name: string): Fixture {
	return JSON.parse(readFileSync(new URL(`../fixtures/checks-${name}.json`, import.meta.url), 'utf8')) as Fixture;
}

export interface BuildOptions {
	readonly settings?: Partial<Settings>;
	readonly sentinels?: readonly SentinelView[];
	readonly commandKinds?: Readonly<Record<string, CommandKind>>;
	/** Change a sample before it enters the history (e.g. mark it unreachable). */
	readonly edit?: (sample: NodeSample, round: number) => NodeSample;
}

/** Rounds of samples → history and topology exactly as the engine builds them → a check context. */
export function buildContext(rounds: readonly (readonly (RawSample | NodeSample)[])[], options: BuildOptions = {}): CheckContext {
	const history = new History();
	let topology: Topology | undefined;
	rounds.forEach((round, i) => {
		const samples = round.map(s => ('reachable' in s ? s : toNodeSample(s))).map(s => options.edit?.(s, i) ?? s);
		for (const s of samples) {
			history.addSample(s);
			recordSample(history, s);
		}
		topology = buildTopology(samples, history, topology, {sentinels: options.sentinels ?? []});
		for (const link of topology.links) recordLink(history, link, topology.at);
	});
	return {
		topology: topology!,
		history,
		settings: {...defaultSettings, ...options.settings},
		now: topology!.at,
		...(options.commandKinds ? {commandKinds: options.commandKinds} : {}),
	};
}

export function contextFor(name: string, options: BuildOptions = {}): CheckContext {
	return buildContext(loadFixture(name).rounds, options);
}

/** A SentinelView from a captured Sentinel fixture (test/fixtures/sentinel-*.json). */
export function sentinelViewFrom(name: string, address: string): SentinelView {
	const raw = JSON.parse(readFileSync(new URL(`../fixtures/${name}.json`, import.meta.url), 'utf8')) as Record<string, unknown>;
	const masterRecord = fieldsToRecord(raw.master);
	const masterAddr = parseMasterAddr(raw.masterAddr);
	const info = raw.infoSentinel === undefined ? undefined : parseInfoSentinel(raw.infoSentinel);
	return {
		address,
		reachable: true,
		masterName: masterRecord.name ?? 'mymaster',
		master: masterRecord,
		replicas: recordsOf(raw.replicas),
		sentinels: recordsOf(raw.sentinels),
		ckquorum: parseCkquorum(raw.ckquorum).text,
		...(masterAddr ? {masterAddr} : {}),
		...(info ? {tilt: info.tilt} : {}),
	};
}
