import type {Address, NodeSample} from '../model/types.js';
import type {Poller} from './poller.js';
import {delay} from './scheduler.js';

/** Probes nodes and keeps each node's probe in flight (settle() waits for the ones that never answered yet). */
export class Prober {
	private readonly inFlight = new Map<Address, Promise<unknown>>();

	constructor(private readonly poller: Poller) {}

	/** Probes these nodes (those without a probe running); `then` gets each sample as it comes. */
	probe(addresses: readonly Address[], then: (sample: NodeSample) => void): Promise<unknown>[] {
		const pending: Promise<unknown>[] = [];
		for (const address of addresses) {
			const p = this.poller.probe(address);
			if (!p) continue;
			const done = p.then(then).catch(() => {
				// run() turns every failure into an unreachable sample; nothing should land here
			}).finally(() => {
				if (this.inFlight.get(address) === done) this.inFlight.delete(address);
			});
			this.inFlight.set(address, done);
			pending.push(done);
		}
		return pending;
	}

	/** Waits, at most `ms`, for the probes of nodes `sampled` says have no sample yet; false when there are none. */
	async awaitUnsampled(sampled: (address: Address) => boolean, ms: number): Promise<boolean> {
		const unsampled = [...this.inFlight].filter(([address]) => !sampled(address)).map(([, p]) => p);
		if (unsampled.length === 0) return false;
		await Promise.race([Promise.allSettled(unsampled), delay(ms)]);
		return true;
	}
}
