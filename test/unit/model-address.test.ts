import {describe, expect, it} from 'vitest';
import {connectAddress, formatAddress} from '../../source/model/address.js';

describe('connectAddress: the one address parser of every connection (data nodes, Sentinels, fixes)', () => {
	it('splits host:port and [v6]:port as formatAddress writes them', () => {
		expect(connectAddress('127.0.0.1:6380')).toEqual({host: '127.0.0.1', port: 6380});
		expect(connectAddress(formatAddress('::1', 26379))).toEqual({host: '::1', port: 26379});
		expect(connectAddress('redis-a.internal:6379')).toEqual({host: 'redis-a.internal', port: 6379});
	});

	it('refuses what is not an address with one line, control characters removed', () => {
		expect(() => connectAddress('host:99999')).toThrow('not a host:port address: host:99999');
		expect(() => connectAddress('[::1:6379')).toThrow(/not a host:port address/);
		expect(() => connectAddress('a b:6379')).toThrow(/not a host:port address/);
		expect(() => connectAddress('\u001b[2Jx:y')).toThrow('not a host:port address: x:y');
	});
});
