import type {Address, SentinelView, TimelineEvent} from '../model/types.js';
import {readTls} from '../redis/connection.js';
import type {NodeTarget} from '../redis/settings.js';
import {SentinelEventFeed} from '../sentinel/events.js';
import {SentinelTracker} from '../sentinel/tracker.js';
import type {MonitorSettings} from './settings.js';

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

	constructor(private readonly options: MonitorSettings, private readonly deps: SentinelSourceDeps) {
		if (options.sentinels.length > 0) this.tracker = this.trackerOf(options.sentinels);
	}

	/** A Sentinel given as a plain node: follow what it monitors, as with --sentinel. */
	follow(address: Address): void {
		this.tracker ??= this.trackerOf([address]);
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
