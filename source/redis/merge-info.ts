import type {ParsedInfo} from '../model/types.js';

/** A merged reply's `fields` → the full reply they extend (its fields are their prototype). */
const baseOf = new WeakMap<object, ParsedInfo>();

/**
 * The last full INFO with the sections of a newer, lighter INFO laid over it, so that consumers
 * always see every field. A section present in `light` replaces the whole section of `full`
 * (a `slave1` line or `master_sync_*` fields that disappeared must not linger).
 */
export function mergeInfo(full: ParsedInfo | undefined, light: ParsedInfo): ParsedInfo {
	if (!full) return light;
	const sections = {...full.sections, ...light.sections};
	const lightHas = (name: string) => light.sections[name] !== undefined;
	const rest = {
		sections,
		replicas: lightHas('replication') ? light.replicas : full.replicas,
		...((lightHas('replication') ? light : full).replicasOmitted ? {replicasOmitted: (lightHas('replication') ? light : full).replicasOmitted} : {}),
		commandstats: lightHas('commandstats') ? light.commandstats : full.commandstats,
		errorstats: lightHas('errorstats') ? light.errorstats : full.errorstats,
		// ROLE's offsets are newer than the replication section they were read after, not than a new one.
		...(!lightHas('replication') && full.roleOffsets ? {roleOffsets: full.roleOffsets} : {}),
	};
	// History keeps many merged replies per node: a flat copy of ~300 fields each tick was most of
	// the memory at 100 nodes. When only light sections changed since the full reply, and none of
	// their fields vanished, the new fields inherit the full reply's and hold only the light ones.
	const base = baseOf.get(full.fields) ?? full;
	const layered = Object.keys(sections).every(name => sections[name] === base.sections[name] || lightHas(name))
		&& Object.keys(light.sections).every(name => Object.keys(base.sections[name] ?? {}).every(key => key in light.sections[name]!));
	if (layered) {
		const fields = Object.create(base.fields) as Record<string, string>;
		for (const section of Object.values(light.sections)) Object.assign(fields, section);
		baseOf.set(fields, base);
		return {fields, ...rest};
	}
	const fields: Record<string, string> = Object.create(null) as Record<string, string>;
	for (const section of Object.values(sections)) Object.assign(fields, section);
	return {fields, ...rest};
}

/** Several INFO replies (one per section, as sent to servers older than 7.0) → one reply text. */
export function joinInfoTexts(texts: readonly unknown[]): string {
	return texts.map(t => (typeof t === 'string' ? t : Buffer.isBuffer(t) ? t.toString('utf8') : '')).join('\r\n');
}
