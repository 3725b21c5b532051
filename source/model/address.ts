import type {Address} from './types.js';
import {sanitize} from './sanitize.js';

export interface HostPort {
	readonly host: string; // IPv6 without brackets
	readonly port: number;
}

/** `host:port`, IPv6 hosts in brackets. */
export function formatAddress(host: string, port: number | string): Address {
	const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
	return bare.includes(':') ? `[${bare}]:${port}` : `${bare}:${port}`;
}

export function isValidPort(port: number): boolean {
	return Number.isInteger(port) && port >= 1 && port <= 65_535;
}

/** `host:port`, `[v6]:port`, `host` or `[v6]` (port 6379); undefined when malformed. */
export function parseHostPort(text: string, defaultPort = 6379): HostPort | undefined {
	let host: string;
	let portText: string | undefined;
	if (text.startsWith('[')) {
		const close = text.indexOf(']');
		if (close === -1) return undefined;
		host = text.slice(1, close);
		const rest = text.slice(close + 1);
		if (rest !== '' && !rest.startsWith(':')) return undefined;
		portText = rest === '' ? undefined : rest.slice(1);
	} else {
		const colons = text.split(':').length - 1;
		// A bare IPv6 address (several colons, no brackets) has no unambiguous port.
		if (colons > 1) return /^[0-9a-fA-F:.]+$/.test(text) ? {host: text, port: defaultPort} : undefined;
		const colon = text.indexOf(':');
		host = colon === -1 ? text : text.slice(0, colon);
		portText = colon === -1 ? undefined : text.slice(colon + 1);
	}
	if (host === '' || /[\s/@]/.test(host)) return undefined;
	const port = portText === undefined ? defaultPort : /^\d+$/.test(portText) ? Number(portText) : Number.NaN;
	if (!isValidPort(port)) return undefined;
	return {host, port};
}

export function splitAddress(address: Address): HostPort {
	return parseHostPort(address) ?? {host: address, port: 6379};
}

/** The parts of an address a connection is opened to; one clear error when it is not one. */
export function connectAddress(address: Address): HostPort {
	const parts = parseHostPort(address);
	if (!parts) throw new Error(`not a host:port address: ${sanitize(address)}`);
	return parts;
}
