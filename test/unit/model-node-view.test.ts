import {describe, expect, test} from 'vitest';
import {nodeView} from '../../source/model/node-view.js';
import {parseInfo} from '../../source/redis/parse-info.js';
import {captureText, versionNames, versions} from './captures.js';

const view = (dir: string, file: string) => nodeView(parseInfo(captureText(dir, file)));

const expected = {
	'5.0.14': {product: 'redis', version: '5.0.14', readOffset: false},
	'6.2.16': {product: 'redis', version: '6.2.16', readOffset: true},
	'7.2.6': {product: 'redis', version: '7.2.6', readOffset: true},
	'7.4.1': {product: 'redis', version: '7.4.1', readOffset: true},
	'8.0-m01': {product: 'redis', version: '7.9.224', readOffset: true},
	'valkey-8.0.1': {product: 'valkey', version: '8.0.1', readOffset: true},
} as const;

describe('normalised node view of real captures', () => {
	test.each(versionNames)('%s: leader, followers and Sentinel read the same way', name => {
		const {dir, ports} = versions[name];
		const [leaderPort, f1Port] = ports;
		const leader = view(dir, `info-all-${leaderPort}-after.txt`);
		expect(leader).toMatchObject({role: 'master', mode: 'standalone', product: expected[name].product, version: expected[name].version, connectedReplicas: 2, backlog: {active: true}});
		expect(leader.replicas.map(r => r.port)).toEqual([ports[1], ports[2]]);
		expect(leader.replicas.every(r => r.state === 'online')).toBe(true);
		expect(leader.backlog.size).toBe(name === 'valkey-8.0.1' ? 10 * 1024 * 1024 : 1024 * 1024);
		expect(leader.masterReplOffset).toBeGreaterThan(0);

		const follower = view(dir, `info-all-${f1Port}-after.txt`);
		expect(follower).toMatchObject({role: 'replica', masterHost: '127.0.0.1', masterPort: leaderPort, linkStatus: 'up', syncInProgress: false, readOnly: true});
		expect(follower.appliedOffset).toBeGreaterThan(0);
		expect(follower.readOffset !== undefined).toBe(expected[name].readOffset);

		const sentinel = view(dir, 'info-all-sentinel.txt');
		expect(sentinel.role).toBe('sentinel');
		expect(sentinel.product).toBe(expected[name].product);
	});

	test('5.0 reports no process_supervised; 6.2+ does', () => {
		expect(view('redis-5.0.14', 'info-all-7700-after.txt').processSupervised).toBeUndefined();
		expect(view('redis-6.2.16', 'info-all-7720-after.txt').processSupervised).toBe('no');
	});

	test('Valkey: availability_zone, replicas_waiting_psync, config_file empty', () => {
		const v = view('valkey-8.0.1', 'info-all-7780-after.txt');
		expect(v.availabilityZone).toBe('');
		expect(v.replicasWaitingPsync).toBe(0);
		expect(v.configFile).toBe('');
	});

	test('the sections the checks read come typed: memory, persistence, resyncs, buffer limits, CPU (Valkey 8 leader)', () => {
		const v = view('valkey-8.0.1', 'info-all-7780-after.txt');
		expect(v).toMatchObject({
			roleText: 'master',
			redisVersion: '7.2.4',
			version: '8.0.1',
			aclDeniedAuth: 0,
			memory: {used: 40842640, rss: 47857664, max: 0, system: 25276059648, replicaClients: 57424, replicationBuffers: 10543184},
			persistence: {aofEnabled: false, rdbSaveInProgress: false, aofRewriteInProgress: false, latestForkUsec: 164, rdbLastSaveSeconds: 0},
			resyncs: {full: 2, partialOk: 0, partialErr: 0},
			bufferLimits: {outputDisconnections: 0, queryDisconnections: 0, outputReplKbps: 0},
		});
		expect(v.persistence.statuses).toEqual([['rdb_last_bgsave_status', 'ok'], ['aof_last_write_status', 'ok'], ['aof_last_bgrewrite_status', 'ok']]);
		expect(v.cpuSeconds).toBeCloseTo(13.156943 + 2.022981, 6);
		expect(view('valkey-8.0.1', 'info-all-7781-after.txt').priority).toBe(100);
	});

	test('a replication-only reply: no section it lacks is made up', () => {
		const v = view('redis-7.2.6', 'info-repl-7741-load.txt');
		expect(v.memory.used).toBeUndefined();
		expect(v.cpuSeconds).toBeUndefined();
		expect(v.persistence).toMatchObject({statuses: [], rdbSaveInProgress: false, latestForkUsec: undefined});
		expect(v.resyncs.full).toBeUndefined();
	});

	test('Valkey dual-channel sync: the merged replica’s offset is the main channel’s (it carries the stream), whichever line comes first', () => {
		// The captured sync with the main channel past its PSYNC: it acks an offset while the rdb-channel line is still listed at 0.
		const text = captureText('valkey-8.0.1-dual', 'info-repl-master-sync.txt')
			.replace('slave1:ip=127.0.0.1,port=7781,state=bg_transfer,offset=0,lag=0,type=main-channel', 'slave1:ip=127.0.0.1,port=7781,state=online,offset=16684000,lag=0,type=main-channel');
		const swapped = text.replace(/^(slave0:[^\r\n]*)(\r?\n)(slave1:[^\r\n]*)/m, (_all, rdb: string, nl: string, main: string) => `slave0:${main.slice(7)}${nl}slave1:${rdb.slice(7)}`);
		expect(swapped).not.toBe(text);
		for (const info of [text, swapped]) {
			const [merged] = nodeView(parseInfo(info)).replicas;
			expect(merged).toMatchObject({port: 7781, state: 'online', offset: 16684000, dualChannel: {rdbState: 'wait_bgsave', mainState: 'online'}});
		}
	});

	test('Valkey dual-channel sync: one replica listed twice is one replica, in the main channel’s state', () => {
		const m = view('valkey-8.0.1-dual', 'info-repl-master-sync.txt');
		expect(m.connectedReplicas).toBe(3);
		expect(m.replicas).toHaveLength(2);
		expect(m.replicas[0]).toMatchObject({port: 7781, state: 'bg_transfer', dualChannel: {rdbState: 'wait_bgsave', mainState: 'bg_transfer'}});
		expect(m.replicas[1]).toMatchObject({port: 7782, state: 'wait_bgsave', dualChannel: {rdbState: 'wait_bgsave'}});
		const r = view('valkey-8.0.1-dual', 'info-repl-r1-sync.txt');
		expect(r).toMatchObject({role: 'replica', linkStatus: 'down', syncInProgress: true, replicaBuffer: {size: 16719840, peak: 16719840}});
		expect(view('valkey-8.0.1-dual', 'info-repl-master-after.txt').replicas.every(r => r.dualChannel === undefined)).toBe(true);
	});

	test('future spellings (primary_*, replicaN, connected_replicas) read as the Redis 7 names', () => {
		const v = nodeView(parseInfo([
			'# Server', 'server_name:valkey', 'valkey_version:9.0.0', 'server_mode:standalone',
			'# Replication', 'role:replica', 'primary_host:10.0.0.1', 'primary_port:6380', 'primary_link_status:up', 'replica_repl_offset:42',
		].join('\r\n')));
		expect(v).toMatchObject({role: 'replica', mode: 'standalone', product: 'valkey', version: '9.0.0', masterHost: '10.0.0.1', masterPort: 6380, linkStatus: 'up', appliedOffset: 42});
		const p = nodeView(parseInfo('role:primary\r\nconnected_replicas:1\r\nreplica0:ip=10.0.0.2,port=6381,state=online,offset=5,lag=0\r\n'));
		expect(p).toMatchObject({role: 'master', connectedReplicas: 1});
		expect(p.replicas.map(r => r.port)).toEqual([6381]);
	});
});
