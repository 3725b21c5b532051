import {sanitize} from '../model/sanitize.js';
import type {Address, TimelineEvent, Topology} from '../model/types.js';
import {createConnection} from '../redis/connection.js';
import {Heartbeat, type HeartbeatReading} from '../triage/heartbeat.js';
import type {Poller} from './poller.js';
import type {MonitorSettings} from './settings.js';

/** --heartbeat, the one feature that writes: a key on each leader, its age read on the followers. */
export class HeartbeatSource {
	private readonly heartbeat: Heartbeat;
	private readonly lag = new Map<Address, {lagMs: number; at: number}>();
	private readonly refused = new Map<Address, string>();
	private running: Promise<void> | undefined;

	constructor(private readonly options: MonitorSettings, poller: Poller, private readonly now: () => number, private readonly onEvent: (event: TimelineEvent) => void) {
		this.heartbeat = new Heartbeat({
			connect: address => {
				const target = poller.target(address);
				return createConnection({address, credentials: target?.credentials ?? options.credentials, tls: options.tls, timeoutMs: options.timeoutMs}, target?.tls ?? options.tls.enabled);
			},
			now,
		});
	}

	/** One round per replication group with a reachable leader (not cluster shards: the key may live elsewhere). */
	beat(topology: Topology): Promise<void> | undefined {
		if (this.running) return undefined;
		const rounds = topology.groups.flatMap(g => {
			const leader = g.leader ? topology.nodes[g.leader] : undefined;
			if (g.kind !== 'replication' || !leader || leader.role !== 'master' || !leader.sample.reachable) return [];
			const followers = g.members.filter(m => m !== leader.address && topology.nodes[m]?.sample.reachable && topology.nodes[m]?.role === 'replica');
			return [this.heartbeat.tick(leader.address, followers).then(reading => this.absorb(reading))];
		});
		if (rounds.length === 0) return undefined;
		this.running = Promise.allSettled(rounds).then(() => undefined).finally(() => {
			this.running = undefined;
		});
		return this.running;
	}

	/** Readings recent enough to show (a stale one is not the follower's lag). */
	fresh(at: number): Map<Address, number> {
		const fresh = 3 * this.options.intervalMs + this.options.timeoutMs;
		const lags = new Map<Address, number>();
		for (const [follower, h] of this.lag) if (at - h.at <= fresh) lags.set(follower, h.lagMs);
		return lags;
	}

	close(): void {
		this.heartbeat.close();
	}

	private absorb(reading: HeartbeatReading): void {
		const refusal = reading.writeError ? `${reading.writeError.kind}` : undefined;
		const was = this.refused.get(reading.leader);
		if (refusal && was !== refusal) {
			this.onEvent({at: this.now(), node: reading.leader, kind: 'heartbeat-refused', text: `heartbeat write refused: ${sanitize(reading.writeError!.message)}`});
			this.refused.set(reading.leader, refusal);
		} else if (!refusal && was) {
			this.onEvent({at: this.now(), node: reading.leader, kind: 'heartbeat-accepted', text: 'heartbeat writes accepted again'});
			this.refused.delete(reading.leader);
		}
		for (const [follower, f] of Object.entries(reading.followers)) {
			// After a refused write the key only ages: its age is not the follower's lag.
			if (f.state === 'ok' && !refusal) this.lag.set(follower, {lagMs: f.lagMs, at: reading.at});
			else this.lag.delete(follower);
		}
	}
}
