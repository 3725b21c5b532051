// A team's note on a check, as the walkthrough's `e` takes it: free text, with optional fields a
// report shows beside the item ("status: accepted; decision: leave disk sync, OPS-123; owner: Bo").
export interface TeamNote {
	/** The words that are not a field. */
	readonly text: string;
	readonly status?: string;
	readonly decision?: string;
	readonly owner?: string;
}

const fieldNames = ['status', 'decision', 'owner'] as const;

/** Fields are `name: value` pieces separated by `;` or a line break; everything else is the note's text. */
export function parseNote(raw: string): TeamNote {
	const rest: string[] = [];
	const fields: Partial<Record<(typeof fieldNames)[number], string>> = {};
	for (const piece of raw.split(/[;\n]/).map(p => p.trim()).filter(Boolean)) {
		const match = /^(status|decision|owner)\s*:\s*(.+)$/i.exec(piece);
		if (match) fields[match[1]!.toLowerCase() as (typeof fieldNames)[number]] = match[2]!.trim();
		else rest.push(piece);
	}
	return {text: rest.join('; '), ...fields};
}

/** `Status: accepted · Decision: … · Owner: Bo · note text`, for one line beside the item. */
export function noteLine(note: TeamNote): string {
	const parts = [note.status ? `Status: ${note.status}` : '', note.decision ? `Decision: ${note.decision}` : '', note.owner ? `Owner: ${note.owner}` : '', note.text];
	return parts.filter(Boolean).join(' · ');
}
