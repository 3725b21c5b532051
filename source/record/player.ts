// Plays a Replay in recorded time (1×–60×) for the TUI: it is the TUI's MonitorHandle.
import type {MonitorHandle, Snapshot} from '../model/snapshot.js';
import type {ReplayControls} from '../model/ui-contracts.js';
import type {Replay} from './replay.js';

export const replaySpeeds: readonly number[] = [1, 2, 5, 10, 30, 60];
// A gap in the recording (paused, or the recorder was off) is not waited out in full.
const maxWaitMs = 3000;

export interface Player extends MonitorHandle, ReplayControls {}

export interface PlayerOptions {
	readonly speed?: number;
	/** One line shown with the clock (a damaged file). */
	readonly warning?: string;
}

export function createPlayer(replay: Replay, options: PlayerOptions = {}): Player {
	let speedIndex = Math.max(0, replaySpeeds.indexOf(options.speed ?? 1));
	let paused = false;
	let stopped = false;
	let timer: NodeJS.Timeout | undefined;
	const listeners = new Set<(s: Snapshot) => void>();
	replay.step();
	let snapshot = view();

	function view(): Snapshot {
		return Object.freeze({...replay.snapshot, paused});
	}

	function publish(): void {
		snapshot = view();
		for (const l of [...listeners]) {
			try {
				l(snapshot);
			} catch {
				// a listener's failure must not stop playback
			}
		}
	}

	function schedule(): void {
		if (timer) clearTimeout(timer);
		timer = undefined;
		if (paused || stopped) return;
		const next = replay.nextAt();
		if (next === undefined) return;
		const now = replay.snapshot.lastTickAt ?? next;
		timer = setTimeout(() => {
			timer = undefined;
			replay.step();
			publish();
			schedule();
		}, Math.min(maxWaitMs, Math.max(0, (next - now) / replaySpeeds[speedIndex]!)));
		timer.unref?.();
	}

	/** Steps until `found` says the new snapshot is what was looked for; paused afterwards. */
	function jump(found: (before: Snapshot, after: Snapshot) => string | undefined, what: string): string {
		paused = true;
		schedule();
		const before = replay.snapshot;
		let line: string | undefined;
		while (!line && replay.step()) line = found(before, replay.snapshot);
		publish();
		return line ?? `no ${what} until the end of the recording`;
	}

	// The recorded time of day (UTC); the date is in the report and the help of a long recording is rare.
	const clock = (at: number | null) => (at === null ? '--:--:--' : `${new Date(at).toISOString().slice(11, 19)} UTC`);

	return {
		getSnapshot: () => snapshot,
		subscribe(listener) {
			listeners.add(listener);
			schedule();
			return () => listeners.delete(listener);
		},
		setPaused(value) {
			paused = value;
			publish();
			schedule();
		},
		async stop() {
			stopped = true;
			if (timer) clearTimeout(timer);
			listeners.clear();
		},
		step() {
			paused = true;
			schedule();
			replay.step();
			publish();
		},
		faster() {
			speedIndex = Math.min(replaySpeeds.length - 1, speedIndex + 1);
			publish();
			schedule();
		},
		slower() {
			speedIndex = Math.max(0, speedIndex - 1);
			publish();
			schedule();
		},
		nextEvent: () => jump((before, after) => {
			const fresh = after.events.slice(before.events.length > 0 ? after.events.lastIndexOf(before.events.at(-1)!) + 1 : 0).filter(e => e.kind !== 'discovered');
			const e = fresh[0];
			return e ? `${new Date(e.at).toISOString().slice(11, 19)} ${e.node} ${e.kind}: ${e.text}` : undefined;
		}, 'event'),
		nextFail: () => jump((before, after) => {
			const was = new Set(before.checks.filter(c => c.status === 'fail').map(c => c.id));
			const c = after.checks.find(x => x.status === 'fail' && !was.has(x.id));
			if (c) return `${c.id} fails: ${c.summary}`;
			const down = Object.values(after.topology.nodes).find(n => !n.sample.reachable && before.topology.nodes[n.address]?.sample.reachable);
			return down ? `${down.address} unreachable` : undefined;
		}, 'new failure'),
		status() {
			const state = replay.atEnd ? 'END' : paused ? 'PAUSED' : 'PLAY';
			return `REPLAY ${clock(snapshot.lastTickAt)} ×${replaySpeeds[speedIndex]} ${state} ${replay.position}/${replay.totalFrames}${options.warning ? ' · damaged file, replays up to the damage' : ''}`;
		},
	};
}
