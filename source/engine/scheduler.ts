export function delay(ms: number): Promise<void> {
	return new Promise(resolve => setTimeout(resolve, ms).unref?.());
}

/** Waits for some of `pending` until `deadline` at the latest (a hung node must not delay the others). */
export function waiterUntil(deadline: number, now: () => number): (pending: readonly Promise<unknown>[]) => Promise<void> {
	return async pending => {
		const left = deadline - now();
		if (pending.length === 0 || left <= 0) return;
		await Promise.race([Promise.allSettled(pending), delay(left)]);
	};
}

export interface SchedulerOptions<T> {
	readonly intervalMs: number;
	readonly now: () => number;
	/** One tick. */
	readonly run: () => Promise<T>;
	/** What a tick asked for after stop() gets: the last result. */
	readonly last: () => T;
}

/** When ticks run: every interval (a setTimeout chain), never two at once, none while paused or after stop. */
export class Scheduler<T> {
	paused = false;
	private stopped = false;
	private started = false;
	private timer: NodeJS.Timeout | undefined;
	private current: Promise<T> | undefined;
	private soonQueued = false;

	constructor(private readonly options: SchedulerOptions<T>) {}

	get isStopped(): boolean {
		return this.stopped;
	}

	/** The tick running now, if any. */
	get running(): Promise<T> | undefined {
		return this.current;
	}

	/** One tick now, or the one already running. */
	tickOnce(): Promise<T> {
		if (this.stopped) return Promise.resolve(this.options.last());
		this.current ??= this.options.run().finally(() => {
			this.current = undefined;
		});
		return this.current;
	}

	/** Runs `fn` on the next turn unless stopped or a tick runs by then; calls before that run it once. */
	soon(fn: () => void): void {
		if (this.soonQueued || this.stopped) return;
		this.soonQueued = true;
		setImmediate(() => {
			this.soonQueued = false;
			if (this.stopped || this.current) return;
			fn();
		});
	}

	/** Idempotent. */
	start(): void {
		if (this.started || this.stopped) return;
		this.started = true;
		void this.loop();
	}

	/** No tick starts after this; resolves once the one running (if any) ended. */
	async stop(): Promise<void> {
		this.stopped = true;
		if (this.timer) clearTimeout(this.timer);
		await this.current?.catch(() => undefined);
	}

	private async loop(): Promise<void> {
		this.timer = undefined;
		if (this.stopped) return;
		const began = this.options.now();
		if (!this.paused) {
			try {
				await this.tickOnce();
			} catch {
				// a failed tick is retried on the next interval
			}
		}
		if (this.stopped) return;
		this.timer = setTimeout(() => void this.loop(), Math.max(0, this.options.intervalMs - (this.options.now() - began)));
	}
}
