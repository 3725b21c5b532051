import type {Address} from '../model/types.js';
import {formatAddress, isValidPort, parseHostPort} from '../model/address.js';
import type {Credentials, NodeTarget, RenameCommand} from '../redis/settings.js';
import {quoteInput} from '../model/secrets.js';
import {sanitize} from '../model/sanitize.js';

/** `500ms`, `2s`, `1.5` (seconds), `1m` → milliseconds; undefined when malformed. */
export function parseDuration(text: string): number | undefined {
	const match = /^\s*(\d+(?:\.\d+)?|\.\d+)\s*(ms|s|m)?\s*$/i.exec(text);
	if (!match) return undefined;
	const value = Number(match[1]);
	const unit = (match[2] ?? 's').toLowerCase();
	const ms = unit === 'ms' ? value : unit === 'm' ? value * 60_000 : value * 1000;
	return Number.isFinite(ms) ? Math.round(ms) : undefined;
}

function decode(part: string): string {
	try {
		return decodeURIComponent(part);
	} catch {
		return part;
	}
}

/** `50M`, `2G`, `64K`, `1048576` → bytes (binary units); undefined when malformed or under 64 KiB. */
export function parseSize(text: string): number | undefined {
	const match = /^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?\s*$/i.exec(text);
	if (!match) return undefined;
	const bytes = Math.round(Number(match[1]) * 1024 ** ' kmgt'.indexOf((match[2] || ' ').toLowerCase()));
	return Number.isFinite(bytes) && bytes >= 64 * 1024 ? bytes : undefined;
}

/** One node argument (address or URL) → target, or an error line (password masked). */
export function parseNode(text: string, defaults: {tls: boolean; credentials: Credentials}): NodeTarget | string {
	const url = /^(rediss?):\/\/(.*)$/i.exec(text);
	if (!url) {
		if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return `unsupported URL scheme in "${quoteInput(text)}" (use redis:// or rediss://)`;
		const hp = parseHostPort(text);
		if (!hp) return `invalid node "${quoteInput(text)}" (expected host:port, [ipv6]:port or redis://host:port)`;
		return {address: formatAddress(hp.host, hp.port), host: hp.host, port: hp.port, tls: defaults.tls, credentials: defaults.credentials};
	}
	const tls = url[1]!.toLowerCase() === 'rediss' || defaults.tls;
	const rest = url[2]!;
	// The password runs to the last '@' (base64 passwords hold '/'), then the address, then an optional /db.
	const at = rest.lastIndexOf('@');
	const userInfo = at === -1 ? undefined : rest.slice(0, at);
	const afterAt = at === -1 ? rest : rest.slice(at + 1);
	const slash = afterAt.indexOf('/');
	const path = slash === -1 ? '' : afterAt.slice(slash + 1);
	const hostPart = slash === -1 ? afterAt : afterAt.slice(0, slash);
	if (path !== '' && !/^\d+$/.test(path)) return `invalid node URL "${quoteInput(text)}" (only a database number may follow the address)`;
	const hp = parseHostPort(hostPart);
	if (!hp) return `invalid node URL "${quoteInput(text)}"`;
	let credentials = defaults.credentials;
	if (userInfo !== undefined) {
		const colon = userInfo.indexOf(':');
		const user = colon === -1 ? userInfo : userInfo.slice(0, colon);
		const password = colon === -1 ? undefined : userInfo.slice(colon + 1);
		credentials = {
			...(user !== '' ? {user: decode(user)} : defaults.credentials.user === undefined ? {} : {user: defaults.credentials.user}),
			...(password !== undefined && password !== ''
				? {password: decode(password)}
				: defaults.credentials.password === undefined ? {} : {password: defaults.credentials.password}),
		};
	}
	return {address: formatAddress(hp.host, hp.port), host: hp.host, port: hp.port, tls, credentials};
}

export function parseRename(text: string): RenameCommand | string {
	const match = /^(?:(.+)\/)?([A-Za-z][A-Za-z0-9_|-]*)=(\S*)$/.exec(text);
	if (!match) return `invalid --rename-command "${quoteInput(text)}" (expected CONFIG=NEWNAME or host:port/CONFIG=NEWNAME)`;
	let node: Address | undefined;
	if (match[1] !== undefined) {
		const hp = parseHostPort(match[1]);
		if (!hp) return `invalid node in --rename-command "${quoteInput(text)}"`;
		node = formatAddress(hp.host, hp.port);
	}
	return {...(node ? {node} : {}), command: match[2]!.toUpperCase(), name: match[3]!};
}

export const defaultListen = '127.0.0.1:9121';

/** `--listen`: `host:port`, `[ipv6]:port`, or a bare port (loopback). */
export function parseListen(text: string): {host: string; port: number} | string {
	const bare = /^:?(\d+)$/.exec(text.trim());
	const hp = bare ? {host: '127.0.0.1', port: Number(bare[1])} : /:\d+$/.test(text) ? parseHostPort(text.trim()) : undefined;
	// The input is quoted bounded and without control characters: an ESC or BEL typed in must not reach the terminal.
	if (!hp || !isValidPort(hp.port)) return `invalid --listen "${quoteInput(sanitize(text))}" (expected host:port, e.g. ${defaultListen})`;
	return hp;
}
