import {describe, expect, it, test} from 'vitest';
import {needsAscii} from '../../source/cli/charset.js';
import {commandName, parseOptions, type Options} from '../../source/cli/options.js';
import {parseDuration} from '../../source/cli/flag-values.js';

function ok(argv: string[], env: NodeJS.ProcessEnv = {}): Options {
	const result = parseOptions(argv, env);
	if (result.kind !== 'options') throw new Error(`expected options, got ${JSON.stringify(result)}`);
	return result.options;
}

function error(argv: string[], env: NodeJS.ProcessEnv = {}): string {
	const result = parseOptions(argv, env);
	if (result.kind !== 'error') throw new Error(`expected an error, got ${result.kind}`);
	return result.error;
}

describe('command line', () => {
	it('watches 127.0.0.1:6379 with the documented defaults when given nothing', () => {
		const o = ok([]);
		expect(o.nodes.map(n => n.address)).toEqual(['127.0.0.1:6379']);
		expect(o).toMatchObject({intervalMs: 1000, timeoutMs: 1000, windowMs: 2000, discover: true, once: false, json: false, readOnly: false});
	});

	it('accepts host:port, IPv6 in brackets and redis:// / rediss:// URLs with credentials', () => {
		const o = ok(['10.0.0.1:7000', '[::1]:7001', 'redis://app:s%3Acret@cache.local:7002/0', 'rediss://:pw@[fe80::1]:7003', 'redis://only-host']);
		expect(o.nodes.map(n => n.address)).toEqual(['10.0.0.1:7000', '[::1]:7001', 'cache.local:7002', '[fe80::1]:7003', 'only-host:6379']);
		expect(o.nodes[2]).toMatchObject({tls: false, credentials: {user: 'app', password: 's:cret'}});
		expect(o.nodes[3]).toMatchObject({tls: true, host: 'fe80::1', port: 7003, credentials: {password: 'pw'}});
	});

	it('takes redis-cli style flags, REDISCLI_AUTH, and warns about -a like redis-cli', () => {
		const o = ok(['-h', '::1', '-p', '7000', '--user', 'mon', '--tls', '--cacert', 'ca.pem', '--insecure'], {REDISCLI_AUTH: 'envpw'});
		expect(o.nodes[0]).toMatchObject({address: '[::1]:7000', tls: true, credentials: {user: 'mon', password: 'envpw'}});
		expect(o.tls).toMatchObject({enabled: true, ca: 'ca.pem', insecure: true});
		expect(o.warnings).toEqual([]);
		const withPass = ok(['-a', 'cli-pw', '-u', 'redis://h:1']);
		expect(withPass.credentials.password).toBe('cli-pw');
		expect(withPass.nodes[0]!.address).toBe('h:1');
		expect(withPass.warnings[0]).toMatch(/may not be safe/);
		expect(withPass.warnings.join(' ')).not.toContain('cli-pw');
	});

	it('reads durations as 500ms, 2s or plain seconds', () => {
		expect(parseDuration('500ms')).toBe(500);
		expect(parseDuration('2s')).toBe(2000);
		expect(parseDuration('1.5')).toBe(1500);
		const o = ok(['--interval', '500ms', '--timeout', '0.3', '--window', '5s', '--no-discover', '--once', '--json', '--read-only', '--ascii']);
		expect(o).toMatchObject({intervalMs: 500, timeoutMs: 300, windowMs: 5000, discover: false, once: true, json: true, readOnly: true, ascii: true});
	});

	it('passes Sentinel, rename-command, report and file options through', () => {
		const o = ok(['--sentinel', 's1:26379', '--sentinel', '[::1]', '--master-name', 'mymaster', '--rename-command', 'CONFIG=cfg', '--rename-command', 'h:7000/config=other',
			'--report', 'md', '--report-file', 'r.md', '--audit-log', 'a.log', '--config', 't.json', '--walkthrough', '--heartbeat']);
		expect(o.sentinels).toEqual(['s1:26379', '[::1]:26379']);
		expect(o.masterName).toBe('mymaster');
		expect(o.nodes).toEqual([]);
		expect(commandName(o.renameCommands, 'h:7000', 'config')).toBe('other');
		expect(commandName(o.renameCommands, 'h:7001', 'CONFIG')).toBe('cfg');
		expect(o).toMatchObject({report: 'md', reportFile: 'r.md', auditLog: 'a.log', config: 't.json', walkthrough: true, heartbeat: true});
	});

	it('hands `lab` and everything after it to the lab command', () => {
		expect(parseOptions(['lab', '--followers', '3'], {})).toEqual({kind: 'lab', argv: ['--followers', '3']});
	});

	it('rejects bad input with one line and never echoes a password', () => {
		expect(error(['--bogus'])).toBe('unknown option --bogus (see replwatch --help)');
		expect(error(['--interval', 'fast'])).toMatch(/invalid --interval/);
		expect(error(['--interval'])).toMatch(/--interval needs a value/);
		expect(error(['-p', '99999'])).toMatch(/invalid --port/);
		expect(error(['host:notaport'])).toMatch(/invalid node/);
		expect(error(['--report', 'html'])).toMatch(/only "md"/);
		expect(error(['--sentinel', 's:1'])).toMatch(/--master-name/);
		expect(error(['--interval', '100000m'])).toMatch(/invalid --interval/); // beyond what a timer can hold
		const pasted = ['-h', '-p', '--interval', '--timeout', '--window', '--report', '--sentinel', '--rename-command'].map(flag => error([flag, 'redis://u:hunter2@h:1']));
		for (const message of [error(['redis://u:hunter2@h:1/x/y']), error(['http://u:hunter2@h:1']), ...pasted]) {
			expect(message).not.toContain('hunter2');
			expect(message).not.toContain('\n');
		}
	});
});

describe('ASCII from the terminal (issue 26 E)', () => {
	test.each([
		[{}, false],
		[{LANG: 'en_US.UTF-8', TERM: 'xterm-256color'}, false],
		[{LANG: 'C.utf8', TERM: 'screen'}, false],
		[{LANG: 'C', TERM: 'xterm'}, true],
		[{LANG: 'POSIX'}, true],
		[{LC_ALL: 'de_DE.ISO-8859-1', LANG: 'de_DE.UTF-8'}, true],
		[{LC_ALL: '', LC_CTYPE: 'en_US.UTF-8', LANG: 'C'}, false],
		[{TERM: 'vt100', LANG: 'en_US.UTF-8'}, true],
		[{TERM: 'vt220'}, true],
		[{TERM: 'dumb'}, true],
		[{TERM: 'linux', LANG: 'C'}, true],
		[{TERM: 'linux', LANG: 'en_US.UTF-8'}, false],
	])('%o → ascii %s', (env: NodeJS.ProcessEnv, ascii: boolean) => {
		expect(needsAscii(env)).toBe(ascii);
		expect(ok(['--interval', '1s'], env).ascii).toBe(ascii);
	});
});
