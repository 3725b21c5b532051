#!/usr/bin/env -S node --max-semi-space-size=1 --interrupt-budget=1048576
// --max-semi-space-size=1 (MB): V8 otherwise grows the young generation up to 16 MB per semi-space for
// a process that allocates a little every tick and keeps almost none of it (3-node lab: RSS peak
// 103-118 MB without, 88.6 MB with, same CPU). V8 reads it only at start, so it is in the shebang
// (npm's bin link runs it) and in the npm scripts; bench/proc.ts reads it from this line.
// --interrupt-budget=1048576 (bytes of bytecode run before V8 considers optimising a function, 16x
// the default): at one tick a second V8's TurboFan kept optimising the same small per-tick closures
// again and again (100 nodes: 968 optimised compiles in 65 s, one closure 17 times, on V8's worker
// threads) and that cost more than it saved. Measured with bench/budgets.ts (client CPU by thread):
// 3 nodes 2.93 % (main 1.55, V8 workers 1.35) -> 1.62 % (1.37, 0.23); 100 nodes 14.5-16.3 %
// (workers 7.4-8.5) -> 8.73 % (main 6.61, workers 2.09); the 1000-node engine tick is unchanged.
// Chalk ignores NO_COLOR; FORCE_COLOR=0 must be set before ink loads (ink-stack-notes gotcha 5).
if ('NO_COLOR' in process.env && process.env.NO_COLOR !== '') process.env.FORCE_COLOR = '0';
// Ink renders only the last frame when it thinks it runs in CI (CI=true). A terminal is a person
// watching, whatever the environment says; a pipe gets the headless report anyway.
if (process.stdout.isTTY) {
	if ('CI' in process.env) process.env.CI = 'false';
	if ('CONTINUOUS_INTEGRATION' in process.env) process.env.CONTINUOUS_INTEGRATION = 'false';
}
// A monitor allocates every tick data that lives a few ticks (samples kept for deltas, last tick's
// results), so V8's default old-space growth (up to 4x the live heap before a full GC) let a
// 100-node serve reach 180-220 MB RSS with ~27 MB live. Growing by 20 % keeps it near 140 MB for
// about the same CPU (two serves side by side on one 100-node fleet for 2 min, scraped every second:
// 137 vs 211 MB RSS, 7.9 vs 7.7 % of a core).
(await import('node:v8')).setFlagsFromString('--heap-growing-percent=20');
await import('../dist/main.js');
