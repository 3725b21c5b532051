import type {Alert} from '../model/alerts.js';
import type {Snapshot} from '../model/snapshot.js';
import type {TimelineEvent} from '../model/types.js';

const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

/** The alert as `--alert-command` reads it on stdin and `--watch` prints it (version 1). */
export function alertJson(a: Alert): Record<string, unknown> {
	return {
		version: 1,
		state: a.state,
		rule: a.rule,
		subject: a.subject,
		severity: a.severity,
		text: a.text,
		...(a.value === undefined ? {} : {value: a.value}),
		...(a.threshold === undefined ? {} : {threshold: a.threshold}),
		since: iso(a.since),
		...(a.firedAt === undefined ? {} : {firedAt: iso(a.firedAt)}),
		...(a.resolvedAt === undefined ? {} : {resolvedAt: iso(a.resolvedAt)}),
	};
}

/**
 * Follows the snapshots of one monitor and hands out each alert change and each timeline event
 * once: snapshots are also published on pause and for late answers, so "what is new" is tracked here.
 */
export class SnapshotFollower {
	private seq = 0;
	private seen = new Set<TimelineEvent>();

	/** Fired and resolved alerts not handed out before, in order. */
	alertChanges(snapshot: Snapshot): Alert[] {
		const fresh = (snapshot.alerts ?? []).filter(a => a.state !== 'pending' && a.changeSeq > this.seq).sort((a, b) => a.changeSeq - b.changeSeq);
		if (fresh.length > 0) this.seq = fresh[fresh.length - 1]!.changeSeq;
		return fresh;
	}

	/** Timeline events not handed out before (the ring's objects are kept as they are: identity is enough). */
	newEvents(snapshot: Snapshot): TimelineEvent[] {
		const fresh = snapshot.events.filter(e => !this.seen.has(e));
		if (fresh.length > 0) this.seen = new Set(snapshot.events);
		return fresh;
	}
}
