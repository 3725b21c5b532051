// A simulated fleet for the 1000-node bench: one process, one loopback listener per node (ports
// chosen by the kernel), answering PING, ROLE, INFO [sections], CONFIG GET and QUIT with the text
// a real Redis 7.2.6 printed (test/fixtures/captures/redis-7.2.6) and offsets that move: each group
// of a leader and its followers writes at its own rate; every 50th group has a follower 2 s behind.
// Run by bench/fleet.ts, or by hand:
//   npx tsx bench/sim-fleet.ts [--groups 500] [--followers 1]
// It prints one JSON line {"leaders": [...], "nodes": N} once every port listens, and runs until
// killed. Only loopback; nothing is written anywhere.
import {createServer, type Server, type Socket} from 'node:net';
import {readFileSync} from 'node:fs';
import {randomBytes} from 'node:crypto';
import {flag} from './proc.js';
import {parseCommand} from '../test/helpers/hostile-resp.js';

const groups = flag('groups', 500);
const followersPerLeader = flag('followers', 1);

const capture = (name: string) => readFileSync(new URL(`../test/fixtures/captures/redis-7.2.6/${name}`, import.meta.url), 'utf8');

/** INFO text → ordered sections of `name:value` lines (the replication section is generated). */
function sectionsOf(text: string): Map<string, string[]> {
	const sections = new Map<string, string[]>();
	let current: string[] | undefined;
	for (const line of text.split(/\r?\n/)) {
		if (line.startsWith('# ')) {
			current = [];
			sections.set(line.slice(2).trim().toLowerCase(), current);
		} else if (line !== '' && current) current.push(line);
	}
	return sections;
}

const templates = {leader: sectionsOf(capture('info-all-7740-after.txt')), follower: sectionsOf(capture('info-all-7741-after.txt'))};
const defaultSections = ['server', 'clients', 'memory', 'persistence', 'stats', 'replication', 'cpu', 'modules', 'errorstats', 'cluster', 'keyspace'];

const config = new Map<string, string>();
{
	const lines = capture('config-7740.txt').split(/\r?\n/);
	for (let i = 0; i + 1 < lines.length; i += 2) config.set(lines[i]!, lines[i + 1]!);
}

interface SimNode {
	readonly port: number;
	readonly group: number;
	readonly leader?: SimNode;
	followers: SimNode[];
	readonly runId: string;
	commands: number;
	/** How far behind its leader this follower applies, in ms. */
	readonly delayMs: number;
}

const t0 = Date.now();
const rateOf = (group: number) => 500 + (group % 10) * 300; // bytes per second
const offsetAt = (group: number, t: number) => 1000 + Math.floor((rateOf(group) * Math.max(0, t - t0)) / 1000);
const replid = (group: number) => group.toString(16).padStart(40, '0');

function ownOffset(node: SimNode, now: number): number {
	return offsetAt(node.group, now - node.delayMs);
}

/** A follower acks once a second: the offset it had at the last whole second. */
const ackOf = (follower: SimNode, now: number) => ownOffset(follower, now - (now % 1000));

function replication(node: SimNode, now: number): string[] {
	const offset = ownOffset(node, now);
	const backlog = [`master_failover_state:no-failover`, `master_replid:${replid(node.group)}`, 'master_replid2:0000000000000000000000000000000000000000', `master_repl_offset:${offset}`, 'second_repl_offset:-1', 'repl_backlog_active:1', 'repl_backlog_size:1048576', `repl_backlog_first_byte_offset:${Math.max(1, offset - 1_048_576)}`, `repl_backlog_histlen:${Math.min(offset, 1_048_576)}`];
	if (!node.leader) {
		const lines = node.followers.map((f, i) => `slave${i}:ip=127.0.0.1,port=${f.port},state=online,offset=${ackOf(f, now)},lag=${f.delayMs >= 2000 ? 1 : 0}`);
		return ['role:master', `connected_slaves:${node.followers.length}`, ...lines, ...backlog];
	}
	return ['role:slave', 'master_host:127.0.0.1', `master_port:${node.leader.port}`, 'master_link_status:up', 'master_last_io_seconds_ago:0', 'master_sync_in_progress:0', `slave_read_repl_offset:${offset}`, `slave_repl_offset:${offset}`, 'slave_priority:100', 'slave_read_only:1', 'replica_announced:1', 'connected_slaves:0', ...backlog];
}

function info(node: SimNode, args: readonly string[], now: number): string {
	const template = node.leader ? templates.follower : templates.leader;
	const asked = args.map(a => a.toLowerCase());
	const names = asked.length === 0 || asked.includes('default') ? defaultSections : asked.includes('all') || asked.includes('everything') ? [...template.keys()] : asked;
	const out: string[] = [];
	for (const name of names) {
		const lines = name === 'replication' ? replication(node, now) : template.get(name);
		if (!lines) continue;
		out.push(`# ${name[0]!.toUpperCase()}${name.slice(1)}`);
		for (const line of lines) {
			if (line.startsWith('run_id:')) out.push(`run_id:${node.runId}`);
			else if (line.startsWith('tcp_port:')) out.push(`tcp_port:${node.port}`);
			else if (line.startsWith('uptime_in_seconds:')) out.push(`uptime_in_seconds:${Math.floor((now - t0) / 1000) + 86_400}`);
			else if (line.startsWith('total_commands_processed:')) out.push(`total_commands_processed:${node.commands}`);
			else out.push(line);
		}
		out.push('');
	}
	return out.join('\r\n');
}

const bulk = (s: string) => `$${Buffer.byteLength(s)}\r\n${s}\r\n`;
const array = (items: readonly string[]) => `*${items.length}\r\n${items.join('')}`;

function answer(node: SimNode, command: readonly string[]): string {
	const now = Date.now();
	node.commands++;
	const name = (command[0] ?? '').toUpperCase();
	switch (name) {
		case 'PING':
			return '+PONG\r\n';
		case 'QUIT':
			return '+OK\r\n';
		case 'ROLE':
			return node.leader
				? array([bulk('slave'), bulk('127.0.0.1'), `:${node.leader.port}\r\n`, bulk('connected'), `:${ownOffset(node, now)}\r\n`])
				: array([bulk('master'), `:${ownOffset(node, now)}\r\n`, array(node.followers.map(f => array([bulk('127.0.0.1'), bulk(String(f.port)), bulk(String(ackOf(f, now)))])))]);
		case 'INFO':
			return bulk(info(node, command.slice(1), now));
		case 'CONFIG': {
			if ((command[1] ?? '').toUpperCase() !== 'GET') return '-ERR only CONFIG GET here\r\n';
			const pairs: string[] = [];
			for (const p of command.slice(2)) if (config.has(p)) pairs.push(bulk(p), bulk(config.get(p)!));
			return array(pairs);
		}
		default:
			return `-ERR unknown command '${name.slice(0, 40)}'\r\n`;
	}
}

/** RESP arrays of bulk strings (what ioredis sends), parsed incrementally; bounded at 64 KB pending. */
function serve(node: SimNode, socket: Socket): void {
	let pending = Buffer.alloc(0);
	socket.on('data', chunk => {
		pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
		if (pending.length > 65_536) {
			socket.destroy();
			return;
		}
		let out = '';
		for (;;) {
			const parsed = parseCommand(pending);
			if (!parsed) break;
			pending = pending.subarray(parsed.used);
			out += answer(node, parsed.args);
			if (parsed.args[0]?.toUpperCase() === 'QUIT') {
				socket.end(out);
				return;
			}
		}
		if (out !== '') socket.write(out);
	});
	socket.on('error', () => socket.destroy());
}

async function listen(): Promise<{server: Server; port: number}> {
	const server = createServer();
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve());
	});
	const address = server.address();
	if (!address || typeof address === 'string') throw new Error('no port');
	return {server, port: address.port};
}

async function main(): Promise<void> {
	const leaders: SimNode[] = [];
	for (let g = 0; g < groups; g++) {
		const {server, port} = await listen();
		const leader: SimNode = {port, group: g, followers: [], runId: randomBytes(20).toString('hex'), commands: 0, delayMs: 0};
		server.on('connection', s => serve(leader, s));
		leaders.push(leader);
		for (let f = 0; f < followersPerLeader; f++) {
			const listener = await listen();
			const follower: SimNode = {port: listener.port, group: g, leader, followers: [], runId: randomBytes(20).toString('hex'), commands: 0, delayMs: g % 50 === 7 && f === 0 ? 2000 : 30};
			listener.server.on('connection', s => serve(follower, s));
			leader.followers.push(follower);
		}
	}
	console.log(JSON.stringify({leaders: leaders.map(l => `127.0.0.1:${l.port}`), nodes: groups * (1 + followersPerLeader)}));
}

main().catch(error => {
	console.error(`sim-fleet failed: ${error instanceof Error ? error.message : String(error)}`);
	process.exit(1);
});
