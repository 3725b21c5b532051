import React from 'react';
import {Box} from 'ink';
import {render} from 'ink-testing-library';
import {expect, test} from 'vitest';
import {StatusLine, type StatusLineProps} from '../../components/StatusLine.js';

const audit = '/tmp/replwatch-lab-wpf4JK/audit.log';
const base: StatusLineProps = {
	tick: 12, intervalMs: 1000, lastTickMs: 3, overdueSeconds: null, paused: false, up: 3, unreachable: 0, linksDown: 0,
	counts: {fail: 0, warn: 3, pass: 45, unknown: 4, info: 2}, readOnly: false, lab: true, filter: '', auditLog: audit, ascii: false,
};
const line = (props: Partial<StatusLineProps>, columns = 80) => {
	const {lastFrame} = render(<Box width={columns}><StatusLine {...base} {...props} width={columns} /></Box>);
	return lastFrame()!.split('\n')[0]!;
};

test('at 80 columns the audit log takes at most 18 columns, none beside the lab\'s feedback; whole when it fits', () => {
	expect(line({})).toBe(`replwatch [lab] · every 1s · nodes 3 up · ✖0 !3 ✔45 · audit /…/audit.log`);
	expect(line({message: 'follower 127.0.0.1:25501 paused (SIGSTOP): s resumes it'})).toBe('replwatch [lab] · every 1s · nodes 3 up · ✖0 !3 ✔45 · follower 127.0.0.1:25501 …');
	expect(line({}, 120)).toContain(`audit log ${audit}`);
	// A node down and links down leave a dozen columns: the file name still shows.
	const tight = line({up: 2, unreachable: 1});
	expect(tight.length).toBeLessThanOrEqual(80);
	expect(tight).toBe('replwatch [lab] · every 1s · nodes 2 up 1 unreachable · ✖0 !3 ✔45 · /…/audit.log');
});
