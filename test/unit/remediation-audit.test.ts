import {describe, expect, it} from 'vitest';
import {maskCommand, defaultAuditPath} from '../../source/remediation/audit.js';

describe('audit helpers', () => {
	it('masks secret values and follows XDG_STATE_HOME', () => {
		expect(maskCommand(['CONFIG', 'SET', 'masterauth', 'pw'])).toEqual(['CONFIG', 'SET', 'masterauth', '***']);
		expect(maskCommand(['SENTINEL', 'SET', 'm', 'auth-pass', 'pw'])).toEqual(['SENTINEL', 'SET', 'm', 'auth-pass', '***']);
		expect(defaultAuditPath({XDG_STATE_HOME: '/s'}, '/h')).toBe('/s/replwatch/audit.log');
		expect(defaultAuditPath({}, '/h')).toBe('/h/.local/state/replwatch/audit.log');
	});
});
