// The fix prompt's key table: which keys act in each phase of the prompt; any other key is text
// (Edit, Confirm) or, where the prompt says so, closes it.
import type {KeyEntry} from './keymap.js';

/** Where the fix prompt is: review → [edit] → [confirm (typed)] → applying → result | offer persist → persisting → done. */
export type FixPhase = 'review' | 'edit' | 'confirm' | 'applying' | 'result' | 'offer-persist' | 'persisting' | 'done';

export interface FixKeymapContext {
	readonly phase: FixPhase;
	/** A secret value is typed, never edited from the proposal. */
	readonly secret: boolean;
	/** High risk: y asks for the node address to be typed. */
	readonly typedConfirmation: boolean;
	readonly readOnly: boolean;
}

/** The fix prompt's table. Cancel is the default: Enter cancels in review; Ctrl+C does nothing while a fix is open. */
export function fixKeymapFor(context: FixKeymapContext): KeyEntry[] {
	let entries: KeyEntry[] = [];
	switch (context.phase) {
		case 'review':
			entries = [
				{keys: ['y'], label: context.typedConfirmation ? 'confirm (typed)' : 'apply', description: 'Apply the fix (high risk: type the node address first)', scope: 'checks', dangerous: true, action: 'fix-apply'},
				...(context.secret ? [] : [{keys: ['e'], label: 'edit value', description: 'Edit the proposed value', scope: 'checks', action: 'fix-edit'} satisfies KeyEntry]),
				{keys: ['escape', 'return', 'n'], label: 'cancel (default)', description: 'Cancel: nothing is sent', scope: 'checks', action: 'fix-cancel'},
			];
			break;
		case 'edit':
		case 'confirm':
			entries = [
				{keys: ['return'], label: context.phase === 'edit' ? 'validate' : 'confirm', description: context.phase === 'edit' ? 'Check the typed value' : 'Apply once the typed confirmation matches', scope: 'checks', dangerous: context.phase === 'confirm', action: 'fix-submit'},
				{keys: ['escape'], label: 'cancel', description: 'Cancel: nothing is sent', scope: 'checks', action: 'fix-cancel'},
			];
			break;
		case 'offer-persist':
			entries = [{keys: ['y'], label: 'persist', description: 'CONFIG REWRITE on the changed nodes (any other key: runtime only)', scope: 'checks', dangerous: true, action: 'fix-persist'}];
			break;
		case 'applying':
		case 'persisting':
		case 'result':
		case 'done':
			break;
	}
	return context.readOnly ? entries.filter(e => !e.dangerous) : entries;
}
