/** Alert thresholds (issue 16), part of the `--config` settings. Lag defaults follow spec G 1.2.4. */
export interface AlertSettings {
	/** A condition fires once it has held this long (gaps shorter than alertClearSeconds do not reset it). */
	readonly alertForSeconds: number;
	/** A firing (or pending) alert resolves once its condition has been clear this long. */
	readonly alertClearSeconds: number;
	/** Seconds behind that make a lag alert (default: 1.2.4's FAIL threshold). */
	readonly alertLagSeconds: number;
	/** Bytes behind that make a lag alert; 0 = lagBacklogWarnShare of the leader's repl-backlog-size (1.2.4 WARN). */
	readonly alertLagBytes: number;
	/** A failover (a node became master) stays an alert this long. */
	readonly alertEventHoldSeconds: number;
	/** Any check at warn or fail is an alert; false = only fail. */
	readonly alertOnCheckWarn: boolean;
	/** Longest run of `--alert-command` before it is killed. */
	readonly alertCommandTimeoutSeconds: number;
}

export const defaultAlertSettings: AlertSettings = {
	alertForSeconds: 5,
	alertClearSeconds: 10,
	alertLagSeconds: 10,
	alertLagBytes: 0,
	alertEventHoldSeconds: 60,
	alertOnCheckWarn: true,
	alertCommandTimeoutSeconds: 10,
};
