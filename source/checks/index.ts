import type {CheckResult, CheckStatus} from '../model/types.js';
import {sanitize} from '../model/sanitize.js';
import type {CheckContext} from './context.js';
import {registry} from './registry.js';

export type {CheckContext} from './context.js';
export {loadSettings, settingsFrom, defaultSettings, SettingsError, type Settings} from './settings.js';
export {checkIds} from './registry.js';

/** Every check of the checklist, in order; one that throws becomes `unknown` with the error text. */
export function runChecks(ctx: CheckContext): CheckResult[] {
	return registry.map(info => {
		const base = {id: info.id, section: info.section, title: info.title};
		try {
			const v = info.run(ctx);
			return {
				...base,
				status: v.status,
				summary: sanitize(v.summary),
				evidence: (v.evidence ?? []).map(e => ({node: e.node, text: sanitize(e.text)})),
				...(v.recommendation ? {recommendation: sanitize(v.recommendation)} : {}),
				remediations: v.remediations ?? [],
			};
		} catch (error) {
			const message = sanitize(error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
			return {...base, status: 'unknown' as const, summary: `check failed to evaluate: ${message}`, evidence: [], remediations: []};
		}
	});
}

/**
 * The status that decides the exit code: fail if any check fails, else warn if any warns, else
 * pass if any passes; info and unknown never make a run worse than pass (unknown only when nothing else).
 */
export function worstStatus(results: readonly Pick<CheckResult, 'status'>[]): CheckStatus {
	const has = (s: CheckStatus) => results.some(r => r.status === s);
	if (has('fail')) return 'fail';
	if (has('warn')) return 'warn';
	if (has('pass')) return 'pass';
	if (has('info')) return 'info';
	return 'unknown';
}
