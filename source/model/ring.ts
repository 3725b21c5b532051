/** A fixed-capacity ring buffer: history stays bounded however long the monitor runs. */
export class Ring<T> {
	private readonly items: (T | undefined)[];
	private start = 0;
	private count = 0;

	constructor(readonly capacity: number) {
		if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('ring capacity must be a positive integer');
		this.items = new Array<T | undefined>(capacity);
	}

	get size(): number {
		return this.count;
	}

	push(item: T): void {
		const index = (this.start + this.count) % this.capacity;
		this.items[index] = item;
		if (this.count < this.capacity) this.count++;
		else this.start = (this.start + 1) % this.capacity;
	}

	/** i = 0 is the oldest kept item; negative i counts from the newest (-1). */
	at(i: number): T | undefined {
		const k = i < 0 ? this.count + i : i;
		if (k < 0 || k >= this.count) return undefined;
		return this.items[(this.start + k) % this.capacity];
	}

	last(): T | undefined {
		return this.at(-1);
	}

	toArray(): T[] {
		const out: T[] = [];
		for (let i = 0; i < this.count; i++) out.push(this.items[(this.start + i) % this.capacity] as T);
		return out;
	}

	clear(): void {
		this.items.fill(undefined);
		this.start = 0;
		this.count = 0;
	}
}
