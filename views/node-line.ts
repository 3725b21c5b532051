// The text of one node row of the topology panel, fitted to a width by priority: what matters in an
// incident (bytes and seconds behind, ack age, link state) is the last to go; the sparkline goes first.
import {humanBytes, humanRate, humanSeconds} from '../components/format.js';
import {sparkline, spanLabel} from './sparkline.js';
import type {NodeRow} from './row-types.js';

export interface NodeLine {
	readonly text: string;
	readonly color?: string;
}

/** Bytes behind below this draw as a flat sparkline: replication under load is never exactly 0. */
export const sparkFloorBytes = 64 * 1024;

interface Segment {
	/** Longest first; the fitting shortens to the next one before it drops the segment. */
	readonly variants: readonly string[];
	/** Lower is kept longer; 0 is never dropped. */
	readonly priority: number;
	/** The sparkline: takes the width left over, at least `min` cells. */
	readonly grow?: {readonly min: number; readonly render: (width: number) => string};
}

const seg = (priority: number, ...variants: string[]): Segment => ({priority, variants});

/** Drops or shortens the least important segment until the line fits; a segment of priority 0 only shortens. */
function fitSegments(segments: readonly Segment[], width: number, sep: string): string {
	const live = segments.map(s => ({...s, at: 0, dropped: false}));
	const fixed = () => live.filter(s => !s.dropped && !s.grow);
	const used = () => fixed().map(s => s.variants[s.at]!).join(sep).length;
	const growing = live.find(s => s.grow);
	for (;;) {
		const growAlive = growing !== undefined && !growing.dropped;
		const need = used() + (growAlive ? sep.length + growing.grow!.min : 0);
		if (need <= width) break;
		const candidates = fixed().filter(s => !growAlive || s.priority > growing.priority);
		if (candidates.length === 0 && growAlive) {
			// Shorter labels of less important segments before the sparkline goes; the sparkline before the words of
			// what matters most (`behind`, `(leader view)`), which shorten only once it is gone.
			const shorter = fixed().filter(s => s.priority > 0 && s.at < s.variants.length - 1).sort((a, b) => b.priority - a.priority)[0];
			if (shorter) shorter.at++;
			else growing.dropped = true;
			continue;
		}
		const worst = Math.max(...candidates.map(s => s.priority));
		const shortenable = candidates.filter(s => s.priority === worst && s.at < s.variants.length - 1);
		if (shortenable.length > 0) shortenable.at(-1)!.at++;
		else if (worst > 0) candidates.filter(s => s.priority === worst).at(-1)!.dropped = true;
		else break;
	}
	const rest = width - used();
	return live.filter(s => !s.dropped).map(s => (s.grow ? s.grow.render(rest - sep.length) : s.variants[s.at]!)).join(sep);
}

function sparkSegment(row: NodeRow, ascii: boolean): Segment | undefined {
	if (row.lagSeries.length < 2) return undefined;
	// One format on every row (`▁▂█ max 8.0 MiB/60s`), `▁▂█ max 8.0 MiB` only where that does not fit. The label is
	// of the bars drawn: a peak that scrolled out (a freeze a minute ago) does not widen it and push the sparkline out.
	const label = (max: number, span: number, tiny: boolean) => (tiny ? ` max ${humanBytes(max)}` : ` max ${humanBytes(max)}/${spanLabel(span).replace(' ', '')}`);
	const minBars = 6;
	const draw = (width: number, tiny: boolean) => {
		let bars = Math.min(row.lagSeries.length * 2, width - label(0, 0, tiny).length);
		for (let tries = 0; tries < 4 && bars >= minBars; tries++) {
			const spark = sparkline(row.lagSeries, bars, sparkFloorBytes, ascii);
			const text = `${spark.bars}${label(spark.max, spark.spanSeconds, tiny)}`;
			if (text.length <= width) return text;
			bars -= text.length - width;
		}
		return undefined;
	};
	const tail = sparkline(row.lagSeries, minBars, sparkFloorBytes, ascii);
	return {
		priority: 3,
		variants: [],
		grow: {
			min: minBars + label(tail.max, tail.spanSeconds, true).length,
			render: width => draw(width, false) ?? draw(width, true) ?? tail.bars,
		},
	};
}

/** What a FAILOVER under way does to client writes, longest first. */
function failoverSegment(state: string): Segment {
	if (state === 'waiting-for-sync') return seg(0, 'FAILOVER waiting-for-sync: writes paused', 'FAILOVER: writes paused');
	if (state === 'failover-in-progress') return seg(0, 'FAILOVER in progress: writes refused', 'FAILOVER: writes refused');
	return seg(0, `FAILOVER ${state}`);
}

/** One row of the topology panel, at most `width` cells (the selection marker excluded). */
export function nodeLine(row: NodeRow, width: number, ascii: boolean): NodeLine {
	const sep = ascii ? ' | ' : ' · ';
	const indent = '  '.repeat(Math.max(0, row.depth - 1));
	const branch = row.depth === 0 && !row.formerLeader ? '' : `${indent}${ascii ? '`-' : '└'} `;
	const cross = ascii ? 'XX' : '✖';
	const segments: Segment[] = [];
	const link = row.link;
	const behind = (label: string) => (link ? `${humanBytes(link.lagBytes)} ${humanSeconds(link.lagSeconds)} ${label}` : '');
	const silent = row.neverAnswered ? ['never answered', 'never seen'] : [`silent ${humanSeconds(row.silentSeconds)}`];
	const error = row.reasonDetail ? (row.reason && row.reasonDetail.startsWith(row.reason) ? row.reasonDetail : `${row.reason}: ${row.reasonDetail}`) : row.reason ?? 'no reply';
	if (!row.reachable) {
		const head = `${branch}${cross} ${row.address}`;
		if (row.formerLeader) {
			segments.push(seg(0, `${head} former leader`, `${head} ex-leader`), seg(0, ...silent), seg(4, error));
		} else if (link?.sinceLastAck) {
			// The leader dropped it (repl-timeout): what it wrote since the follower's last ack is a floor, and growing.
			const floor = `${humanBytes(link.lagBytes)}`;
			segments.push(
				seg(0, `${head} at least ${floor} behind since its last ack`, `${head} ≥${floor} behind since last ack`, `${head} ≥${floor} behind`),
				seg(0, `ack ${humanSeconds(link.ackAgeSeconds)} ago`, `ack ${humanSeconds(link.ackAgeSeconds)}`),
				seg(0, ...silent),
				seg(2, 'dropped by the leader', 'dropped'),
				seg(4, error),
			);
		} else if (link) {
			// The leader's view of the link still says how far behind the silent follower is, and since when it acked.
			segments.push(
				seg(0, `${head} ${behind('behind (leader view)')}`, `${head} ${behind('behind (leader)')}`, `${head} ${behind('behind (ldr)')}`, `${head} ${behind('(leader)')}`),
				seg(0, `ack ${humanSeconds(link.ackAgeSeconds)}`),
				seg(0, ...silent),
				seg(2, link.state === 'online' ? 'leader sees it online' : `leader sees ${link.state}`, link.state),
				seg(4, error),
			);
		} else {
			// Why it is down matters more than for how long: the reason stays, shortened to its kind when narrow.
			segments.push(seg(0, `${head} unreachable`), seg(0, ...silent), seg(1, error, row.reason ?? 'no reply'));
		}
		return {text: fitSegments(segments, width, sep), color: 'red'};
	}
	if (row.role === 'master' || row.depth === 0 || !link) {
		const mark = row.role === 'master' ? 'M' : 'R';
		segments.push(seg(0, `${branch}${mark} ${row.address} ${row.role}`));
		if (row.failover) segments.push(failoverSegment(row.failover));
		if (row.writeRate !== undefined) segments.push(seg(1, `write ${humanRate(row.writeRate)}`));
		if (row.role !== 'master' && !link) segments.push(seg(2, 'no link data'));
		if (row.version) segments.push(seg(4, `v${row.version}`));
		return {text: fitSegments(segments, width, sep)};
	}
	const down = link.linkStatus === 'down';
	const state = down ? `link DOWN${link.linkDownSinceSeconds === undefined ? '' : ` ${humanSeconds(link.linkDownSinceSeconds)}`}` : link.syncInProgress ? `full sync${link.syncPercent === undefined ? '' : ` ${Math.round(link.syncPercent)}%`}` : link.state;
	segments.push(seg(0, `${branch}${row.address} ${behind('behind')}`, `${branch}${row.address} ${behind('')}`.trimEnd()));
	segments.push(seg(1, `ack ${humanSeconds(link.ackAgeSeconds)}`));
	segments.push(seg(0, state, down ? 'DOWN' : state));
	if (row.repointPending) {
		const old = `${ascii ? '->' : '→'} old leader ${row.repointPending.address} (down)`;
		segments.push(seg(0, `${old}, ${row.repointPending.bySentinel ? 'Sentinel has not re-pointed it' : 'not re-pointed yet'}`, `${old}, not re-pointed`, old));
	}
	if (row.failover) segments.push(failoverSegment(row.failover));
	if (row.pointsAt) segments.push(seg(1, `points at ${row.pointsAt.address} (${row.pointsAt.reason})`, `-> ${row.pointsAt.address}`));
	if (row.loading) segments.push(seg(1, 'loading'));
	const spark = sparkSegment(row, ascii);
	if (spark) segments.push(spark);
	if (link.applyBacklogBytes) segments.push(seg(4, `apply backlog ${humanBytes(link.applyBacklogBytes)}`));
	if (link.heartbeatMs !== undefined) segments.push(seg(4, `heartbeat ${link.heartbeatMs} ms`));
	return {text: fitSegments(segments, width, sep), ...(down ? {color: 'red'} : {})};
}
