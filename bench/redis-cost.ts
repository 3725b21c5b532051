// Redis CPU a client costs a node, from the node's own INFO commandstats (usec per command name).
import {Redis} from 'ioredis';
import {parseInfo} from '../source/redis/parse-info.js';
import {splitAddress} from '../source/model/address.js';
import {sleep} from './proc.js';

async function withClient<T>(address: string, fn: (c: Redis) => Promise<T>): Promise<T> {
	const {host, port} = splitAddress(address);
	const client = new Redis({host, port, lazyConnect: true, enableReadyCheck: false, maxRetriesPerRequest: 0});
	client.on('error', () => {});
	await client.connect();
	try {
		return await fn(client);
	} finally {
		client.disconnect();
	}
}

/** Total usec per command name on a node. */
async function usecByCommand(client: Redis): Promise<Map<string, {calls: number; usec: number}>> {
	const stats = parseInfo(await client.info('commandstats')).commandstats;
	return new Map(Object.entries(stats).map(([name, s]) => [name, {calls: s.calls, usec: s.usec}]));
}

const sum = (m: Map<string, {usec: number}>, names: RegExp) => [...m].filter(([n]) => names.test(n)).reduce((a, [, s]) => a + s.usec, 0);

/** Commands a monitor may send; everything else (the load's SET/GET, replication) is left out. */
export const monitorCommands = /^(info|role|ping|config\|get|config|cluster\|.*|command\|.*|client\|.*|hello|sentinel\|.*|latency\|.*|slowlog\|.*)$/;

/**
 * Usec the named commands cost each node while `run` runs, without the two INFO commandstats
 * readings of this measure (the cost of one is read back to back at the end and taken off).
 */
export async function costDuring(addresses: readonly string[], run: () => Promise<void>, names = monitorCommands): Promise<number[]> {
	const before = await Promise.all(addresses.map(a => withClient(a, usecByCommand)));
	await run();
	return Promise.all(addresses.map((a, i) => withClient(a, async c => {
		const after = await usecByCommand(c);
		const again = await usecByCommand(c);
		const reading = (again.get('info')?.usec ?? 0) - (after.get('info')?.usec ?? 0);
		return sum(after, names) - sum(before[i]!, names) - reading;
	})));
}

/** The usec of one command sent cold (`times` times, `gapMs` apart, each on the same connection), from commandstats. */
export async function coldUsec(address: string, command: readonly string[], times = 5, gapMs = 300): Promise<number> {
	return withClient(address, async c => {
		const name = command.length > 1 && command[0]!.toUpperCase() === 'CONFIG' ? `config|${command[1]!.toLowerCase()}` : command[0]!.toLowerCase();
		const read = async () => (await usecByCommand(c)).get(name) ?? {calls: 0, usec: 0};
		const a = await read();
		for (let i = 0; i < times; i++) {
			await sleep(gapMs);
			await c.call(command[0]!, ...command.slice(1));
		}
		await sleep(gapMs);
		const b = await read();
		// Between a and b, INFO commandstats itself ran once (a's own call): for INFO, take it off.
		const extra = name === 'info' ? (await read()).usec - b.usec : 0;
		return (b.usec - a.usec - extra) / times;
	});
}
