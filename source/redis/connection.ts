import {Redis, type RedisOptions} from 'ioredis';
import type {Address, NodeError, NodeErrorKind} from '../model/types.js';
import {sanitize} from '../model/sanitize.js';
import {safeErrorLine} from '../model/secrets.js';
import type {Credentials, TlsSettings} from '../redis/settings.js';
import {splitAddress} from '../model/address.js';
import {maxCertFileBytes, readBounded} from '../io/read-bounded.js';
import {withDeadline} from './deadline.js';

export interface ConnectionSettings {
	readonly address: Address;
	readonly credentials: Credentials;
	readonly tls: TlsSettings;
	readonly timeoutMs: number;
}

/**
 * Errors of every connection (data nodes, Sentinels, fixes) are classified here by their prefix or
 * errno; the message keeps only its first line, sanitized, with any URL credentials masked.
 */
export function classifyError(error: unknown): NodeError {
	const raw = error instanceof Error ? error.message : typeof error === 'string' ? error : 'unknown error';
	const code = (error as {code?: unknown} | null)?.code;
	const firstLine = safeErrorLine(sanitize(raw.split('\n')[0] ?? ''));
	const kind = ((): NodeErrorKind => {
		if (code === 'EREPLYTOOLARGE') return 'too-large';
		if (code === 'ECONNREFUSED' || /ECONNREFUSED|connection refused/i.test(raw)) return 'refused';
		if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || /ENOTFOUND|EAI_AGAIN|getaddrinfo/i.test(raw)) return 'dns';
		if (code === 'ETIMEDOUT' || /timed? ?out/i.test(raw)) return 'timeout';
		if (raw.startsWith('NOAUTH')) return 'noauth';
		if (raw.startsWith('WRONGPASS') || /invalid (username-)?password/i.test(raw)) return 'wrongpass';
		if (raw.startsWith('NOPERM')) return 'noperm';
		if (raw.startsWith('LOADING')) return 'loading';
		if (raw.startsWith('MASTERDOWN')) return 'masterdown';
		if (/^ERR unknown (sub)?command/i.test(raw)) return 'unknown-command';
		if (/SSL|TLS|certificate|EPROTO|ERR_SSL|self[- ]signed/i.test(raw) || (typeof code === 'string' && /^(ERR_SSL|ERR_TLS|CERT_|DEPTH_ZERO|UNABLE_TO)/.test(code))) return 'tls';
		return 'other';
	})();
	const message = kind === 'refused' ? 'connection refused'
		: kind === 'timeout' && /Command timed out/i.test(raw) ? 'no reply within the timeout'
		: kind === 'tls' ? tlsMessage(typeof code === 'string' ? code : '', raw) ?? firstLine
		: firstLine;
	return {kind, message};
}

/** OpenSSL's words (`…rec_layer_s3.c:1601:SSL alert number 116`) → one line saying what to change. */
function tlsMessage(code: string, raw: string): string | undefined {
	if (code === 'CERT_HAS_EXPIRED' || /certificate has expired/i.test(raw)) return 'TLS: the server\'s certificate has expired: renew it on the server (or --insecure to skip verification)';
	if (code === 'CERT_NOT_YET_VALID') return 'TLS: the server\'s certificate is not valid yet: check the clocks (or --insecure)';
	if (/^(SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT(_LOCALLY)?)$/.test(code) || /self[- ]signed|unable to (verify|get (local )?issuer)/i.test(raw)) {
		return 'TLS: the server\'s certificate is signed by an unknown CA: give that CA with --cacert FILE (or --insecure to skip verification)';
	}
	if (code === 'ERR_TLS_CERT_ALTNAME_INVALID' || /does not match certificate's altnames/i.test(raw)) return 'TLS: the certificate is not issued for this host name or IP: connect by a name it lists (or --insecure)';
	if (/CERTIFICATE_REQUIRED|certificate required|alert number 116/i.test(`${code} ${raw}`)) return 'TLS: the server requires a client certificate: give --cert FILE and --key FILE';
	if (/BAD_CERTIFICATE|bad certificate|alert number 42|UNKNOWN_CA|alert number 48/i.test(`${code} ${raw}`)) return 'TLS: the server rejected the client certificate (--cert/--key): is it signed by a CA the server trusts?';
	if (/WRONG_VERSION_NUMBER|wrong version number|packet length too long|http request/i.test(`${code} ${raw}`)) return 'TLS: the server does not speak TLS on this port: drop --tls (use redis://, not rediss://) or use its tls-port';
	return undefined;
}

/** A connection reset while connecting without TLS: most often a TLS port spoken to in plain text. */
export function plainOnTlsHint(error: NodeError): NodeError {
	return /ECONNRESET|Connection is closed/i.test(error.message) ? {kind: 'tls', message: 'connection reset during connect: if this is a TLS port, add --tls (or use rediss://)'} : error;
}

const readFile = (path: string, flag: string): Buffer => readBounded(path, flag, maxCertFileBytes);

const tlsCache = new WeakMap<TlsSettings, NonNullable<RedisOptions['tls']>>();

/** The Node TLS options of --cacert/--cert/--key/--insecure; files are read once, a bad path throws one clear line. */
export function readTls(tls: TlsSettings): NonNullable<RedisOptions['tls']> {
	const cached = tlsCache.get(tls);
	if (cached) return cached;
	const options = {
		...(tls.ca ? {ca: readFile(tls.ca, '--cacert')} : {}),
		...(tls.cert ? {cert: readFile(tls.cert, '--cert')} : {}),
		...(tls.key ? {key: readFile(tls.key, '--key')} : {}),
		rejectUnauthorized: !tls.insecure,
		...(tls.insecure ? {checkServerIdentity: () => undefined} : {}),
	};
	tlsCache.set(tls, options);
	return options;
}

export interface ClientOptions {
	readonly host: string;
	readonly port: number;
	readonly username?: string;
	readonly password?: string;
	readonly tls?: RedisOptions['tls'];
	/** Connect and per-command timeout. */
	readonly timeoutMs: number;
}

const lastErrors = new WeakMap<Redis, unknown>();

/** The last connection error a client reported (connect() itself only says "Connection is closed."). */
export const lastErrorOf = (client: Redis): unknown => lastErrors.get(client);

/**
 * Every replwatch connection, not yet connected: never queues commands while offline, never retries a
 * command, never reconnects on its own (callers reconnect with back-off, so a dead node causes no
 * storm) and has no ready check (it sends INFO, which a narrow ACL user may not run, and logs NOPERM to
 * the console). `tuning` holds what one kind of connection does differently.
 */
export function openRedis(options: ClientOptions, tuning: Partial<RedisOptions> = {}): Redis {
	const client = new Redis({
		host: options.host,
		port: options.port,
		...(options.username ? {username: options.username} : {}),
		...(options.password ? {password: options.password} : {}),
		...(options.tls ? {tls: options.tls} : {}),
		connectTimeout: options.timeoutMs,
		commandTimeout: options.timeoutMs,
		enableOfflineQueue: false,
		enableReadyCheck: false,
		maxRetriesPerRequest: 0,
		retryStrategy: () => null,
		autoResendUnfulfilledCommands: false,
		lazyConnect: true,
		// No CLIENT SETNAME/SETINFO: a narrowly granted ACL user may not run them.
		disableClientInfo: true,
		...tuning,
	});
	// Without a listener ioredis prints "[ioredis] Unhandled error event" over the UI.
	client.on('error', error => lastErrors.set(client, error));
	return client;
}

/** A monitoring connection to one data node. */
export function createConnection(settings: ConnectionSettings, useTls: boolean): Redis {
	const {host, port} = splitAddress(settings.address);
	const {user: username, password} = settings.credentials;
	return openRedis({host, port, username, password, ...(useTls ? {tls: readTls(settings.tls)} : {}), timeoutMs: settings.timeoutMs}, {
		// ioredis' own timers fire before the I/O already waiting after a stall of this process is read:
		// here they are only a backstop; connectWithin and the poller's round trip bound each step.
		connectTimeout: settings.timeoutMs * 3,
		commandTimeout: settings.timeoutMs * 3,
		keepAlive: 10_000,
		// ioredis keeps the process alive this long after disconnect() (default 2 s): a --once run would linger.
		disconnectTimeout: 200,
	});
}

/** Connects (bounded by the timeout); rejects with the connection error. */
export async function connectWithin(client: Redis, timeoutMs: number): Promise<void> {
	// connect() itself only says "Connection is closed."; the cause came as an 'error' event.
	const connecting = client.connect().catch(error => {
		throw lastErrorOf(client) ?? error;
	});
	await withDeadline(connecting, timeoutMs + 50, () => Object.assign(new Error('connect timed out'), {code: 'ETIMEDOUT'}));
}

/** Parameters replwatch may read with CONFIG GET: canonical names only, never a glob, never a secret. */
export const configAllowList: readonly string[] = [
	'repl-backlog-size',
	'repl-backlog-ttl',
	'repl-diskless-sync',
	'repl-diskless-sync-delay',
	'repl-diskless-sync-max-replicas',
	'repl-diskless-load',
	'dual-channel-replication-enabled',
	'availability-zone',
	'min-replicas-to-write',
	'min-replicas-max-lag',
	'replica-read-only',
	'replica-serve-stale-data',
	'repl-timeout',
	'repl-ping-replica-period',
	'client-output-buffer-limit',
	'replica-priority',
	'replica-announced',
	'replica-announce-ip',
	'replica-announce-port',
	'repl-disable-tcp-nodelay',
	'replica-lazy-flush',
	'save',
	'appendonly',
	'appendfsync',
	'protected-mode',
	'bind',
	'tls-port',
	'port',
	'tls-replication',
	'maxmemory',
	'maxmemory-policy',
	'stop-writes-on-bgsave-error',
	'dual-channel-replication-enabled',
];

const secretParameter = /pass|auth|masteruser|primaryuser|secret|key-file/i;

/** A CONFIG GET reply (flat array or map) → allow-listed values only; anything secret-looking dropped. */
export function configReplyToRecord(reply: unknown, into: Record<string, string> = {}): Record<string, string> {
	const allowed = new Set(configAllowList);
	const put = (k: unknown, v: unknown) => {
		const key = String(k);
		if (!allowed.has(key) || secretParameter.test(key)) return;
		into[key] = sanitize(Buffer.isBuffer(v) ? v.toString('utf8') : String(v ?? ''));
	};
	if (Array.isArray(reply)) for (let i = 0; i + 1 < reply.length; i += 2) put(reply[i], reply[i + 1]);
	else if (reply instanceof Map) for (const [k, v] of reply) put(k, v);
	return into;
}

