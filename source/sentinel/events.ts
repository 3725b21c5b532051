// Sentinel's own account of a failover, read from its pub/sub event channels (PSUBSCRIBE *).
// Subscribing rather than polling: the failover states (+try-failover … +switch-master) last
// milliseconds to seconds and a 1 s poll of SENTINEL MASTER misses most of them; the messages also
// carry the exact instance and, with their arrival time, the failover's duration.
import type {Redis} from 'ioredis';
import {formatAddress} from '../model/address.js';
import type {Address, TimelineEvent} from '../model/types.js';
import {sanitize} from '../model/sanitize.js';
import {openClient, type ConnectOptions} from './connect.js';

/** Event channels worth a timeline line; the rest (+slave, +sentinel, epochs, votes, reconf steps) is bookkeeping. */
const shown = new Set([
	'+sdown', '-sdown', '+odown', '-odown', '+try-failover', '+elected-leader', '+failover-state-select-slave',
	'+selected-slave', '+failover-state-send-slaveof-noone', '+failover-state-wait-promotion', '+promoted-slave',
	'+failover-state-reconf-slaves', '+failover-end', '+failover-end-for-timeout', '+switch-master', '+convert-to-slave',
	'+tilt', '-tilt', '+reboot', '-failover-abort-not-elected', '-failover-abort-no-good-slave', '-failover-abort-slave-timeout',
]);

const words: Readonly<Record<string, string>> = {
	'+sdown': 'subjectively down (this Sentinel)',
	'-sdown': 'no longer subjectively down',
	'+odown': 'OBJECTIVELY DOWN (quorum of Sentinels agree)',
	'-odown': 'no longer objectively down',
	'+try-failover': 'FAILOVER STARTED',
	'+elected-leader': 'Sentinel elected to run the failover',
	'+selected-slave': 'replica selected for promotion',
	'+promoted-slave': 'replica promoted',
	'+failover-end': 'FAILOVER ENDED',
	'+failover-end-for-timeout': 'failover ended by timeout',
	'+convert-to-slave': 'converted to a replica',
	'+tilt': 'Sentinel in TILT mode',
	'-tilt': 'Sentinel out of TILT mode',
	'+reboot': 'restarted (run id changed)',
};

/** Longest message read (a payload is a few addresses; anything longer is not Sentinel's). */
const maxMessage = 512;
/** The same message from several Sentinels within this time is one event. */
const dedupeMs = 15_000;

export interface ParsedEvent {
	readonly channel: string;
	/** The instance the event is about (`host:port`), when the payload names one. */
	readonly node?: Address;
	readonly masterName?: string;
	/** +switch-master: the leader it replaced. */
	readonly from?: Address;
	/** The instance is a replica (or Sentinel), not the master itself. */
	readonly replica?: boolean;
	readonly text: string;
}

/**
 * `<type> <name> <ip> <port> @ <master-name> <master-ip> <master-port>` (or, for +switch-master,
 * `<name> <old-ip> <old-port> <new-ip> <new-port>`) → what the timeline says.
 */
export function parseSentinelEvent(channel: string, message: string): ParsedEvent | undefined {
	if (!shown.has(channel)) return undefined;
	const parts = sanitize(message.slice(0, maxMessage)).split(' ').filter(Boolean);
	const port = (p: string | undefined) => (p !== undefined && /^\d{1,5}$/.test(p) ? Number(p) : undefined);
	if (channel === '+switch-master') {
		const [name, oldIp, oldPort, newIp, newPort] = parts;
		const from = oldIp && port(oldPort) ? formatAddress(oldIp, port(oldPort)!) : '?';
		const to = newIp && port(newPort) ? formatAddress(newIp, port(newPort)!) : '?';
		return {channel, ...(to !== '?' ? {node: to} : {}), ...(name ? {masterName: name} : {}), ...(from !== '?' ? {from} : {}), text: `+switch-master ${name ?? '?'}: ${from} -> ${to}`};
	}
	if (channel.startsWith('+failover-state-')) {
		const at = parts.indexOf('@');
		const name = at >= 0 ? parts[at + 1] : parts[1];
		return {channel, ...(name ? {masterName: name} : {}), text: `${channel} ${name ?? ''}`.trim()};
	}
	const [type, name, ip, p] = parts;
	const node = ip && port(p) ? formatAddress(ip, port(p)!) : undefined;
	const at = parts.indexOf('@');
	const masterName = at >= 0 ? parts[at + 1] : type === 'master' ? name : undefined;
	const what = type === 'master' ? `master ${name ?? ''}` : type === 'slave' ? 'replica' : type ?? '';
	return {channel, ...(node ? {node} : {}), ...(masterName ? {masterName} : {}), ...(type === 'slave' ? {replica: true} : {}), text: `${channel} ${what}${masterName && type !== 'master' ? ` of ${masterName}` : ''}: ${words[channel] ?? channel.slice(1)}`};
}

export interface SentinelFeedOptions extends ConnectOptions {
	readonly now?: () => number;
	/** Client factory (tests). */
	readonly connect?: (address: Address) => Redis;
}

/**
 * One subscriber connection per Sentinel. Messages become timeline events: duplicates from the other
 * Sentinels dropped, a failover's start (+try-failover) remembered so its end (+failover-end,
 * +switch-master) says how long it took.
 */
export class SentinelEventFeed {
	private readonly clients = new Map<Address, Redis>();
	private readonly recent = new Map<string, number>();
	private readonly started = new Map<string, number>();
	/** Leaders replaced by a failover, and when: Sentinel re-lists them as replicas and reports them down again. */
	private readonly replaced = new Map<Address, number>();
	private closed = false;

	constructor(private readonly emit: (event: TimelineEvent) => void, private readonly options: SentinelFeedOptions = {}) {}

	/** Subscribes to every Sentinel not subscribed yet (idempotent; called after each Sentinel poll). */
	watch(sentinels: readonly Address[]): void {
		if (this.closed) return;
		for (const address of sentinels) {
			if (this.clients.has(address)) continue;
			let client: Redis;
			try {
				client = this.options.connect ? this.options.connect(address) : openClient(address, this.options);
			} catch {
				continue;
			}
			this.clients.set(address, client);
			client.on('pmessage', (_pattern: string, channel: string, message: string) => this.receive(address, channel, message));
			// Resubscribe after a reconnect (the client is opened with autoResubscribe off).
			client.on('ready', () => void client.psubscribe('*').catch(() => undefined));
			if (client.status === 'wait') void client.connect().catch(() => undefined);
		}
	}

	receive(sentinel: Address, channel: string, message: string): void {
		const parsed = parseSentinelEvent(String(channel).slice(0, 64), String(message));
		if (!parsed) return;
		const now = (this.options.now ?? Date.now)();
		const key = `${parsed.channel} ${parsed.text}`;
		const seen = this.recent.get(key);
		if (seen !== undefined && now - seen < dedupeMs) return;
		this.recent.set(key, now);
		if (this.recent.size > 256) for (const [k, t] of this.recent) if (now - t >= dedupeMs) this.recent.delete(k);
		// The replaced leader, already reported down as the master, comes back in Sentinel's list as a down replica: not news.
		if (parsed.channel === '+sdown' && parsed.replica && parsed.node && now - (this.replaced.get(parsed.node) ?? -Infinity) < 60_000) return;
		const name = parsed.masterName ?? '';
		let text = parsed.text;
		if (parsed.channel === '+try-failover') this.started.set(name, now);
		if (parsed.channel === '+failover-end' || parsed.channel === '+switch-master') {
			const start = this.started.get(name);
			if (start !== undefined) text += ` · failover took ${((now - start) / 1000).toFixed(1)} s`;
		}
		if (parsed.channel === '+switch-master' && parsed.from) this.replaced.set(parsed.from, now);
		this.emit({at: now, node: parsed.node ?? sentinel, kind: 'sentinel', text});
	}

	async close(): Promise<void> {
		this.closed = true;
		const clients = [...this.clients.values()];
		this.clients.clear();
		await Promise.all(clients.map(client => client.quit().catch(() => client.disconnect())));
	}
}
