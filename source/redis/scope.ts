import {BlockList, isIP} from 'node:net';
import type {Address} from '../model/types.js';
import {splitAddress} from '../model/address.js';

/**
 * Which network an address is in. A server's INFO (master_host, slaveN), a Sentinel's or a cluster's
 * node list is untrusted: it may name any address. replwatch follows a discovered address only in
 * the kind of network the operator already pointed it at:
 * - loopback seeds (a lab, an SSH tunnel) → loopback only: a local test never fans out to the LAN;
 * - private seeds (10/8, 172.16/12, 192.168/16, 100.64/10, link-local, fc00::/7) → private or names;
 * - public seeds → public or names; hostname seeds → anything but loopback.
 * `--discover-allow` adds networks or hosts (or `any`). The class is known without DNS or a probe,
 * so the rule costs nothing and cannot be tricked into sending a packet to decide.
 */
export type Scope = 'loopback' | 'private' | 'public' | 'name';

const privateV4 = new BlockList();
for (const [net, bits] of [['10.0.0.0', 8], ['172.16.0.0', 12], ['192.168.0.0', 16], ['100.64.0.0', 10], ['169.254.0.0', 16]] as const) privateV4.addSubnet(net, bits, 'ipv4');
const privateV6 = new BlockList();
privateV6.addSubnet('fc00::', 7, 'ipv6');
privateV6.addSubnet('fe80::', 10, 'ipv6');

function stripZone(host: string): string {
	const percent = host.indexOf('%');
	return percent === -1 ? host : host.slice(0, percent);
}

export function scopeOfHost(rawHost: string): Scope {
	const host = stripZone(rawHost.toLowerCase());
	const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(host);
	if (mapped) return scopeOfHost(mapped[1]!);
	const family = isIP(host);
	if (family === 4) {
		if (host.startsWith('127.') || host === '0.0.0.0') return 'loopback';
		return privateV4.check(host, 'ipv4') ? 'private' : 'public';
	}
	if (family === 6) {
		if (host === '::1' || host === '::') return 'loopback';
		return privateV6.check(host, 'ipv6') ? 'private' : 'public';
	}
	return host === 'localhost' || host.endsWith('.localhost') ? 'loopback' : 'name';
}

const reach: Record<Scope, readonly Scope[]> = {
	loopback: ['loopback'],
	private: ['private', 'name'],
	public: ['public', 'name'],
	name: ['private', 'public', 'name'],
};

/** `any`, a host, or an IPv4/IPv6 CIDR. */
export function isAllowEntry(entry: string): boolean {
	if (entry === 'any') return true;
	const cidr = /^([^/]+)\/(\d{1,3})$/.exec(entry);
	if (cidr) {
		const family = isIP(cidr[1]!);
		const bits = Number(cidr[2]);
		return (family === 4 && bits <= 32) || (family === 6 && bits <= 128);
	}
	return /^[A-Za-z0-9._:-]{1,255}$/.test(entry);
}

/** A predicate: may this discovered address be followed, given the operator's addresses and allow-list? */
export function discoveryScope(given: readonly Address[], allow: readonly string[] = []): (address: Address) => boolean {
	if (allow.includes('any')) return () => true;
	const scopes = new Set<Scope>(given.flatMap(a => reach[scopeOfHost(splitAddress(a).host)]));
	const hosts = new Set<string>();
	const nets = new BlockList();
	for (const entry of allow) {
		const cidr = /^([^/]+)\/(\d{1,3})$/.exec(entry);
		if (cidr) nets.addSubnet(cidr[1]!, Number(cidr[2]), isIP(cidr[1]!) === 6 ? 'ipv6' : 'ipv4');
		else hosts.add(entry.toLowerCase());
	}
	return address => {
		const host = stripZone(splitAddress(address).host.toLowerCase());
		if (hosts.has(host) || scopes.has(scopeOfHost(host))) return true;
		const family = isIP(host);
		return family !== 0 && nets.check(host, family === 6 ? 'ipv6' : 'ipv4');
	};
}
