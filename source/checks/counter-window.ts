import type {Address, NodeSample, ParsedInfo} from '../model/types.js';
import {nodeView} from '../model/node-view.js';
import type {CheckContext} from './context.js';

export interface Delta {
	readonly from: NodeSample;
	readonly to: NodeSample;
	readonly seconds: number;
}

/**
 * When the counters of each kept sample were read. The poller refreshes the heavy INFO sections
 * (stats, commandstats, errorstats, cpu) less often than replication and merges the last ones into
 * light samples; `total_commands_processed` moves with every real read (replwatch's own INFO
 * counts), so samples that share it carry the same counters, read when the first of them arrived.
 * One pass over the kept samples, cached per sample list (the history hands out one list per change).
 */
const readTimes = new WeakMap<readonly NodeSample[], readonly number[]>();

function countersReadAt(kept: readonly NodeSample[]): readonly number[] {
	const hit = readTimes.get(kept);
	if (hit) return hit;
	const out: number[] = [];
	let prevStamp: number | undefined;
	for (let i = 0; i < kept.length; i++) {
		const s = kept[i]!;
		const stamp = s.info ? nodeView(s.info).totalCommandsProcessed : undefined;
		out.push(i > 0 && stamp !== undefined && stamp === prevStamp ? out[i - 1]! : s.at);
		prevStamp = stamp;
	}
	readTimes.set(kept, out);
	return out;
}

/**
 * Latest sample and a baseline whose counters were read at least `minSeconds` earlier, from the
 * history; undefined when the history is too short or the server restarted in between (counters
 * reset). `fromFirst` measures from the first sample seen since monitoring began.
 */
export function window(ctx: CheckContext, address: Address, minSeconds: number, fromFirst = false): Delta | undefined {
	const kept = ctx.history.samples(address);
	const to = kept.at(-1);
	if (!to?.info) return undefined;
	const readAt = countersReadAt(kept);
	const toAt = readAt[kept.length - 1]!;
	let from: NodeSample | undefined;
	let fromAt = 0;
	const first = ctx.history.first(address);
	if (fromFirst && first) {
		from = first;
		fromAt = first === kept[0] ? readAt[0]! : first.at;
	} else {
		for (let i = kept.length - 2; i >= 0; i--) {
			const at = readAt[i]!;
			if (toAt - at >= minSeconds * 1000) {
				from = kept[i];
				fromAt = at;
				break;
			}
		}
		if (!from && first && !kept.includes(first) && toAt - first.at >= minSeconds * 1000) {
			from = first;
			fromAt = first.at;
		}
	}
	if (!from?.info || from === to) return undefined;
	const seconds = (toAt - fromAt) / 1000;
	if (seconds < minSeconds || seconds <= 0) return undefined;
	const runFrom = nodeView(from.info).runId;
	if (runFrom !== undefined && runFrom !== nodeView(to.info).runId) return undefined;
	return {from, to, seconds};
}

/** Counter increase over a window (negative means a reset: undefined). */
export function counterDelta(d: Delta, read: (info: ParsedInfo) => number | undefined): number | undefined {
	const a = read(d.from.info!);
	const b = read(d.to.info!);
	if (a === undefined || b === undefined || b < a) return undefined;
	return b - a;
}
