import {describe, expect, it} from 'vitest';
import {MonitorTally, monitorCommandName, replicationSource} from '../../source/triage/monitor-sample.js';
import {classifyWriteError, heartbeatKey, readHeartbeat} from '../../source/triage/heartbeat.js';

describe('MONITOR entries are reduced to a command name', () => {
	it.each([
		[['set', 'user:1', 'secret'], 'set'],
		[['GET', 'user:1'], 'get'],
		[['xgroup', 'create', 's', 'g', '0'], 'xgroup|create'],
		[['object', 'encoding', 'k'], 'object|encoding'],
		// A subcommand slot that is not a known name is dropped, so a key can never become a "name".
		[['object', 'user:secret'], 'object'],
		[['config', 'set', 'requirepass', 'pw'], 'config'],
		[['\u001B]0;x\u0007'], '?'],
		[[], '?'],
	])('%j → %s', (args, name) => {
		expect(monitorCommandName(args)).toBe(name);
	});

	it('tallies reads, writes and other by the shared command table', () => {
		const tally = new MonitorTally();
		for (const name of ['set', 'set', 'get', 'info', 'xgroup|create', '?']) tally.add(name);
		expect(tally.toSample('h:1', 1000)).toEqual({node: 'h:1', durationMs: 1000, reads: 1, writes: 3, other: 2, replicated: 0, byCommand: {set: 2, get: 1, info: 1, 'xgroup|create': 1, '?': 1}});
	});

	it('on a follower, entries whose source is its master link are the replication stream, not client writes', () => {
		const fromMaster = replicationSource('127.0.0.1:7780');
		expect(fromMaster('127.0.0.1:7780')).toBe(true);
		expect(fromMaster('127.0.0.1:51234')).toBe(false);
		expect(fromMaster('lua')).toBe(false);
		expect(replicationSource('[::1]:6379')('[::1]:6379')).toBe(true);
		expect(replicationSource(undefined)('127.0.0.1:7780')).toBe(false);
	});
});

describe('heartbeat core', () => {
	it('lag is the tool clock at visibility minus the written tool time', () => {
		expect(readHeartbeat('1000', 3092)).toEqual({state: 'ok', written: 1000, lagMs: 2092});
		expect(readHeartbeat(Buffer.from('1000'), 1000)).toEqual({state: 'ok', written: 1000, lagMs: 0});
		// A follower cannot be ahead of the tool's clock; jitter clamps at 0.
		expect(readHeartbeat('1005', 1000)).toMatchObject({lagMs: 0});
	});

	it('a missing key or a foreign value is a state, not a number', () => {
		expect(readHeartbeat(null, 1)).toEqual({state: 'missing'});
		expect(readHeartbeat('hello\u001B[2J', 1)).toEqual({state: 'foreign', value: 'hello'});
		expect(readHeartbeat('-5', 1)).toMatchObject({state: 'foreign'});
	});

	it.each([
		['NOREPLICAS Not enough good replicas to write.', 'noreplicas'],
		["OOM command not allowed when used memory > 'maxmemory'.", 'oom'],
		["READONLY You can't write against a read only replica.", 'readonly'],
		["NOPERM this user has no permissions to access one of the keys used as arguments", 'noperm'],
		['Command timed out', 'timeout'],
		['connect ECONNREFUSED 127.0.0.1:1', 'unreachable'],
	])('%s → %s', (message, kind) => {
		expect(classifyWriteError(message)).toBe(kind);
	});

	it('writes under its own key prefix only', () => {
		expect(heartbeatKey('ab12')).toBe('__replcheck:hb:ab12');
	});
});
