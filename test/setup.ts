// React's act() only works quietly when the environment says so (ink-stack-notes gotcha 7).
(globalThis as {IS_REACT_ACT_ENVIRONMENT?: boolean}).IS_REACT_ACT_ENVIRONMENT = true;
// Ink only prints the last frame when CI is set; bin/replwatch.js clears it for a terminal, and the
// tests that render Ink into a fake terminal need the same (CI runs this suite with CI=true).
if ('CI' in process.env) process.env.CI = 'false';
