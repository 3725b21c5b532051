import {describe, expect, test} from 'vitest';
import {parseOptions} from '../../source/cli/options.js';
import {parseListen} from '../../source/cli/flag-values.js';

const parse = (...argv: string[]) => parseOptions(argv, {});

describe('serve, watch and alert options', () => {
	test('serve listens on loopback 9121 unless --listen says otherwise', () => {
		const serve = parse('serve', '10.0.0.5:6379');
		expect(serve.kind === 'options' && serve.options.listen).toEqual({host: '127.0.0.1', port: 9121});
		expect(serve.kind === 'options' && serve.options.nodes.map(n => n.address)).toEqual(['10.0.0.5:6379']);
		const any = parse('serve', '--listen', '0.0.0.0:9200');
		expect(any.kind === 'options' && any.options.listen).toEqual({host: '0.0.0.0', port: 9200});
	});

	test('--listen takes host:port, [ipv6]:port or a bare port (loopback), and refuses anything else in one line', () => {
		expect(parseListen('9300')).toEqual({host: '127.0.0.1', port: 9300});
		expect(parseListen(':9300')).toEqual({host: '127.0.0.1', port: 9300});
		expect(parseListen('[::1]:9300')).toEqual({host: '::1', port: 9300});
		expect(parseListen('localhost')).toBe('invalid --listen "localhost" (expected host:port, e.g. 127.0.0.1:9121)');
		expect(parseListen('127.0.0.1:70000')).toMatch(/^invalid --listen/);
		expect(parse('--listen', '127.0.0.1:9121')).toEqual({kind: 'error', error: '--listen goes with replwatch serve'});
	});

	test('watch, --watch, --alert-command and --no-bell', () => {
		const watch = parse('watch', '--alert-command', 'notify-send replwatch', '--no-bell');
		expect(watch.kind === 'options' && [watch.options.watch, watch.options.alertCommand, watch.options.bell, watch.options.listen]).toEqual([true, 'notify-send replwatch', false, undefined]);
		const plain = parse();
		expect(plain.kind === 'options' && [plain.options.watch, plain.options.bell]).toEqual([false, true]);
		expect(parse('--watch').kind === 'options').toBe(true);
	});
});
