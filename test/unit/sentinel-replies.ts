import {readFileSync} from 'node:fs';
import {fieldsToRecord, parseCkquorum, parseMasterAddr, recordsOf} from '../../source/sentinel/parse.js';
import type {SentinelView} from '../../source/model/types.js';

// Replies captured from a real Sentinel lab (test/fixtures/sentinel-*.json).
export const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/sentinel-${name}.json`, import.meta.url), 'utf8'));
export const healthy = fixture('healthy');
export const noquorum = fixture('noquorum');
export const failover = fixture('failover');

export const view = (address: string, reply: Record<string, unknown>, extra: Partial<SentinelView> = {}): SentinelView => ({
	address,
	reachable: true,
	masterName: 'mymaster',
	master: fieldsToRecord(reply.master),
	replicas: recordsOf(reply.replicas),
	sentinels: recordsOf(reply.sentinels),
	ckquorum: parseCkquorum(reply.ckquorum).text,
	...(reply.masterAddr ? {masterAddr: parseMasterAddr(reply.masterAddr)} : {}),
	...extra,
});
