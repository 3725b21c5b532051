import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {nodeView, rawField, replicationFields} from '../../source/model/node-view.js';
import {mergeInfo} from '../../source/redis/merge-info.js';
import {maxReplicaLines, parseInfo} from '../../source/redis/parse-info.js';
import {parseRole, roleNeighbours} from '../../source/redis/role.js';
import {roleDiffers, unsettledReplication, withRoleOffsets} from '../../source/redis/role-info.js';
import {chained, deadMaster, master} from './engine-captures.js';

// ROLE and INFO replication read in one round trip from redis-server 7.0.15 and valkey-server 8.0.1.
const captured = JSON.parse(readFileSync(new URL('../fixtures/role-replies.json', import.meta.url), 'utf8')) as {
	pairs: Record<string, {role: unknown; info: string}>;
	dead: unknown;
	sentinel: unknown;
};
const pair = (name: string) => captured.pairs[name]!;

describe('ROLE replies of Redis 7.0 and Valkey 8 (spec D.1)', () => {
	it('a leader: its offset and each online follower\'s acked offset, from bulk strings', () => {
		for (const name of ['redis-7.0.15-leader', 'valkey-8.0.1-leader']) {
			const role = parseRole(pair(name).role);
			const info = parseInfo(pair(name).info);
			expect(role.role).toBe('master');
			if (role.role !== 'master') continue;
			expect(role.offset).toBe(Number(info.fields.master_repl_offset));
			expect(role.replicas).toEqual(info.replicas.map(r => ({ip: r.ip, port: r.port, ackOffset: r.offset})));
			expect(roleNeighbours(role)).toEqual(info.replicas.map(r => `${r.ip}:${r.port}`));
		}
	});

	it('a follower: its leader, link state and applied offset; -1 and "connect" with a dead leader', () => {
		const role = parseRole(pair('valkey-8.0.1-follower').role);
		const info = parseInfo(pair('valkey-8.0.1-follower').info);
		expect(role).toEqual({role: 'replica', masterHost: '127.0.0.1', masterPort: Number(info.fields.master_port), state: 'connected', offset: Number(info.fields.slave_repl_offset)});
		expect(parseRole(captured.dead)).toEqual({role: 'replica', masterHost: '127.0.0.1', masterPort: 27999, state: 'connect', offset: -1});
		expect(parseRole(captured.sentinel)).toEqual({role: 'sentinel'});
	});

	it('hostile or odd replies: never throws, integers or Buffers accepted, replicas bounded, text cut', () => {
		for (const reply of [null, 'OK', [], ['master'], ['master', 'x', []], ['slave', 'h'], [Buffer.from('weird')], 42, {role: 'master'}]) {
			expect(parseRole(reply).role).toBe('unknown');
		}
		expect(parseRole([Buffer.from('master'), 5, [[Buffer.from('10.0.0.1'), 6380, 5]]])).toEqual({role: 'master', offset: 5, replicas: [{ip: '10.0.0.1', port: 6380, ackOffset: 5}], omitted: 0});
		const many = Array.from({length: maxReplicaLines + 7}, (_, i) => ['10.0.0.1', String(1000 + i), '1']);
		const role = parseRole(['master', 1, many]);
		expect(role.role === 'master' && [role.replicas.length, role.omitted]).toEqual([maxReplicaLines, 7]);
		const long = parseRole(['slave', `h\u001b[2J${'x'.repeat(10_000)}`, 6379, 'connected', 1]);
		expect(long.role === 'replica' && long.masterHost.length).toBe(256);
		expect(long.role === 'replica' && long.masterHost.includes('\u001b')).toBe(false);
	});
});

describe('ROLE standing in for INFO replication', () => {
	it('a settled leader: ROLE\'s offsets laid over the last reading give the view INFO replication gives', () => {
		for (const name of ['redis-7.0.15-leader', 'valkey-8.0.1-leader']) {
			const last = parseInfo(pair(name).info);
			const role = parseRole(['master', 9_000_000, [['127.0.0.1', String(last.replicas[0]!.port), '8999000']]]);
			expect(unsettledReplication(last)).toBeUndefined();
			expect(roleDiffers(role, last)).toBeUndefined();
			const read = withRoleOffsets(role, last);
			const view = nodeView(read);
			expect(view.masterReplOffset).toBe(9_000_000);
			expect(view.replicas[0]).toMatchObject({state: 'online', offset: 8_999_000, lag: last.replicas[0]!.lag});
			// The INFO text stays what the server printed: ROLE's numbers are typed beside it, not written into it.
			expect(read.sections).toBe(last.sections);
			expect(rawField(read, 'master_repl_offset')).toBe(last.fields.master_repl_offset);
		}
	});

	it('a settled follower: the applied (and received) offset from ROLE, the link as last read', () => {
		const last = parseInfo(pair('redis-7.0.15-follower').info);
		const role = parseRole(['slave', '127.0.0.1', Number(last.fields.master_port), 'connected', 5_000]);
		expect(unsettledReplication(last)).toBeUndefined();
		expect(roleDiffers(role, last)).toBeUndefined();
		const view = nodeView(withRoleOffsets(role, last));
		expect([view.appliedOffset, view.readOffset, view.masterReplOffset, view.linkStatus]).toEqual([5_000, 5_000, 5_000, 'up']);
	});

	it('the next ROLE replaces the offsets; a new INFO replication reading drops them', () => {
		const last = parseInfo(pair('redis-7.0.15-follower').info);
		const port = Number(last.fields.master_port);
		const once = withRoleOffsets(parseRole(['slave', '127.0.0.1', port, 'connected', 5_000]), last);
		const twice = withRoleOffsets(parseRole(['slave', '127.0.0.1', port, 'connected', 6_000]), once);
		expect(nodeView(twice).appliedOffset).toBe(6_000);
		expect(unsettledReplication(twice)).toBeUndefined();
		const reread = mergeInfo(twice, parseInfo(pair('redis-7.0.15-follower').info));
		expect(reread.roleOffsets).toBeUndefined();
		expect(nodeView(reread).appliedOffset).toBe(Number(last.fields.slave_repl_offset));
	});

	it('the node detail\'s INFO replication text shows ROLE\'s offsets in place, every other field as read', () => {
		const last = parseInfo(pair('redis-7.0.15-follower').info);
		expect(replicationFields(last)).toBe(last.sections.replication);
		const read = withRoleOffsets(parseRole(['slave', '127.0.0.1', Number(last.fields.master_port), 'connected', 5_000]), last);
		const shown = replicationFields(read)!;
		expect([shown.slave_repl_offset, shown.slave_read_repl_offset, shown.master_repl_offset]).toEqual(['5000', '5000', '5000']);
		expect({...shown, slave_repl_offset: '', slave_read_repl_offset: '', master_repl_offset: ''}).toEqual({...last.sections.replication, slave_repl_offset: '', slave_read_repl_offset: '', master_repl_offset: ''});
	});

	it('changes ROLE reveals send INFO replication: role, leader, replica set, a link not connected', () => {
		const leader = parseInfo(pair('redis-7.0.15-leader').info);
		const follower = parseInfo(pair('redis-7.0.15-follower').info);
		const port = Number(follower.fields.master_port);
		expect(roleDiffers(parseRole(['slave', '127.0.0.1', 1, 'connected', 5]), leader)).toBe('role changed');
		expect(roleDiffers(parseRole(['master', 5, []]), leader)).toBe('replica set changed');
		expect(roleDiffers(parseRole(['master', 5, [['127.0.0.1', '1', '5']]]), leader)).toBe('replica set changed');
		expect(roleDiffers(parseRole(['master', 5, []]), follower)).toBe('role changed');
		expect(roleDiffers(parseRole(['slave', '127.0.0.1', port + 1, 'connected', 5]), follower)).toBe('leader changed');
		expect(roleDiffers(parseRole(['slave', '127.0.0.1', port, 'connecting', -1]), follower)).toBe('link connecting');
		expect(roleDiffers(parseRole(['sentinel', ['mymaster']]), follower)).toBe('ROLE not understood');
	});

	it('a last reading that showed trouble is read again every tick whatever ROLE says', () => {
		expect(unsettledReplication(undefined)).toBe('no INFO replication read yet');
		expect(unsettledReplication(parseInfo(deadMaster))).toBe('link was not up');
		expect(unsettledReplication(parseInfo(chained))).toBe('has followers of its own');
		const late = parseInfo(master.replace(/lag=\d+/, 'lag=3'));
		expect(unsettledReplication(late)).toBe('a replica\'s ack was late');
		expect(unsettledReplication(parseInfo(master.replace(/state=online/, 'state=wait_bgsave')))).toBe('a replica was wait_bgsave');
		const backlog = parseInfo(pair('redis-7.0.15-follower').info.replace(/slave_read_repl_offset:\d+/, 'slave_read_repl_offset:999999'));
		expect(unsettledReplication(backlog)).toBe('received bytes not yet applied');
	});
});
