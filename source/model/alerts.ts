// What the alert engine publishes with every snapshot (issue 16). Types only: the engine is source/alerts.

export type AlertRule = 'lag-seconds' | 'lag-bytes' | 'link-down' | 'node-down' | 'failover' | 'split-brain' | 'writes-paused' | 'full-sync-loop' | 'check';
export type AlertSeverity = 'warning' | 'critical';
export type AlertState = 'pending' | 'firing' | 'resolved';

/** A condition as one tick's rules see it; the key (rule + subject) names one alert. */
export interface AlertCondition {
	readonly key: string;
	readonly rule: AlertRule;
	/** The follower, node or check id the alert is about. */
	readonly subject: string;
	/** A check alert: the check's title (the subject is its id). */
	readonly title?: string;
	readonly severity: AlertSeverity;
	/** One line, derived from the numbers (`seconds behind 3.2 s > 1 s`). */
	readonly text: string;
	readonly value?: number;
	readonly threshold?: number;
	/** Events (a failover) fire at once: they cannot "hold". */
	readonly immediate?: boolean;
	/**
	 * What the condition depends on cannot be read now (a check gone `unknown`, lag not measurable
	 * because a node died): an alert already pending or firing stays as it is, neither resolved nor
	 * advanced; nothing new starts from it.
	 */
	readonly unknown?: true;
}

export interface Alert extends AlertCondition {
	readonly state: AlertState;
	/** When the condition was first seen (start of pending). */
	readonly since: number;
	readonly firedAt?: number;
	readonly resolvedAt?: number;
	/** Last time the condition held. */
	readonly lastTrueAt: number;
	/** Increases on every fire and resolve (engine-wide): a consumer handles each change once. */
	readonly changeSeq: number;
}
