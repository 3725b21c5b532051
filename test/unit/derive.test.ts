// The pure tick step: the checks list keeps its identity while no verdict changes, so the UI's
// checklist rows are neither rebuilt nor redrawn on a quiet tick (issue 13's client CPU).
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import {describe, expect, test} from 'vitest';
import {defaultSettings} from '../../source/checks/settings.js';
import {Derivation} from '../../source/engine/derive.js';
import type {NodeSample} from '../../source/model/types.js';
import {parseInfo} from '../../source/redis/parse-info.js';

// Captured on a real 7.0.15 lab (the report-json fixtures).
const capture = (name: string) => parseInfo(readFileSync(fileURLToPath(new URL(`../fixtures/${name}.txt`, import.meta.url)), 'utf8'));
const nodes = [['127.0.0.1:26997', 'tui-leader'], ['127.0.0.1:27003', 'tui-follower1'], ['127.0.0.1:27007', 'tui-follower2']] as const;

describe('Derivation', () => {
	test('a tick that changes no verdict, text or evidence keeps the checks list; a changed verdict gives a new one', () => {
		const derivation = new Derivation(defaultSettings);
		const samplesAt = (at: number, names: readonly string[]): NodeSample[] => nodes.map(([address], i) => ({address, at, rttMs: 0.4, reachable: true, info: capture(names[i]!)}));
		const frame = (at: number, samples: readonly NodeSample[]) => derivation.derive({at, samples, via: new Map(), aliases: new Map(), sentinels: []}).checks;
		const t0 = Date.UTC(2026, 0, 1, 3, 0, 0);
		const steady = samplesAt(t0, nodes.map(([, name]) => name));
		for (const s of steady) derivation.absorb(s);
		const first = frame(t0, steady);
		// A straggler's rebuild with nothing new, as the monitor does after a late answer.
		expect(frame(t0 + 200, steady)).toBe(first);
		const lagging = samplesAt(t0 + 1000, ['tui-leader-lagging', 'tui-follower1-lagging', 'tui-follower2']);
		for (const s of lagging) derivation.absorb(s);
		const next = frame(t0 + 1000, lagging);
		expect(next).not.toBe(first);
		expect(next.filter((c, i) => c !== first[i]).length).toBeGreaterThan(0);
	});
});
