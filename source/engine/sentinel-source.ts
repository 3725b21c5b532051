import type {Address, SentinelView, TimelineEvent} from '../model/types.js';
import {readTls} from '../redis/connection.js';
import type {NodeTarget} from '../redis/settings.js';
import {SentinelEventFeed} from '../sentinel/events.js';
import {SentinelTracker} from '../sentinel/tracker.js';
import type {PollTarget} from './node-state.js';
import {sentinelsFromHello} from './sentinel-hello.js';
import type {MonitorSettings} from './settings.js';

/** Without a Sentinel known, a data node's hello channel is listened to at most this often. */
const helloEveryMs = 60_000;

export interface SentinelSourceDeps {
	readonly now: () => number;
	/** Whether discovery may reach this address (the Sentinels' own view of the network). */
	readonly inNetwork: (address: Address) => boolean;
	/** A Sentinel event as it happens (+sdown, +odown, failover states, +switch-master). */
	readonly onEvent: (event: TimelineEvent) => void;
	readonly stopped: () => boolean;
}

const sentinelAuth = (c: NodeTarget['credentials']) => ({...(c.user ? {username: c.user} : {}), ...(c.password ? {password: c.password} : {})});

/** Sentinels: the masters they monitor and their data nodes (polled), and their events (pub/sub). */
export class SentinelSource {
	views: readonly SentinelView[] = [];
	private tracker: SentinelTracker | undefined;
	private polling: Promise<void> | undefined;
	private feed: SentinelEventFeed | undefined;
	private helloAt = Number.NEGATIVE_INFINITY;
	private hello: Promise<void> | undefined;
	private readonly helloAbort = new AbortController();

	constructor(private readonly options: MonitorSettings, private readonly deps: SentinelSourceDeps) {
		if (options.sentinels.length > 0) this.tracker = this.trackerOf(options.sentinels);
	}

	/** A Sentinel given as a plain node: follow what it monitors, as with --sentinel. */
	follow(address: Address): void {
		this.tracker ??= this.trackerOf([address]);
	}

	/**
	 * No Sentinel given or found yet: listen to a data node's `__sentinel__:hello` for one period and
	 * follow the Sentinels it names (in the networks discovery may reach), as with --sentinel.
	 */
	discoverFrom(target: PollTarget): Promise<void> | undefined {
		const now = this.deps.now();
		if (this.tracker || this.hello || now - this.helloAt < helloEveryMs || this.deps.stopped()) return undefined;
		this.helloAt = now;
		this.hello = sentinelsFromHello(target, this.options.tls, this.options.timeoutMs, this.helloAbort.signal).then(found => {
			const reachable = found.map(h => h.address).filter(a => this.deps.inNetwork(a));
			if (reachable.length > 0 && !this.tracker && !this.deps.stopped()) this.tracker = this.trackerOf(reachable);
		}).finally(() => {
			this.hello = undefined;
		});
		return this.hello;
	}

	get following(): boolean {
		return this.tracker !== undefined;
	}

	/** One poll of the Sentinels (undefined when none are known or one is running); `add` gets every data node they name. */
	poll(add: (address: Address) => void): Promise<unknown> | undefined {
		if (!this.tracker || this.polling) return undefined;
		this.polling = this.tracker.poll().then(result => {
			this.views = result.views;
			for (const address of result.dataNodes) add(address);
			this.watch(result.sentinels);
		}).catch(() => {}).finally(() => {
			this.polling = undefined;
		});
		return this.polling;
	}

	async close(): Promise<void> {
		this.helloAbort.abort();
		await this.hello?.catch(() => undefined);
		await Promise.all([this.tracker?.close().catch(() => undefined), this.feed?.close().catch(() => undefined)]);
	}

	private connect() {
		const {options} = this;
		return {
			timeoutMs: options.timeoutMs,
			// Sentinels with their own credentials get them (--sentinel-user/--sentinel-pass); else the data ones, as before.
			...sentinelAuth(options.sentinelCredentials ?? options.credentials),
			// The same CA, client certificate and --insecure as data nodes.
			...(options.tls.enabled ? {tls: readTls(options.tls)} : {}),
		};
	}

	private trackerOf(seeds: readonly Address[]): SentinelTracker {
		return new SentinelTracker({
			seeds,
			...(this.options.masterName ? {masterNames: [this.options.masterName]} : {}),
			...this.connect(),
			inNetwork: this.deps.inNetwork,
		});
	}

	private watch(sentinels: readonly Address[]): void {
		if (this.deps.stopped()) return;
		this.feed ??= new SentinelEventFeed(event => {
			if (!this.deps.stopped()) this.deps.onEvent(event);
		}, {...this.connect(), now: this.deps.now});
		this.feed.watch(sentinels);
	}
}
