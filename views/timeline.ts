// The timeline's window: newest events at the bottom, always, unless the operator scrolled back.
import {sanitize} from '../source/model/sanitize.js';
import type {TimelineEvent} from '../source/model/types.js';

export interface TimelineLine {
	readonly text: string;
	readonly color?: string;
}

export interface TimelineWindow {
	readonly title: string;
	readonly lines: readonly TimelineLine[];
	/** The scroll actually applied (clamped): events hidden below the window. */
	readonly scroll: number;
	/** The most it can scroll back: ↑/↓ move within this (the reducer reads it as last drawn). */
	readonly maxScroll: number;
}

const red = /^(unreachable|link-down|split-brain|restart|forgotten|engine-error|lab-failed)$/;
const yellow = /^(failover|role-change|master-change|full-sync-started|partial-resync-err|config-drift|config-change|heartbeat-refused)$/;
const green = /^(reachable|link-up|full-sync-finished|config-aligned|heartbeat-accepted)$/;

function colorOf(e: TimelineEvent): string | undefined {
	if (e.kind === 'sentinel') return /^\+(odown|switch-master|try-failover|failover-end)|^-failover-abort/.test(e.text) ? 'red' : /^\+(sdown|failover-state|selected|promoted|elected|tilt|convert)/.test(e.text) ? 'yellow' : /^-(sdown|odown)/.test(e.text) ? 'green' : undefined;
	return red.test(e.kind) ? 'red' : yellow.test(e.kind) ? 'yellow' : green.test(e.kind) ? 'green' : undefined;
}

export function eventText(e: TimelineEvent): string {
	const kind = sanitize(e.kind);
	const text = sanitize(e.text);
	// Sentinel events carry their channel name (+switch-master …): that is the kind already.
	return kind === 'sentinel' || text.startsWith(kind) ? text : `${kind}: ${text}`;
}

const clock = (at: number) => new Date(at).toTimeString().slice(0, 8);

/** How far back `rows` event lines can scroll over `events` events: the newest `rows` need no scroll. */
const timelineMaxScroll = (events: number, rows: number): number => Math.max(0, events - rows);

/**
 * `rows` event lines (the title excluded) ending `scroll` events before the newest: scroll 0 shows
 * the newest at the bottom, whatever arrives.
 */
export function timelineWindow(events: readonly TimelineEvent[], rows: number, scroll: number, filter = ''): TimelineWindow {
	const room = Math.max(0, rows);
	const maxScroll = timelineMaxScroll(events.length, room);
	const applied = Math.max(0, Math.min(scroll, maxScroll));
	const end = events.length - applied;
	const shown = events.slice(Math.max(0, end - room), end);
	const where = applied > 0 ? ` · scrolled back ${applied} (↓ newer, ${applied} newer hidden)` : events.length > shown.length ? ` · newest ${shown.length} of ${events.length} (↑ older)` : '';
	const title = `Timeline${filter ? ` matching "${sanitize(filter)}"` : ''}${where}`;
	const lines = shown.length === 0
		? [{text: filter ? `no event matches "${sanitize(filter)}"` : 'no events yet'}]
		: shown.map(e => {
				const color = colorOf(e);
				// The node column only when the text does not name the node already (+switch-master, lab notes): the
				// line's news fits a narrower panel. A note about no node ('load rate …') has no column to fill.
				const text = eventText(e);
				const node = e.node && !text.includes(e.node) ? `${sanitize(e.node)} ` : '';
				return {text: `${clock(e.at)} ${node}${text}`, ...(color ? {color} : {})};
			});
	return {title, lines, scroll: applied, maxScroll};
}
