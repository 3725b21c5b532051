import {createServer, type Server, type Socket} from 'node:net';

/** What the server answers to one command (arguments as strings, command upper-cased). */
export type Reply =
	| {readonly bulk: string}
	| {readonly status: string}
	| {readonly error: string}
	| {readonly array: readonly string[]}
	/** A bulk string of this many bytes, streamed in chunks (respecting back-pressure) until the client leaves. */
	| {readonly hugeBulk: number}
	/** No answer at all: a hung node (as under SIGSTOP, but the connection is accepted). */
	| {readonly silent: true};

export interface HostileServer {
	readonly port: number;
	readonly address: string;
	/** Connections accepted so far. */
	readonly connections: () => number;
	/** Bytes written to clients so far. */
	readonly bytesSent: () => number;
	close(): Promise<void>;
}

/** The sections of a full INFO text that were asked for (all of them for a plain INFO), as a server answers. */
export function infoSections(text: string, sections: readonly string[]): string {
	if (sections.length === 0 || sections.some(s => s === 'all' || s === 'everything' || s === 'default')) return text;
	return text.split(/(?=^# )/m).filter(part => sections.includes(part.slice(2, part.indexOf('\r')).trim().toLowerCase())).join('');
}

/**
 * The commands replwatch sends on connect and every tick, answered as a plain Redis would. `info` is a
 * full INFO text (answered section by section) or a function of the sections asked for.
 */
export function redisLike(info: string | ((sections: readonly string[]) => Reply)): (command: string, args: readonly string[]) => Reply {
	return (command, args) => {
		switch (command) {
			case 'INFO':
				return typeof info === 'string' ? {bulk: infoSections(info, args.map(a => a.toLowerCase()))} : info(args.map(a => a.toLowerCase()));
			case 'PING':
				return {status: 'PONG'};
			case 'AUTH':
			case 'CLIENT':
			case 'SELECT':
				return {status: 'OK'};
			case 'CONFIG':
				return {array: []};
			default:
				return {error: `ERR unknown command '${command}'`};
		}
	};
}

const chunk = Buffer.alloc(64 * 1024, 'x');

/**
 * A small RESP2 server of our own for replies no real server sends (issue 15): thousands of
 * `slaveN` lines, a 50 MB INFO, replication cycles. Listens on 127.0.0.1 (port 0: the kernel picks
 * a free one) and parses only what clients send: arrays of bulk strings (and inline commands).
 */
export async function startHostileServer(answer: (command: string, args: readonly string[]) => Reply): Promise<HostileServer> {
	let connections = 0;
	let bytesSent = 0;
	const sockets = new Set<Socket>();
	const server: Server = createServer(socket => {
		connections++;
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
		socket.on('error', () => undefined);
		let pending = Buffer.alloc(0);
		let queue = Promise.resolve();
		let hung = false;
		const write = (data: Buffer | string) => {
			bytesSent += data.length;
			return socket.write(data);
		};
		const send = async (reply: Reply) => {
			// A hung server answers nothing more on this connection (later replies would answer the wrong command).
			if ('silent' in reply) hung = true;
			if (socket.destroyed || hung || 'silent' in reply) return;
			if ('bulk' in reply) write(`$${Buffer.byteLength(reply.bulk)}\r\n${reply.bulk}\r\n`);
			else if ('status' in reply) write(`+${reply.status}\r\n`);
			else if ('error' in reply) write(`-${reply.error}\r\n`);
			else if ('array' in reply) write(`*${reply.array.length}\r\n${reply.array.map(v => `$${Buffer.byteLength(v)}\r\n${v}\r\n`).join('')}`);
			else {
				write(`$${reply.hugeBulk}\r\n`);
				let left = reply.hugeBulk;
				while (left > 0 && !socket.destroyed) {
					const piece = left >= chunk.length ? chunk : chunk.subarray(0, left);
					left -= piece.length;
					if (!write(piece)) await new Promise<void>(resolve => {
						socket.once('drain', resolve);
						socket.once('close', resolve);
					});
				}
				if (!socket.destroyed) write('\r\n');
			}
		};
		socket.on('data', data => {
			pending = Buffer.concat([pending, data]);
			for (;;) {
				const parsed = parseCommand(pending);
				if (!parsed) break;
				pending = pending.subarray(parsed.used);
				const [command = '', ...args] = parsed.args;
				const reply = answer(command.toUpperCase(), args);
				queue = queue.then(() => send(reply));
			}
		});
	});
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	const port = (server.address() as {port: number}).port;
	return {
		port,
		address: `127.0.0.1:${port}`,
		connections: () => connections,
		bytesSent: () => bytesSent,
		close: () => new Promise<void>(resolve => {
			for (const s of sockets) s.destroy();
			server.close(() => resolve());
		}),
	};
}

/** One command from a client's bytes (an array of bulk strings, or an inline command); undefined until it is whole. */
export function parseCommand(buffer: Buffer): {args: string[]; used: number} | undefined {
	if (buffer.length === 0) return undefined;
	if (buffer[0] !== 0x2a /* * */) {
		const end = buffer.indexOf('\r\n');
		return end === -1 ? undefined : {args: buffer.subarray(0, end).toString().trim().split(/\s+/), used: end + 2};
	}
	let pos = buffer.indexOf('\r\n');
	if (pos === -1) return undefined;
	const count = Number(buffer.subarray(1, pos).toString());
	pos += 2;
	const args: string[] = [];
	for (let i = 0; i < count; i++) {
		const end = buffer.indexOf('\r\n', pos);
		if (end === -1) return undefined;
		const length = Number(buffer.subarray(pos + 1, end).toString());
		const start = end + 2;
		if (buffer.length < start + length + 2) return undefined;
		args.push(buffer.subarray(start, start + length).toString());
		pos = start + length + 2;
	}
	return {args, used: pos};
}

/** An INFO replication text of a master with `count` replicas on loopback ports from `firstPort` (nothing listens there). */
export function masterWithReplicas(count: number, firstPort: number, host = '127.0.0.1'): string {
	const lines = ['# Server', 'redis_version:7.0.15', 'redis_mode:standalone', 'run_id:hostilehostilehostilehostilehostile00001', '# Replication', 'role:master', `connected_slaves:${count}`];
	for (let i = 0; i < count; i++) lines.push(`slave${i}:ip=${host.replace('*', String(i % 250))},port=${firstPort + i},state=online,offset=100,lag=0`);
	lines.push('master_failover_state:no-failover', 'master_replid:1111111111111111111111111111111111111111', 'master_replid2:0000000000000000000000000000000000000000', 'master_repl_offset:100');
	return `${lines.join('\r\n')}\r\n`;
}

/** An INFO of a replica of `master` whose link is down (a cycle when two point at each other, a self-loop when at itself). */
export function replicaOf(master: string, runId: string, offset = 500): string {
	const [host, port] = [master.slice(0, master.lastIndexOf(':')), master.slice(master.lastIndexOf(':') + 1)];
	return [
		'# Server', 'redis_version:7.0.15', 'redis_mode:standalone', `run_id:${runId.padEnd(40, '0')}`, 'uptime_in_seconds:1000',
		'# Replication', 'role:slave', `master_host:${host}`, `master_port:${port}`, 'master_link_status:down', 'master_last_io_seconds_ago:-1',
		'master_sync_in_progress:0', `slave_read_repl_offset:${offset}`, `slave_repl_offset:${offset}`, 'master_link_down_since_seconds:30', 'slave_priority:100', 'slave_read_only:1',
		'replica_announced:1', 'connected_slaves:0', 'master_failover_state:no-failover', `master_replid:${runId.padEnd(40, 'a')}`,
		'master_replid2:0000000000000000000000000000000000000000', `master_repl_offset:${offset}`, '',
	].join('\r\n');
}
