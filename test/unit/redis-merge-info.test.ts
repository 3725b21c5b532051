import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import type {ParsedInfo} from '../../source/model/types.js';
import {mergeInfo} from '../../source/redis/merge-info.js';
import {parseInfo} from '../../source/redis/parse-info.js';
import {deadMaster, replica} from './engine-captures.js';

const text = (name: string) => readFileSync(new URL(`../fixtures/${name}.txt`, import.meta.url), 'utf8');
const replicationOf = (name: string) => parseInfo(`# Replication\r\n${text(name).split('# Replication\r\n')[1]!.split('\r\n#')[0]}`);

/** Every field a consumer can read, as the flat copy of the merged sections would hold it. */
function expectSameAsSections(info: ParsedInfo): void {
	for (const section of Object.values(info.sections)) for (const [key, value] of Object.entries(section)) expect(info.fields[key]).toBe(value);
}

describe('light INFO over the last full INFO, many ticks in a row (memory at 100 nodes)', () => {
	it('every field reads as the newest section says, and the merged replies share the full one', () => {
		const full = parseInfo(text('tui-leader'));
		let info = full;
		const lights = [replicationOf('tui-leader-lagging'), replicationOf('tui-leader')];
		for (let tick = 0; tick < 1000; tick++) info = mergeInfo(info, lights[tick % 2]!);
		expectSameAsSections(info);
		expect(info.fields.master_repl_offset).toBe(lights[1]!.fields.master_repl_offset);
		expect(info.fields.redis_version).toBe('7.0.15');
		expect(info.replicas).toBe(lights[1]!.replicas);
		// One level over the full reply, however many ticks: lookups stay flat and nothing piles up.
		expect(Object.getPrototypeOf(info.fields)).toBe(full.fields);
	});

	it('a role change drops the old role\'s fields at once (no slave0 left over from the leader)', () => {
		const leader = parseInfo(text('engine-master-steady'));
		const asReplica = mergeInfo(mergeInfo(leader, replicationOf('engine-master-steady')), replicationOf('engine-replica-dead-master'));
		expectSameAsSections(asReplica);
		expect(asReplica.fields.role).toBe('slave');
		expect(asReplica.fields.slave0).toBeUndefined();
		expect(asReplica.fields.connected_slaves).toBe('0');
		expect(asReplica.fields.redis_version).toBe(leader.fields.redis_version);
	});
});

describe('light INFO over full INFO, real captures', () => {
	it('lays a light INFO replication over the last full INFO without stale replication fields', () => {
		const full = parseInfo(replica);
		const light = parseInfo(`# Replication\r\n${deadMaster.split('# Replication\r\n')[1]!.split('\r\n#')[0]}`);
		const merged = mergeInfo(full, light);
		expect(merged.fields.master_port).toBe('1');
		expect(merged.fields.master_link_status).toBe('down');
		expect(merged.fields.redis_version).toBe('7.0.15'); // from the full INFO
		expect(merged.commandstats).toEqual(full.commandstats);
	});
});
