import {afterEach, describe, expect, it} from 'vitest';
import {createMonitor, type Monitor} from '../../source/engine/monitor.js';
import {options, tickUntil} from './monitor-helpers.js';
import {parseOptions} from '../../source/cli/options.js';
import {runOnce} from '../../source/cli/headless.js';
import {masterWithReplicas, redisLike, replicaOf, startHostileServer, type HostileServer} from '../helpers/hostile-resp.js';

// Issue 15, cases 4, 5 and 7: replies no real server sends, from a RESP server of our own on loopback.
const servers: HostileServer[] = [];
const monitors: Monitor[] = [];
afterEach(async () => {
	await Promise.all(monitors.splice(0).map(m => m.stop()));
	await Promise.all(servers.splice(0).map(s => s.close()));
});

async function serve(info: Parameters<typeof redisLike>[0]): Promise<HostileServer> {
	const server = await startHostileServer(redisLike(info));
	servers.push(server);
	return server;
}

function watch(...argv: string[]): Monitor {
	const monitor = createMonitor(options(...argv));
	monitors.push(monitor);
	return monitor;
}

/** Big replies take long to parse on a loaded CI machine: a generous timeout, so only the bound decides. */
function watchSlow(...argv: string[]): Monitor {
	const parsed = parseOptions(['--interval', '250ms', '--timeout', '3s', ...argv], {});
	if (parsed.kind !== 'options') throw new Error(JSON.stringify(parsed));
	const monitor = createMonitor(parsed.options);
	monitors.push(monitor);
	return monitor;
}

describe('discovery is bounded (case 4)', () => {
	it('a server listing 5,000 replicas: at most --max-nodes nodes are watched, and the cap is said', async () => {
		// Ports 1..5000 on loopback: nothing a test user can listen on, so every follow is refused at once.
		const hostile = await serve(masterWithReplicas(5000, 1));
		const monitor = watchSlow('--max-nodes', '20', hostile.address);
		const snapshot = await tickUntil(monitor, s => s.events.some(e => e.kind === 'discovery-capped'), 15_000);
		expect(Object.keys(snapshot.topology.nodes).length).toBeLessThanOrEqual(20);
		expect(snapshot.notices).toEqual([`capped at 20 nodes`]);
		expect(snapshot.events.find(e => e.kind === 'discovery-capped')?.text).toMatch(/^discovery capped at 20 nodes: \d+ announced address\(es\) not watched \(raise with --max-nodes\)$/);
		// The leader's own reply keeps only the first 1,000 slaveN lines.
		expect(snapshot.topology.nodes[hostile.address]?.sample.info?.replicas.length).toBe(1000);
		expect(snapshot.topology.nodes[hostile.address]?.sample.info?.replicasOmitted).toBe(4000);
	});

	it('addresses outside the networks given (10.x announced by a loopback seed) are not followed, and that is said', async () => {
		const info = `${replicaOf('10.9.8.7:6379', 'hostile10').replace('# Replication', '# Replication')}`;
		const withReplicas = info.replace('connected_slaves:0', ['connected_slaves:50', ...Array.from({length: 50}, (_, i) => `slave${i}:ip=10.0.0.${i + 1},port=6379,state=online,offset=1,lag=0`)].join('\r\n'));
		const hostile = await serve(withReplicas);
		const monitor = watch(hostile.address);
		const snapshot = await tickUntil(monitor, s => s.events.some(e => e.kind === 'discovery-refused'), 3000);
		expect(Object.keys(snapshot.topology.nodes)).toEqual([hostile.address]);
		expect(snapshot.events.find(e => e.kind === 'discovery-refused')?.text).toMatch(/^not followed: 51 address\(es\) outside the networks given, e\.g\. 10\.\S+ .*--discover-allow$/);
	});
});

describe('reply size is bounded (case 5)', () => {
	it('a 50 MB INFO: the node is shown "reply too large", another node stays fresh', async () => {
		const huge = await serve(() => ({hugeBulk: 50 * 1024 * 1024}));
		const normal = await serve(masterWithReplicas(0, 1));
		const monitor = watchSlow('--no-discover', huge.address, normal.address);
		const snapshot = await tickUntil(monitor, s => s.topology.nodes[huge.address]?.sample.error?.kind === 'too-large' && s.topology.nodes[normal.address]?.sample.reachable === true, 15_000);
		expect(snapshot.topology.nodes[huge.address]?.sample.error?.message).toBe('reply too large (over 4 MB): not read');
		expect(snapshot.topology.nodes[normal.address]?.sample.reachable).toBe(true);
		// The connection was dropped early: far less than 50 MB left the server.
		expect(huge.bytesSent()).toBeLessThan(20 * 1024 * 1024);
	});

	it('an INFO of 100,000 fields (1.5 MB) is refused by field count', async () => {
		const fields = Array.from({length: 100_000}, (_, i) => `f${i}:${i}`).join('\r\n');
		// Only `INFO server` is wide (replwatch asks section by section until it knows the version): 1.5 MB in all.
		const wide = await serve(sections => ({bulk: sections[0] === 'server' ? `# Server\r\nredis_version:7.0.15\r\n${fields}\r\n` : ''}));
		const monitor = watchSlow('--no-discover', wide.address);
		const snapshot = await tickUntil(monitor, s => s.topology.nodes[wide.address]?.sample.error !== undefined, 15_000);
		expect(snapshot.topology.nodes[wide.address]?.sample.error).toEqual({kind: 'too-large', message: 'reply too large (INFO with more than 10000 fields): not read'});
	});
});

describe('replication loops (case 7)', () => {
	it('A ↔ B: 1.1.1 fails naming the loop, the links show unknown lag (not 0)', async () => {
		let a: HostileServer | undefined;
		let b: HostileServer | undefined;
		a = await serve(() => ({bulk: replicaOf(b!.address, 'aaaa')}));
		b = await serve(() => ({bulk: replicaOf(a!.address, 'bbbb')}));
		const monitor = watch(a.address);
		const snapshot = await tickUntil(monitor, s => Object.keys(s.topology.nodes).length === 2 && s.checks.some(c => c.id === '1.1.1' && c.status === 'fail'), 3000);
		const check = snapshot.checks.find(c => c.id === '1.1.1')!;
		const [first, second] = [a.address, b.address].sort();
		expect(check.status).toBe('fail');
		expect(check.summary).toBe(`replication loop ${first} → ${second} → ${first}: no leader`);
		expect(snapshot.topology.links).toHaveLength(2);
		for (const link of snapshot.topology.links) expect([link.lagBytes, link.lagSeconds, link.loop]).toEqual([null, null, true]);
		expect(snapshot.checks.find(c => c.id === '1.3.5')?.summary).toMatch(/^replication loop .*: not a chain \(see 1\.1\.1\)$/);
	});

	it('a node replicating itself: 1.1.1 fails with A → A, its link has unknown lag', async () => {
		let self: HostileServer | undefined;
		self = await serve(() => ({bulk: replicaOf(self!.address, 'ssss')}));
		const monitor = watch(self.address);
		const snapshot = await tickUntil(monitor, s => s.checks.some(c => c.id === '1.1.1' && c.status === 'fail'), 3000);
		expect(snapshot.checks.find(c => c.id === '1.1.1')?.summary).toBe(`replication loop ${self.address} → ${self.address}: no leader`);
		expect(snapshot.topology.links.map(l => [l.leader, l.follower, l.lagBytes])).toEqual([[self.address, self.address, null]]);
	});
});

describe('a hung seed stays in the report (--timeout ≥ --window)', () => {
	it('a node that never answers within the window is reported unreachable, not left out', async () => {
		const hung = await serve(() => ({silent: true}));
		const normal = await serve(masterWithReplicas(0, 1));
		const parsed = parseOptions(['--once', '--json', '--window', '500ms', '--timeout', '2s', '--no-discover', hung.address, normal.address], {});
		if (parsed.kind !== 'options') throw new Error(JSON.stringify(parsed));
		let out = '';
		const code = await runOnce(parsed.options, {stdout: text => (out += text), stderr: () => undefined});
		const nodes = (JSON.parse(out) as {nodes: {address: string; reachable: boolean; error?: string}[]}).nodes;
		expect(nodes.map(n => [n.address, n.reachable])).toEqual(expect.arrayContaining([[hung.address, false], [normal.address, true]]));
		expect(nodes.find(n => n.address === hung.address)?.error).toBe('no reply within the timeout');
		expect(code).toBe(2);
	});
});
