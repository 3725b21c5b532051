import meow from 'meow';
import {needsAscii} from './charset.js';
import type {Address} from '../model/types.js';
import {formatAddress, isValidPort, parseHostPort} from '../model/address.js';
import type {MonitorSettings} from '../engine/settings.js';
import type {Credentials, NodeTarget, RenameCommand, TlsSettings} from '../redis/settings.js';
import {heartbeatWarning} from '../triage/heartbeat.js';
import {quoteInput, safeErrorLine} from '../model/secrets.js';
import {isAllowEntry} from '../redis/scope.js';
import {booleanFlags, flagTable, helpText, kebabFlags, multipleFlags, stringFlags} from './flags.js';
import {defaultListen, parseDuration, parseListen, parseNode, parseRename, parseSize} from './flag-values.js';

export {commandName} from '../redis/settings.js';

/** Everything argv says: the monitor's settings and how to present the result. */
export interface Options extends MonitorSettings {
	readonly once: boolean;
	readonly json: boolean;
	readonly report?: 'md';
	readonly reportFile?: string;
	readonly windowMs: number;
	readonly readOnly: boolean;
	readonly auditLog?: string;
	readonly ascii: boolean;
	readonly walkthrough: boolean;
	/** `--watch` / `replwatch watch`: headless without end, one JSON line per event and alert change. */
	readonly watch: boolean;
	/** `replwatch serve`: the Prometheus exporter's address. */
	readonly listen?: {readonly host: string; readonly port: number};
	/** `--alert-command CMD`: run through /bin/sh with the alert JSON on stdin on fire and resolve. */
	readonly alertCommand?: string;
	/** Ring the terminal bell when an alert fires (`--no-bell`). */
	readonly bell: boolean;
	/** `--record FILE`: append every tick to this recording. */
	readonly record?: string;
	/** `--record-max SIZE`: compressed bytes after which the recording stops. */
	readonly recordMaxBytes?: number;
	/** Lines to print on stderr before starting (e.g. the -a warning). */
	readonly warnings: readonly string[];
}

export type ParseResult =
	| {readonly kind: 'options'; readonly options: Options}
	| {readonly kind: 'lab'; readonly argv: readonly string[]}
	| {readonly kind: 'replay'; readonly argv: readonly string[]}
	| {readonly kind: 'help'; readonly text: string}
	| {readonly kind: 'version'; readonly text: string}
	| {readonly kind: 'error'; readonly error: string};

/**
 * argv (without node and script) + env → what to do. Never exits, never throws: bad input comes
 * back as `{kind: 'error'}` with one line (no secret in it).
 */
export function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): ParseResult {
	const result = parse(argv, env);
	// Any value may be a URL pasted into the wrong flag: no error line ever shows its password.
	return result.kind === 'error' ? {kind: 'error', error: safeErrorLine(result.error)} : result;
}

function parse(argv: readonly string[], env: NodeJS.ProcessEnv): ParseResult {
	if (argv[0] === 'lab') return {kind: 'lab', argv: argv.slice(1)};
	if (argv[0] === 'replay') return {kind: 'replay', argv: argv.slice(1)};
	const command = argv[0] === 'serve' || argv[0] === 'watch' ? argv[0] : undefined;
	if (command) argv = argv.slice(1);
	let cli;
	try {
		cli = meow(helpText, {
			importMeta: import.meta,
			argv: [...argv],
			autoHelp: false,
			autoVersion: false,
			allowUnknownFlags: true,
			booleanDefault: undefined,
			pkg: {name: 'replwatch', version: '0.1.0'},
			flags: flagTable,
		});
	} catch (error) {
		return {kind: 'error', error: safeErrorLine(error instanceof Error ? kebabFlags(error.message) : 'invalid arguments')};
	}
	const flags = cli.flags as Record<string, unknown>;
	const known = new Set<string>([...stringFlags, ...booleanFlags, ...multipleFlags, 'discover', 'bell', 'h', 'p', 'a', 'u']);
	for (const name of Object.keys(cli.unnormalizedFlags)) {
		if (known.has(name) || known.has(name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()))) continue;
		const display = name.length === 1 ? `-${name}` : `--${name.replace(/[A-Z]/g, c => `-${c.toLowerCase()}`)}`;
		return {kind: 'error', error: `unknown option ${display} (see replwatch --help)`};
	}
	if (flags.help === true) return {kind: 'help', text: helpText};
	if (flags.version === true) return {kind: 'version', text: '0.1.0'};
	for (const name of stringFlags) {
		const value = flags[name];
		if (value === undefined) continue;
		// meow gives an array when a single-valued flag is repeated, and '' when its value is missing.
		if (typeof value !== 'string' || value === '') {
			const flag = `--${name.replace(/[A-Z]/g, c => `-${c.toLowerCase()}`)}`;
			return {kind: 'error', error: typeof value === 'string' ? `${flag} needs a value` : `${flag} given more than once`};
		}
	}
	const str = (name: string) => flags[name] as string | undefined;
	const warnings: string[] = [];

	const envPassword = env.REDISCLI_AUTH !== undefined && env.REDISCLI_AUTH !== '' ? env.REDISCLI_AUTH : undefined;
	const pass = str('pass');
	if (flags.heartbeat === true) warnings.push(`replwatch: ${heartbeatWarning}`);
	if (pass !== undefined) warnings.push('Warning: Using a password with \'-a\' or \'--pass\' option on the command line interface may not be safe.');
	const password = pass ?? envPassword;
	const user = str('user');
	const credentials: Credentials = {...(user ? {user} : {}), ...(password ? {password} : {})};
	const tls: TlsSettings = {
		enabled: flags.tls === true,
		insecure: flags.insecure === true,
		...(str('cacert') ? {ca: str('cacert')} : {}),
		...(str('cert') ? {cert: str('cert')} : {}),
		...(str('key') ? {key: str('key')} : {}),
	};
	if ((tls.cert === undefined) !== (tls.key === undefined)) return {kind: 'error', error: '--cert and --key go together'};

	const durations: Record<string, number> = {};
	// Upper bounds keep every delay within what a Node timer can hold (2^31-1 ms, else it fires at once).
	for (const [name, fallback, min, max] of [['interval', 1000, 100, 3_600_000], ['timeout', 1000, 50, 600_000], ['window', 2000, 0, 3_600_000]] as const) {
		const text = str(name);
		const ms = text === undefined ? fallback : parseDuration(text);
		if (ms === undefined || ms < min || ms > max) return {kind: 'error', error: `invalid --${name} "${quoteInput(text ?? '')}" (e.g. 500ms, 2s, 1.5; from ${min}ms to ${max / 60_000}m)`};
		durations[name] = ms;
	}

	const nodes: NodeTarget[] = [];
	const defaults = {tls: tls.enabled, credentials};
	const nodeTexts = [...cli.input];
	const uri = str('uri');
	if (uri !== undefined) nodeTexts.unshift(uri);
	for (const text of nodeTexts) {
		const node = parseNode(text, defaults);
		if (typeof node === 'string') return {kind: 'error', error: node};
		nodes.push(node);
	}
	const host = str('host');
	const portText = str('port');
	if (host !== undefined || portText !== undefined) {
		const port = portText === undefined ? 6379 : /^\d+$/.test(portText) ? Number(portText) : Number.NaN;
		if (!isValidPort(port)) return {kind: 'error', error: `invalid --port "${quoteInput(portText ?? '')}"`};
		const h = host ?? '127.0.0.1';
		const hp = parseHostPort(h.includes(':') && !h.startsWith('[') ? `[${h}]` : h);
		if (!hp || hp.port !== 6379 || /\]:/.test(h)) return {kind: 'error', error: `invalid --host "${quoteInput(h)}"`};
		nodes.unshift({address: formatAddress(hp.host, port), host: hp.host, port, tls: tls.enabled, credentials});
	}
	const sentinels: Address[] = [];
	for (const text of (flags.sentinel as string[] | undefined) ?? []) {
		const hp = parseHostPort(text, 26_379);
		if (!hp) return {kind: 'error', error: `invalid --sentinel "${quoteInput(text)}" (expected host:port)`};
		sentinels.push(formatAddress(hp.host, hp.port));
	}
	const sentinelPassword = str('sentinelPass') ?? (env.REDISCLI_SENTINEL_AUTH !== undefined && env.REDISCLI_SENTINEL_AUTH !== '' ? env.REDISCLI_SENTINEL_AUTH : undefined);
	if (str('sentinelPass') !== undefined) warnings.push('Warning: Using a password with \'--sentinel-pass\' on the command line interface may not be safe (prefer REDISCLI_SENTINEL_AUTH).');
	const sentinelUser = str('sentinelUser');
	const sentinelCredentials: Credentials | undefined = sentinelUser !== undefined || sentinelPassword !== undefined
		? {...(sentinelUser ? {user: sentinelUser} : {}), ...(sentinelPassword ? {password: sentinelPassword} : {})}
		: undefined;
	const maxNodesText = str('maxNodes');
	const maxNodes = maxNodesText === undefined ? undefined : /^\d{1,6}$/.test(maxNodesText) ? Number(maxNodesText) : Number.NaN;
	if (maxNodes !== undefined && !(maxNodes >= 1 && maxNodes <= 10_000)) return {kind: 'error', error: `invalid --max-nodes "${quoteInput(maxNodesText!)}" (a number from 1 to 10000)`};
	const discoverAllow: string[] = [];
	for (const text of ((flags.discoverAllow as string[] | undefined) ?? []).flatMap(t => t.split(','))) {
		const entry = text.trim();
		if (entry === '') continue;
		if (!isAllowEntry(entry)) return {kind: 'error', error: `invalid --discover-allow "${quoteInput(entry)}" (a CIDR such as 10.0.0.0/8, a host, or any)`};
		discoverAllow.push(entry);
	}
	const masterName = str('masterName');
	if (sentinels.length > 0 && masterName === undefined) return {kind: 'error', error: '--sentinel needs --master-name NAME'};
	if (nodes.length === 0 && sentinels.length === 0) {
		nodes.push({address: '127.0.0.1:6379', host: '127.0.0.1', port: 6379, tls: tls.enabled, credentials});
	}
	const seen = new Set<Address>();
	const unique = nodes.filter(n => (seen.has(n.address) ? false : (seen.add(n.address), true)));

	const renameCommands: RenameCommand[] = [];
	for (const text of (flags.renameCommand as string[] | undefined) ?? []) {
		const rename = parseRename(text);
		if (typeof rename === 'string') return {kind: 'error', error: rename};
		renameCommands.push(rename);
	}
	const report = str('report');
	if (report !== undefined && report.toLowerCase() !== 'md') return {kind: 'error', error: `invalid --report "${quoteInput(report)}" (only "md" is supported)`};
	if (str('reportFile') !== undefined && report === undefined) return {kind: 'error', error: '--report-file needs --report md'};
	const listenText = str('listen');
	if (listenText !== undefined && command !== 'serve') return {kind: 'error', error: '--listen goes with replwatch serve'};
	const listen = command === 'serve' ? parseListen(listenText ?? defaultListen) : undefined;
	if (typeof listen === 'string') return {kind: 'error', error: listen};
	const recordMax = str('recordMax');
	const recordMaxBytes = recordMax === undefined ? undefined : parseSize(recordMax);
	if (recordMaxBytes === undefined && recordMax !== undefined) return {kind: 'error', error: `invalid --record-max "${recordMax}" (e.g. 50M, 2G; at least 64K)`};
	if (recordMax !== undefined && str('record') === undefined) return {kind: 'error', error: '--record-max needs --record FILE'};

	return {
		kind: 'options',
		options: {
			nodes: unique,
			credentials,
			tls,
			intervalMs: durations.interval!,
			timeoutMs: durations.timeout!,
			discover: flags.discover !== false,
			once: flags.once === true,
			json: flags.json === true,
			...(report ? {report: 'md' as const} : {}),
			...(str('reportFile') ? {reportFile: str('reportFile')} : {}),
			windowMs: durations.window!,
			readOnly: flags.readOnly === true,
			...(str('auditLog') ? {auditLog: str('auditLog')} : {}),
			ascii: flags.ascii === true || needsAscii(env),
			...(str('config') ? {config: str('config')} : {}),
			sentinels,
			...(masterName ? {masterName} : {}),
			...(sentinelCredentials ? {sentinelCredentials} : {}),
			...(maxNodes !== undefined ? {maxNodes} : {}),
			...(discoverAllow.length > 0 ? {discoverAllow} : {}),
			renameCommands,
			walkthrough: flags.walkthrough === true,
			heartbeat: flags.heartbeat === true,
			watch: flags.watch === true || command === 'watch',
			...(listen ? {listen} : {}),
			...(str('alertCommand') ? {alertCommand: str('alertCommand')} : {}),
			bell: flags.bell !== false,
			...(str('record') ? {record: str('record')} : {}),
			...(recordMaxBytes === undefined ? {} : {recordMaxBytes}),
			warnings,
		},
	};
}
