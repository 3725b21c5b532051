import {spawn} from 'node:child_process';
import {createConnection} from 'node:net';
import {describe, expect, it} from 'vitest';
import {withDeadline} from '../../source/redis/deadline.js';

const timedOut = () => new Error('timed out');

/** A loopback echo in another process (ours will be busy): the reply to `data` lands in our socket buffer a moment after it is sent. */
async function echo(): Promise<{ask: (data: string) => Promise<string>; close: () => void}> {
	const child = spawn(process.execPath, ['-e', "const s=require('net').createServer(c=>c.on('data',d=>c.write(d))).listen(0,'127.0.0.1',()=>console.log(s.address().port))"], {stdio: ['ignore', 'pipe', 'ignore']});
	const port = Number(await new Promise<string>(resolve => child.stdout.once('data', chunk => resolve(String(chunk).trim()))));
	const socket = createConnection(port, '127.0.0.1');
	await new Promise(resolve => socket.once('connect', resolve));
	return {
		ask: data => {
			const reply = new Promise<string>(resolve => socket.once('data', chunk => resolve(chunk.toString())));
			socket.write(data);
			return reply;
		},
		close: () => {
			socket.destroy();
			child.kill();
		},
	};
}

describe('withDeadline', () => {
	it('a reply already waiting when this process comes back from a long stall is not a timeout', async () => {
		const server = await echo();
		try {
			const reply = withDeadline(server.ask('PONG'), 20, timedOut);
			// A long synchronous tick: the echo arrives meanwhile, and the 20 ms timer is overdue.
			const until = Date.now() + 300;
			while (Date.now() < until) { /* busy */ }
			await expect(reply).resolves.toBe('PONG');
		} finally {
			server.close();
		}
	});

	it('still times out when nothing came', async () => {
		await expect(withDeadline(new Promise(() => {}), 20, timedOut)).rejects.toThrow('timed out');
		await expect(withDeadline(Promise.reject(new Error('refused')), 20, timedOut)).rejects.toThrow('refused');
	});
});
