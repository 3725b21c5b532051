import type {Settings} from '../checks/settings.js';
import {AlertRules, type RuleInput} from './rules.js';
import {AlertTracker, type AlertUpdate} from './tracker.js';

/** Rules plus one hysteresis state machine per alert: fed once per tick by the monitor. */
export class AlertEngine {
	private readonly rules: AlertRules;
	private readonly tracker: AlertTracker;

	constructor(settings: Settings) {
		this.rules = new AlertRules(settings);
		this.tracker = new AlertTracker({forMs: settings.alertForSeconds * 1000, clearMs: settings.alertClearSeconds * 1000});
	}

	evaluate(input: RuleInput): AlertUpdate {
		return this.tracker.update(this.rules.evaluate(input), input.at);
	}
}
