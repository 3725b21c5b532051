import type {ParsedInfo} from '../model/types.js';

/**
 * The last full INFO with the sections of a newer, lighter INFO laid over it, so that consumers
 * always see every field. A section present in `light` replaces the whole section of `full`
 * (a `slave1` line or `master_sync_*` fields that disappeared must not linger).
 */
export function mergeInfo(full: ParsedInfo | undefined, light: ParsedInfo): ParsedInfo {
	if (!full) return light;
	const sections = {...full.sections, ...light.sections};
	const fields: Record<string, string> = {};
	for (const section of Object.values(sections)) Object.assign(fields, section);
	const lightHas = (name: string) => light.sections[name] !== undefined;
	return {
		fields,
		sections,
		replicas: lightHas('replication') ? light.replicas : full.replicas,
		commandstats: lightHas('commandstats') ? light.commandstats : full.commandstats,
		errorstats: lightHas('errorstats') ? light.errorstats : full.errorstats,
	};
}

/** Several INFO replies (one per section, as sent to servers older than 7.0) → one reply text. */
export function joinInfoTexts(texts: readonly unknown[]): string {
	return texts.map(t => (typeof t === 'string' ? t : Buffer.isBuffer(t) ? t.toString('utf8') : '')).join('\r\n');
}
