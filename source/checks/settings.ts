import {maxConfigFileBytes, readBounded} from '../io/read-bounded.js';
import {defaultAlertSettings, type AlertSettings} from './alert-settings.js';

/** Thresholds of the checklist (spec section G, all [HEURISTIC] unless noted): every one can be set in a `--config` JSON file. */
export interface Settings extends AlertSettings {
	/** 1.1.4: share of reads the followers should serve. */
	readonly readShareTarget: number;
	/** 1.1.4: fewer reads than this in the window is inconclusive. */
	readonly minReads: number;
	/** 1.1.4 / 2.1.4: shortest window for routing deltas. */
	readonly routingWindowSeconds: number;
	/** Shortest window for other counter deltas (errorstats, CPU, sync counters). */
	readonly deltaWindowSeconds: number;
	/** 1.2.2: PASS up to ping period + this many seconds. */
	readonly ioFreshnessSlackSeconds: number;
	/** 1.2.3 */
	readonly ackLagWarnSeconds: number;
	readonly ackLagFailSeconds: number;
	/** 1.2.4 */
	readonly lagWarnSeconds: number;
	readonly lagFailSeconds: number;
	readonly lagBacklogWarnShare: number;
	/** 1.2.5 */
	readonly applyBacklogWarnBytes: number;
	readonly applyBacklogSamples: number;
	/** 1.2.6 */
	readonly cpuWarnPercent: number;
	readonly memoryWarnShare: number;
	readonly rssWarnShare: number;
	/** 1.2.6 / 4.3 */
	readonly forkWarnUsec: number;
	/** 1.2.7 */
	readonly rttWarnMs: number;
	/** 1.3.1 */
	readonly minOnlineReplicas: number;
	/** 2.1.1 */
	readonly minReplicasMaxLagPass: number;
	readonly minReplicasMaxLagWarn: number;
	/** 2.1.4 */
	readonly waitSharePass: number;
	readonly waitShareWarn: number;
	/** 2.2.2 */
	readonly disklessDelayMaxSeconds: number;
	/** 2.3.1: full syncs per replica per hour that make a loop. */
	readonly fullSyncLoopPerHour: number;
	/** 2.3.2 */
	readonly partialOkRatio: number;
	readonly partialMinAttempts: number;
	/** 2.3.3 */
	readonly backlogTtlPassSeconds: number;
	readonly backlogTtlWarnSeconds: number;
	/** 2.4.2 (E.2): longest disconnection to survive without a full sync. */
	readonly disconnectToleranceSeconds: number;
	readonly backlogSafetyFactor: number;
	readonly backlogMinBytes: number;
	/** 3.1 */
	readonly minSentinels: number;
	/** 3.5 / 3.6 */
	readonly downAfterMinMs: number;
	readonly downAfterMaxMs: number;
	readonly failoverTimeoutMinMs: number;
	/** 4.4: a master up for less than this after a run_id change restarted recently. */
	readonly recentRestartSeconds: number;
	/** 5.1: the operator declares the network private (no auth accepted). */
	readonly privateNetwork: boolean;
	/** 5.4: replication links cross untrusted networks (TLS expected). */
	readonly untrustedLinks: boolean;
	/** 6.1 (E.3): floor of the full-sync duration estimate, and the transfer bandwidth assumed. */
	readonly fullSyncMinSeconds: number;
	readonly syncBandwidthBytesPerSec: number;
	/** 6.2 */
	readonly replTimeoutMinSeconds: number;
	/** 6.3 */
	readonly replicaBufferWarnShare: number;
}

const MiB = 1024 * 1024;

export const defaultSettings: Settings = Object.freeze({
	readShareTarget: 0.5,
	minReads: 100,
	routingWindowSeconds: 10,
	deltaWindowSeconds: 1,
	ioFreshnessSlackSeconds: 2,
	ackLagWarnSeconds: 2,
	ackLagFailSeconds: 10,
	lagWarnSeconds: 1,
	lagFailSeconds: 10,
	lagBacklogWarnShare: 0.5,
	applyBacklogWarnBytes: MiB,
	applyBacklogSamples: 3,
	cpuWarnPercent: 80,
	memoryWarnShare: 0.9,
	rssWarnShare: 0.8,
	forkWarnUsec: 500_000,
	rttWarnMs: 10,
	minOnlineReplicas: 2,
	minReplicasMaxLagPass: 5,
	minReplicasMaxLagWarn: 3,
	waitSharePass: 0.1,
	waitShareWarn: 0.5,
	disklessDelayMaxSeconds: 10,
	fullSyncLoopPerHour: 2,
	partialOkRatio: 0.9,
	partialMinAttempts: 3,
	backlogTtlPassSeconds: 3600,
	backlogTtlWarnSeconds: 600,
	disconnectToleranceSeconds: 60,
	backlogSafetyFactor: 2,
	backlogMinBytes: MiB,
	minSentinels: 3,
	downAfterMinMs: 2000,
	downAfterMaxMs: 60_000,
	failoverTimeoutMinMs: 30_000,
	recentRestartSeconds: 600,
	privateNetwork: false,
	untrustedLinks: false,
	fullSyncMinSeconds: 10,
	syncBandwidthBytesPerSec: 100 * MiB,
	replTimeoutMinSeconds: 30,
	replicaBufferWarnShare: 0.1,
	...defaultAlertSettings,
});

/** Bad `--config` content: one line, meant for stderr (the CLI exits with 3). */
export class SettingsError extends Error {
	override readonly name = 'SettingsError';
}

function validate(raw: unknown, source: string): Settings {
	if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new SettingsError(`${source}: expected a JSON object of settings`);
	const out: Record<string, number | boolean> = {...defaultSettings};
	for (const [key, value] of Object.entries(raw)) {
		if (!(key in defaultSettings)) throw new SettingsError(`${source}: unknown setting "${key}"`);
		const expected = typeof defaultSettings[key as keyof Settings];
		if (expected === 'boolean') {
			if (typeof value !== 'boolean') throw new SettingsError(`${source}: setting "${key}" must be true or false`);
		} else if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
			throw new SettingsError(`${source}: setting "${key}" must be a number ≥ 0`);
		}
		out[key] = value;
	}
	for (const key of ['readShareTarget', 'lagBacklogWarnShare', 'memoryWarnShare', 'rssWarnShare', 'waitSharePass', 'waitShareWarn', 'partialOkRatio', 'replicaBufferWarnShare'] as const) {
		if ((out[key] as number) > 1) throw new SettingsError(`${source}: setting "${key}" is a share and must be between 0 and 1`);
	}
	return Object.freeze(out) as unknown as Settings;
}

/** The defaults, or the defaults overlaid with a JSON file's keys. Throws SettingsError (one line) on bad input. */
export function loadSettings(path?: string): Settings {
	if (path === undefined) return defaultSettings;
	let text: string;
	try {
		text = readBounded(path, '--config', maxConfigFileBytes).toString('utf8');
	} catch (error) {
		throw new SettingsError((error as Error).message);
	}
	let raw: unknown;
	try {
		raw = JSON.parse(text);
	} catch (error) {
		throw new SettingsError(`${path}: not valid JSON (${(error as Error).message.split('\n')[0]})`);
	}
	return validate(raw, path);
}

/** Settings from an object (already parsed); same validation as a file. */
export function settingsFrom(raw: unknown, source = 'settings'): Settings {
	return validate(raw, source);
}
