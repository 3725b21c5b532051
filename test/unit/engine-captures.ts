import {readFileSync} from 'node:fs';
import {parseInfo} from '../../source/redis/parse-info.js';
import type {NodeSample} from '../../source/model/types.js';

// Real INFO captured from a 7.0.15 lab (master 32680, followers 32684/32687, Sentinel 32693).
const fixture = (name: string) => readFileSync(new URL(`../fixtures/engine-${name}.txt`, import.meta.url), 'utf8');
export const master = fixture('master-steady');
export const replica = fixture('replica-steady');
export const deadMaster = fixture('replica-dead-master');
export const chained = fixture('chained-intermediate');
export const sentinel = fixture('sentinel');

export const sample = (address: string, text: string, at = 1_000_000): NodeSample => ({address, at, reachable: true, rttMs: 0.3, info: parseInfo(text)});
