#!/usr/bin/env node
// Chalk ignores NO_COLOR; FORCE_COLOR=0 must be set before ink loads (ink-stack-notes gotcha 5).
if ('NO_COLOR' in process.env && process.env.NO_COLOR !== '') process.env.FORCE_COLOR = '0';
await import('../dist/main.js');
