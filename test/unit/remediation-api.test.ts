import {describe, expect, it} from 'vitest';
import {groupFixes} from '../../source/remediation/api.js';
import {fix} from './remediation-fix.js';

describe('groupFixes', () => {
	it('keeps one fix for the master and all replicas, separate from another change', () => {
		const a = fix('repl-backlog-size', '1mb', {fixId: 'backlog', node: 'a:1'});
		const b = fix('repl-backlog-size', '1mb', {fixId: 'backlog', node: 'b:1'});
		const c = fix('repl-timeout', '10', {node: 'a:1'});
		expect(groupFixes([a, c, b])).toEqual([[a, b], [c]]);
	});
});
