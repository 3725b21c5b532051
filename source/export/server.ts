import {createServer, type Server} from 'node:http';
import type {Snapshot} from '../model/snapshot.js';
import type {Exporter} from './metrics.js';
import {quoteInput} from '../model/secrets.js';
import {sanitize} from '../model/sanitize.js';

export interface ExporterServer {
	readonly address: string;
	close(): Promise<void>;
}

/** Why a listen failed, as one line. */
function listenProblem(error: NodeJS.ErrnoException, raw: string): string {
	// The host is the operator's input: bounded, and no control character reaches the terminal.
	const where = quoteInput(sanitize(raw));
	if (error.code === 'EADDRINUSE') return `cannot listen on ${where}: address already in use`;
	if (error.code === 'EADDRNOTAVAIL') return `cannot listen on ${where}: no such local address`;
	if (error.code === 'EACCES') return `cannot listen on ${where}: permission denied`;
	if (error.code === 'ENOTFOUND' || error.code === 'EAI_AGAIN') return `cannot listen on ${where}: unknown host`;
	return `cannot listen on ${where}: ${error.code ?? error.message.split('\n')[0]}`;
}

/**
 * `/metrics` (Prometheus text format, from the monitor's state: a scrape sends nothing to Redis) and
 * `/healthz` (200 while ticks keep coming, 503 once the monitor is stale). Rejects with one line.
 */
export function startExporterServer(exporter: Exporter, snapshot: () => Snapshot, listen: {host: string; port: number}): Promise<ExporterServer> {
	const server: Server = createServer((req, res) => {
		const path = (req.url ?? '/').split('?')[0];
		if (req.method !== 'GET' && req.method !== 'HEAD') {
			res.writeHead(405, {allow: 'GET, HEAD'}).end();
			return;
		}
		if (path === '/metrics') {
			exporter.metrics().then(
				body => res.writeHead(200, {'content-type': exporter.contentType}).end(req.method === 'HEAD' ? undefined : body),
				() => res.writeHead(500, {'content-type': 'text/plain'}).end('metrics failed\n'),
			);
			return;
		}
		if (path === '/healthz') {
			const s = snapshot();
			const staleMs = 3 * s.intervalMs + 5000;
			const ok = s.lastTickAt !== null && Date.now() - s.lastTickAt < staleMs;
			res.writeHead(ok || s.paused ? 200 : 503, {'content-type': 'text/plain'}).end(ok ? 'ok\n' : s.lastTickAt === null ? 'starting\n' : 'stale: no completed poll recently\n');
			return;
		}
		if (path === '/') {
			res.writeHead(200, {'content-type': 'text/plain'}).end('replwatch exporter: /metrics /healthz\n');
			return;
		}
		res.writeHead(404, {'content-type': 'text/plain'}).end('not found\n');
	});
	server.keepAliveTimeout = 65_000;
	const where = listen.host.includes(':') ? `[${listen.host}]:${listen.port}` : `${listen.host}:${listen.port}`;
	return new Promise((resolve, reject) => {
		server.once('error', (error: NodeJS.ErrnoException) => reject(new Error(listenProblem(error, where))));
		server.listen(listen.port, listen.host, () => {
			resolve({
				address: where,
				close: () => new Promise(done => {
					server.close(() => done());
					server.closeAllConnections();
				}),
			});
		});
	});
}
