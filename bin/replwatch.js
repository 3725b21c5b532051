#!/usr/bin/env node
// Chalk ignores NO_COLOR; FORCE_COLOR=0 must be set before ink loads (ink-stack-notes gotcha 5).
if ('NO_COLOR' in process.env && process.env.NO_COLOR !== '') process.env.FORCE_COLOR = '0';
// Ink renders only the last frame when it thinks it runs in CI (CI=true). A terminal is a person
// watching, whatever the environment says; a pipe gets the headless report anyway.
if (process.stdout.isTTY) {
	if ('CI' in process.env) process.env.CI = 'false';
	if ('CONTINUOUS_INTEGRATION' in process.env) process.env.CONTINUOUS_INTEGRATION = 'false';
}
await import('../dist/main.js');
