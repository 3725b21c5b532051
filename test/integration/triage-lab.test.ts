import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {Redis} from 'ioredis';
import {startLab, type Lab} from '../../source/lab/lab.js';
import {waitFor} from '../../source/lab/processes.js';
import {sampleMonitor, type MonitorSample} from '../../source/triage/monitor-sample.js';
import {Heartbeat} from '../../source/triage/heartbeat.js';
import {createConnection} from '../../source/redis/connection.js';

const secret = 'customer-ssn-123-45-6789';

function connect(address: string): Redis {
	return createConnection({address, credentials: {}, tls: {enabled: false, insecure: false}, timeoutMs: 500}, false);
}

async function monitorClients(lab: Lab): Promise<number> {
	const list = await lab.leader.command('CLIENT', 'LIST');
	return list.split('\n').filter(line => / flags=\S*O/.test(line)).length;
}

describe('triage on a real leader + follower', () => {
	let lab: Lab;
	let app: Redis;
	beforeAll(async () => {
		lab = await startLab({followers: 1});
		app = new Redis({port: lab.leader.port, lazyConnect: true, maxRetriesPerRequest: 0});
		app.on('error', () => {});
		await app.connect();
	});
	afterAll(async () => {
		app?.disconnect();
		await lab?.stop();
	});

	it('counts reads and writes by command name, never keeps arguments, and closes its connection', async () => {
		const controller = new AbortController();
		let partial: MonitorSample | undefined;
		const running = sampleMonitor({address: lab.leader.address}, {signal: controller.signal, onProgress: p => (partial = p)});
		expect(await waitFor(async () => (await monitorClients(lab)) === 1, 3000)).toBe(true);

		const second = await sampleMonitor({address: lab.followers[0]!.address});
		expect(second).toEqual({ok: false, error: expect.stringContaining('one node at a time')});

		for (let i = 0; i < 5; i++) await app.set(`user:${i}`, secret);
		for (let i = 0; i < 3; i++) await app.get(`user:${i}`);
		await app.hset('h', 'f', secret);
		await app.xadd('s', '*', 'f', secret);
		await app.call('XGROUP', 'CREATE', 's', 'g', '0');
		await app.call('OBJECT', 'ENCODING', 'h');
		expect(await waitFor(() => (partial?.byCommand['object|encoding'] ?? 0) === 1, 3000)).toBe(true);
		controller.abort();
		const outcome = await running;

		expect(outcome.ok).toBe(true);
		if (!outcome.ok) return;
		expect(outcome.aborted).toBe(true);
		expect(outcome.sample.durationMs).toBeLessThan(5000);
		expect(outcome.sample.byCommand).toMatchObject({set: 5, get: 3, hset: 1, xadd: 1, 'xgroup|create': 1, 'object|encoding': 1});
		expect(outcome.sample.writes).toBe(8);
		expect(outcome.sample.reads).toBe(4);
		const text = JSON.stringify(outcome);
		expect(text).not.toContain(secret);
		expect(text).not.toContain('user:');
		expect(await waitFor(async () => (await monitorClients(lab)) === 0, 2000)).toBe(true);
	});

	it('reports a node that does not answer as an error and is free for the next sample', async () => {
		const follower = lab.followers[0]!;
		follower.pause();
		try {
			const outcome = await sampleMonitor({address: follower.address, timeoutMs: 300}, {durationMs: 500});
			expect(outcome.ok).toBe(false);
			if (!outcome.ok) expect(outcome.error).toMatch(/MONITOR on .* failed/);
		} finally {
			follower.resume();
		}
		const next = await sampleMonitor({address: follower.address}, {durationMs: 200});
		expect(next.ok).toBe(true);
	});

	it('heartbeat: small lag when healthy, growing while the follower does not apply the stream', async () => {
		const follower = lab.followers[0]!;
		const hb = new Heartbeat({connect});
		const lagOf = async () => {
			const reading = await hb.tick(lab.leader.address, [follower.address]);
			expect(reading.writeError).toBeUndefined();
			const f = reading.followers[follower.address]!;
			return f.state === 'ok' ? f.lagMs : undefined;
		};
		try {
			let lag: number | undefined;
			// Replication is asynchronous: the first read may come before the write arrives.
			expect(await waitFor(async () => (lag = await lagOf()) !== undefined && lag < 500, 2000)).toBe(true);
			// CLIENT PAUSE WRITE on a replica stops applying the replication stream but still serves GET (spec D.3 2b).
			await follower.command('CLIENT', 'PAUSE', '5000', 'WRITE');
			expect(await waitFor(async () => ((lag = await lagOf()) ?? 0) >= 1000, 4000, 100)).toBe(true);
			await follower.command('CLIENT', 'UNPAUSE');
			expect(await waitFor(async () => ((lag = await lagOf()) ?? Infinity) < 500, 2000, 100)).toBe(true);
		} finally {
			await follower.command('CLIENT', 'UNPAUSE');
			hb.close();
		}
	});

	it('heartbeat: a refused write (NOREPLICAS, READONLY) is a state, not a crash', async () => {
		const hb = new Heartbeat({connect});
		await lab.leader.command('CONFIG', 'SET', 'min-replicas-to-write', '2');
		try {
			const refused = await hb.tick(lab.leader.address, [lab.followers[0]!.address]);
			expect(refused.writeError?.kind).toBe('noreplicas');
			expect(refused.written).toBeUndefined();
			const wrongTarget = await hb.tick(lab.followers[0]!.address, []);
			expect(wrongTarget.writeError?.kind).toBe('readonly');
		} finally {
			await lab.leader.command('CONFIG', 'SET', 'min-replicas-to-write', '0');
			hb.close();
		}
	});
});
