import type {Address} from './types.js';

/**
 * Replication loops: A follows B follows … follows A (or A follows itself). Each node has at most one
 * master, so following the pointers from every node finds each loop once, in linear time. Loops come
 * back rotated to start at their smallest address, in pointer order (A → B → … → A).
 */
export function replicationCycles(nodes: Iterable<Address>, masterOf: (address: Address) => Address | undefined): Address[][] {
	const state = new Map<Address, 'walking' | 'done'>();
	const cycles: Address[][] = [];
	for (const start of nodes) {
		if (state.has(start)) continue;
		const path: Address[] = [];
		let current: Address | undefined = start;
		while (current !== undefined && !state.has(current)) {
			state.set(current, 'walking');
			path.push(current);
			current = masterOf(current);
		}
		if (current !== undefined && state.get(current) === 'walking') {
			const loop = path.slice(path.indexOf(current));
			const first = loop.indexOf([...loop].sort()[0]!);
			cycles.push([...loop.slice(first), ...loop.slice(0, first)]);
		}
		for (const a of path) state.set(a, 'done');
	}
	return cycles;
}

/** `A → B → A`, `A → A` for a self-loop. */
export function describeCycle(cycle: readonly Address[]): string {
	return [...cycle, cycle[0]!].join(' → ');
}
