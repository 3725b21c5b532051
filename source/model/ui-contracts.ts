import type {Address, CheckResult, Remediation} from './types.js';

/** Lab-only actions (fault injection). Present only when the monitor runs on the built-in lab. */
export interface LabAction {
	readonly id: string; // 'pause-follower', 'kill-leader', …
	readonly key: string; // single key in the keymap
	readonly description: string; // footer/help text
	/** Needs a follower picked (the selected node, when it is a follower). */
	readonly target: 'follower' | 'leader' | 'none';
}

export interface LabControls {
	readonly actions: readonly LabAction[];
	/** Runs an action; resolves to one line saying what was done (shown in the status line and timeline). */
	run(id: string, target?: Address): Promise<string>;
}

/**
 * What is known about one node's change: confirmed by the read-back; sent and refused by the server
 * (error reply: nothing changed); sent and stored differently; sent with no reply (connection closed,
 * timed out, interrupted: read back on a new connection); or never sent.
 */
export type StepOutcome = 'sent-and-confirmed' | 'sent-and-refused' | 'sent-read-back-differs' | 'sent-outcome-unknown' | 'not-sent';

export interface ApplyStep {
	readonly node: Address;
	readonly outcome?: StepOutcome;
	/** After an unknown outcome: the value read on a new connection (masked for secrets). */
	readonly readBack?: string;
	/** The command as sent, secrets masked. */
	readonly command: readonly string[];
	readonly before?: string;
	readonly after?: string; // read back with CONFIG GET
	readonly ok: boolean;
	readonly error?: string; // verbatim server error
	readonly meaning?: string; // what the error means for the operator
}

export interface ApplyOutcome {
	readonly steps: readonly ApplyStep[];
	/** True when every node was changed and verified. */
	readonly ok: boolean;
}

/** What the UI can ask of the remediation engine. Absent in --read-only. */
export interface RemediationApi {
	/** An error line when the (edited) value is not acceptable for this parameter, before anything is sent. */
	validate(remediation: Remediation, value: string): string | undefined;
	/** Applies one fix node by node, stopping at the first failure. */
	apply(check: CheckResult, remediations: readonly Remediation[], value: string): Promise<ApplyOutcome>;
	/** CONFIG REWRITE on one node, after its own confirmation. */
	persist(node: Address): Promise<{readonly ok: boolean; readonly message: string}>;
	/** Records a cancelled attempt in the audit log. */
	cancelled(check: CheckResult, remediations: readonly Remediation[]): void;
	/**
	 * The process is stopping (a signal): nothing more is sent; the node in flight is finished within
	 * a bound or recorded as "outcome unknown" with what a new connection reads.
	 */
	interrupt?(reason: string): Promise<void>;
	/** Where every attempt is written (shown in the fix prompt). */
	readonly auditLogPath?: string;
}

/** The MONITOR sample of one node (checklist 1.1 step 3): it costs throughput, so the UI shows the warning and asks first. */
export interface MonitorSampleControls {
	readonly warning: string;
	/** Samples the node for at most 5 s; running totals and the result as one line each (command names and counts, never arguments). */
	run(node: Address, onProgress: (line: string) => void): Promise<string>;
}

/** The record key: starts or stops a recording of the live run. */
export interface RecordingControls {
	/** Resolves to one line for the status line (where the file is, or why it could not start). */
	toggle(): Promise<string>;
	close(): Promise<void>;
}

/** Playback of a recording (`replwatch replay FILE`). */
export interface ReplayControls {
	step(): void;
	faster(): void;
	slower(): void;
	/** Plays until the next timeline event (or a check newly failing); returns one line. */
	nextEvent(): string;
	nextFail(): string;
	/** `REPLAY 01:02:03 UTC ×4 PLAY 120/3600`: recorded clock, speed, state, frame. */
	status(): string;
}

export interface UiOptions {
	readonly readOnly: boolean;
	readonly ascii: boolean;
	readonly intervalMs: number;
	/** Start in the guided walkthrough. */
	readonly walkthrough?: boolean;
	/** Where the walkthrough's Markdown report is written (default: the state directory's reports/). */
	readonly reportDir?: string;
	readonly lab?: LabControls;
	readonly remediation?: RemediationApi;
	readonly monitorSample?: MonitorSampleControls;
	readonly recording?: RecordingControls;
	readonly replay?: ReplayControls;
	/** How long an alert's condition must hold before it fires (the alert screen shows progress). */
	readonly alertForSeconds?: number;
}
