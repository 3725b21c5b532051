// A TCP proxy in front of a real redis-server that misbehaves only around CONFIG SET: the command
// reaches the server (and is applied) but its reply is held for a while or never delivered.
import {createServer, Socket, type Server} from 'node:net';
import {findFreePort} from '../../source/lab/processes.js';

export type FixProxyMode =
	/** The reply to CONFIG SET (and everything after it on that connection) is held this long. */
	| {readonly kind: 'slow-reply'; readonly ms: number}
	/** The connection is closed as soon as the server has answered CONFIG SET: the reply is lost. */
	| {readonly kind: 'close-after-set'};

export interface FixProxy {
	readonly port: number;
	readonly address: string;
	/** CONFIG SET commands forwarded to the server. */
	sets(): number;
	stop(): Promise<void>;
}

const configSet = /\$6\r\nCONFIG\r\n\$3\r\nSET\r\n/i;

export async function startFixProxy(targetPort: number, mode: FixProxyMode): Promise<FixProxy> {
	const port = await findFreePort();
	const sockets = new Set<Socket>();
	let sets = 0;
	const server: Server = createServer(client => {
		const upstream = new Socket();
		sockets.add(client).add(upstream);
		let afterSet = false;
		const held: Buffer[] = [];
		client.on('data', (chunk: Buffer) => {
			if (configSet.test(chunk.toString('latin1'))) {
				sets++;
				afterSet = true;
				if (mode.kind === 'slow-reply') {
					setTimeout(() => {
						for (const part of held.splice(0)) if (!client.destroyed) client.write(part);
						afterSet = false;
					}, mode.ms).unref();
				}
			}
			upstream.write(chunk);
		});
		upstream.on('data', (chunk: Buffer) => {
			if (!afterSet) client.write(chunk);
			else if (mode.kind === 'close-after-set') client.destroy();
			else held.push(chunk);
		});
		const close = () => {
			client.destroy();
			upstream.destroy();
		};
		client.on('error', close).on('close', close);
		upstream.on('error', close).on('close', close);
		upstream.connect(targetPort, '127.0.0.1');
	});
	await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
	return {
		port,
		address: `127.0.0.1:${port}`,
		sets: () => sets,
		async stop() {
			for (const socket of sockets) socket.destroy();
			await new Promise<void>(resolve => server.close(() => resolve()));
		},
	};
}
