import type {Alert, AlertCondition, AlertSeverity} from '../model/alerts.js';

export interface HysteresisSettings {
	/** The condition must have held this long before the alert fires. */
	readonly forMs: number;
	/** A pending or firing alert ends once the condition has been clear this long. */
	readonly clearMs: number;
	/** Resolved alerts kept for the alert list. */
	readonly keepResolved?: number;
}

export interface AlertUpdate {
	/** Pending and firing alerts (firing first, then by key), then the most recent resolved ones. */
	readonly alerts: readonly Alert[];
	/** Alerts that fired or resolved in this update, in order. */
	readonly changes: readonly Alert[];
}

/**
 * One state machine per alert key: inactive → pending → firing → resolved. A gap shorter than
 * clearMs neither resets pending nor resolves a firing alert, so a link flapping every second
 * fires once and stays firing until it has been steady for clearMs. A condition that held only
 * briefly (it is clear when forMs is reached) never fires.
 */
const rank: Record<AlertSeverity, number> = {warning: 1, critical: 2};

export class AlertTracker {
	private readonly active = new Map<string, Alert>();
	private resolved: Alert[] = [];
	private seq = 0;

	constructor(private readonly settings: HysteresisSettings) {}

	update(conditions: readonly AlertCondition[], now: number): AlertUpdate {
		const changes: Alert[] = [];
		const seen = new Set<string>();
		for (const c of conditions) {
			if (seen.has(c.key)) continue;
			seen.add(c.key);
			const was = this.active.get(c.key);
			if (c.unknown) {
				// Unknown is not clear: whatever it was stays, unresolved, until it can be read again.
				if (was) this.active.set(c.key, {...was, lastTrueAt: now});
				continue;
			}
			let next: Alert = was ? {...was, ...c, state: was.state, lastTrueAt: now} : {...c, state: 'pending', since: now, lastTrueAt: now, changeSeq: this.seq};
			if (next.state === 'pending' && (c.immediate || now - next.since >= this.settings.forMs)) {
				next = {...next, state: 'firing', firedAt: now, changeSeq: ++this.seq};
				changes.push(next);
			} else if (was?.state === 'firing' && rank[c.severity] > rank[was.severity]) {
				// Worse than what was sent (warning → critical): sent again, at its new severity.
				next = {...next, changeSeq: ++this.seq};
				changes.push(next);
			}
			this.active.set(c.key, next);
		}
		for (const [key, alert] of this.active) {
			if (seen.has(key) || now - alert.lastTrueAt < this.settings.clearMs) continue;
			this.active.delete(key);
			if (alert.state !== 'firing') continue;
			const done: Alert = {...alert, state: 'resolved', resolvedAt: now, changeSeq: ++this.seq};
			changes.push(done);
			this.resolved.unshift(done);
		}
		this.resolved = this.resolved.slice(0, this.settings.keepResolved ?? 20);
		const order = (a: Alert) => (a.state === 'firing' ? 0 : 1);
		const current = [...this.active.values()].sort((a, b) => order(a) - order(b) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
		return {alerts: [...current, ...this.resolved], changes};
	}
}
