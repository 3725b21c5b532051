import type {Remediation} from '../../source/model/types.js';

/** A CONFIG SET fix of one parameter, as the checks propose it. */
export const fix = (parameter: string, current: string, extra: Partial<Remediation> = {}): Remediation =>
	({node: '10.0.0.1:6379', command: ['CONFIG', 'SET', parameter, 'x'], current, proposed: 'x', risk: 'low', parameter, ...extra});
