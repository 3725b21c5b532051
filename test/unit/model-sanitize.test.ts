import {describe, expect, it} from 'vitest';
import fc from 'fast-check';
import {sanitize} from '../../source/model/sanitize.js';
import {parseInfo} from '../../source/redis/parse-info.js';
import {fieldsToRecord, parseInfoSentinel} from '../../source/sentinel/parse.js';
import {parseClusterNodes} from '../../source/cluster/parse.js';
import {classifyError} from '../../source/redis/connection.js';

// eslint-disable-next-line no-control-regex
const control = /[\u0000-\u001F\u007F-\u009F]/;

describe('sanitize: server strings cannot drive the terminal', () => {
	it.each([
		['OSC window title', 'redis\u001B]0;pwned\u0007-1', 'redis-1'],
		['OSC ended by ST', 'a\u001B]8;;http://evil\u001B\\link\u001B]8;;\u001B\\b', 'alinkb'],
		['clear screen', 'x\u001B[2Jy', 'xy'],
		['cursor home + colour', '\u001B[H\u001B[1;31mred\u001B[0m', 'red'],
		['carriage return overwrite', 'ok\rFAIL', 'okFAIL'],
		['8-bit CSI (C1)', '\u009B31mred', 'red'],
		['bell, backspace, NUL, DEL', 'a\u0007b\u0008c\u0000d\u007Fe', 'abcde'],
		['newline in an error message', 'ERR first\nsecond', 'ERR firstsecond'],
		['ESC c (full reset) loses its ESC: the c is inert text', 'a\u001Bcb', 'acb'],
	])('%s', (_name, input, expected) => {
		expect(sanitize(input)).toBe(expected);
	});

	it('keeps printable text, IPv6 addresses and non-ASCII names as they are', () => {
		for (const text of ['[::1]:6379', 'fe80::1%eth0', 'mymäster-ü', '名前', 'cmdstat_config|get', 'a "quoted" value']) {
			expect(sanitize(text)).toBe(text);
		}
	});

	it('never returns a control character, whatever the input', () => {
		fc.assert(
			fc.property(fc.string({unit: 'binary', maxLength: 200}), text => {
				const out = sanitize(text);
				expect(out).not.toMatch(control);
				expect(out.length).toBeLessThanOrEqual(text.length);
			}),
			{numRuns: 300},
		);
	});

	it('does not throw on a reply shape whose toString is not callable (found by the Sentinel fuzz run)', () => {
		const hostile = {toString: ''} as unknown;
		expect(sanitize(hostile)).toBe('');
		expect(fieldsToRecord([hostile, 'x', 'ip', '10.0.0.1'])).toMatchObject({ip: '10.0.0.1'});
	});

	it('is idempotent', () => {
		fc.assert(fc.property(fc.string({unit: 'binary', maxLength: 100}), text => sanitize(sanitize(text)) === sanitize(text)), {numRuns: 300});
	});

	it('the parsers that feed the screen sanitize what they return', () => {
		const hostile = '\u001B]0;pwned\u0007\u001B[2J';
		const sentinel = parseInfoSentinel(`# Sentinel\r\nmaster0:name=my${hostile}master,status=ok,address=127.0.0.1:6379,slaves=1,sentinels=3\r\n`);
		expect(sentinel.masters[0]!.name).toBe('mymaster');
		expect(fieldsToRecord(['name', `x${hostile}`, 'ip', '10.0.0.1'])).toEqual({name: 'x', ip: '10.0.0.1'});
		const shards = parseClusterNodes(`07c37dfeb235213a872192d90877d0cd55635b91 127.0.0.1:30004@31004${hostile} slave e7d1eecce10fd6bb5eb35b9f99a514335d9ba9ca 0 1426238317239 4 connected\n`);
		expect(JSON.stringify(shards)).not.toMatch(/\\u001b|\\u0007/i);
		expect(classifyError(new Error(`ERR bad${hostile}\nline two`)).message).toBe('ERR bad');
	});

	it('INFO names and values come out of parseInfo without control characters', () => {
		// parseInfo is the one gate for INFO text: addresses built from master_host / slaveN ip, states and
		// versions are safe wherever they are shown.
		const info = parseInfo('# Server\r\nredis_version:7.0.15\u001B[2J\r\n# Replication\r\nmaster_host:10.0.0.1\u001B]0;pwned\u0007\r\nslave0:ip=10.0.0.2\u001B[31m,port=6380,state=online\u009B2J,offset=1,lag=0\r\n');
		expect(info.fields.redis_version).toBe('7.0.15');
		expect(info.fields.master_host).toBe('10.0.0.1');
		expect(info.replicas[0]).toMatchObject({ip: '10.0.0.2', state: 'online'});
	});
});
