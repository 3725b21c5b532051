import {spawnSync} from 'node:child_process';
import {redisServerPath} from './lab.js';
import {which} from './processes.js';

export const installCommand = 'sudo apt-get install -y redis-server redis-sentinel';

export type RedisCheck = {readonly ok: true; readonly installed: boolean} | {readonly ok: false; readonly error: string};

/**
 * redis-server present, or installed with apt-get when running as root; otherwise one line telling
 * how to install it.
 */
export function ensureRedisServer(log: (line: string) => void = line => process.stderr.write(`${line}\n`)): RedisCheck {
	if (redisServerPath()) return {ok: true, installed: false};
	const root = process.getuid?.() === 0;
	if (!root || !which('apt-get')) {
		return {ok: false, error: `redis-server is not installed; install it with: ${installCommand}`};
	}
	log('redis-server is not installed: installing redis-server redis-sentinel with apt-get …');
	const env = {...process.env, DEBIAN_FRONTEND: 'noninteractive'};
	const options = {stdio: ['ignore', 2, 2] as ['ignore', number, number], env};
	spawnSync('apt-get', ['update', '-q'], options);
	const result = spawnSync('apt-get', ['install', '-y', '-q', 'redis-server', 'redis-sentinel'], options);
	if (result.status !== 0 || !redisServerPath()) {
		return {ok: false, error: 'apt-get could not install redis-server; install it with: apt-get install -y redis-server redis-sentinel'};
	}
	return {ok: true, installed: true};
}
