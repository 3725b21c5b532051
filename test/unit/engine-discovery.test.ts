import {describe, expect, it} from 'vitest';
import {neighbours} from '../../source/engine/discovery.js';
import {chained, master, replica, sample, sentinel} from './engine-captures.js';

describe('neighbours in real INFO', () => {
	it('follows a replica up to its master and a master down to its replicas', () => {
		expect(neighbours(sample('127.0.0.1:32684', replica))).toEqual([{address: '127.0.0.1:32680', via: 'master-of 127.0.0.1:32684'}]);
		expect(neighbours(sample('127.0.0.1:32680', master)).map(n => n.address)).toEqual(['127.0.0.1:32684', '127.0.0.1:32687']);
		// An intermediate replica leads both up and down the chain.
		expect(neighbours(sample('127.0.0.1:32684', chained)).map(n => n.address)).toEqual(['127.0.0.1:32680', '127.0.0.1:32687']);
		expect(neighbours(sample('127.0.0.1:32693', sentinel))).toEqual([]);
	});

	it('never treats a port=0 SYNC client as a node', () => {
		const withBackup = master.replace('slave1:ip=127.0.0.1,port=32687', 'slave1:ip=127.0.0.1,port=0');
		expect(neighbours(sample('127.0.0.1:32680', withBackup)).map(n => n.address)).toEqual(['127.0.0.1:32684']);
	});
});
