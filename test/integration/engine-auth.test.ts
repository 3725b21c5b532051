import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startLab, type Lab} from '../../source/lab/lab.js';
import {parseOptions} from '../../source/cli/options.js';
import {createMonitor} from '../../source/engine/monitor.js';
import type {Snapshot} from '../../source/model/snapshot.js';

/** One tick of a fresh monitor with these arguments. */
async function once(argv: string[]): Promise<Snapshot> {
	const result = parseOptions(['--interval', '250ms', '--timeout', '500ms', '--no-discover', ...argv], {});
	if (result.kind !== 'options') throw new Error(JSON.stringify(result));
	const monitor = createMonitor(result.options);
	try {
		return await monitor.tickOnce();
	} finally {
		await monitor.stop();
	}
}

describe('engine against a node with a password and a renamed CONFIG', () => {
	let lab: Lab;
	beforeAll(async () => {
		lab = await startLab({followers: 0, leaderArgs: ['--requirepass', 's3cret-pw', '--rename-command', 'CONFIG', 'cfg-7f3a']});
	});
	afterAll(async () => {
		await lab?.stop();
	});

	it('says why it cannot read a node: no password, wrong password', async () => {
		const address = lab.leader.address;
		const none = (await once([address])).topology.nodes[address]!.sample;
		expect(none.reachable).toBe(false);
		expect(none.error?.kind).toBe('noauth');
		const wrong = (await once([`redis://:nope@${address}`])).topology.nodes[address]!.sample;
		expect(wrong.reachable).toBe(false);
		expect(wrong.error?.kind).toBe('wrongpass');
		expect(JSON.stringify(wrong)).not.toContain('nope');
	});

	it('reads INFO with the password, CONFIG only through its new name, and notes that auth is required', async () => {
		const address = lab.leader.address;
		const plain = (await once(['-a', 's3cret-pw', address])).topology.nodes[address]!.sample;
		expect(plain.reachable).toBe(true);
		expect(plain.configError?.kind).toBe('unknown-command');
		const renamed = await once(['-a', 's3cret-pw', '--rename-command', 'CONFIG=cfg-7f3a', address]);
		const sample = renamed.topology.nodes[address]!.sample;
		expect(sample.config?.['repl-backlog-size']).toMatch(/^\d+$/);
		expect(sample.configError).toBeUndefined();
		expect(Object.keys(sample.config ?? {}).some(k => /pass|auth|masteruser/.test(k))).toBe(false);
		expect(JSON.stringify(renamed.topology)).not.toContain('s3cret-pw');
	});

	it('tells the checks that a client without the password is refused (5.1)', async () => {
		const result = parseOptions(['--interval', '250ms', '-a', 's3cret-pw', lab.leader.address], {});
		if (result.kind !== 'options') throw new Error(JSON.stringify(result));
		const monitor = createMonitor(result.options);
		try {
			let sample = (await monitor.tickOnce()).topology.nodes[lab.leader.address]!.sample;
			for (let i = 0; i < 20 && sample.authRequired === undefined; i++) {
				await new Promise(resolve => setTimeout(resolve, 50));
				sample = (await monitor.tickOnce()).topology.nodes[lab.leader.address]!.sample;
			}
			expect(sample.authRequired).toBe(true);
		} finally {
			await monitor.stop();
		}
	});
});
