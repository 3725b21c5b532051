// What the TUI shows of alerts: the banner line under the status line and the alert screen (key a).
import type {Alert} from '../source/model/alerts.js';
import {sanitize} from '../source/model/sanitize.js';
import {fit, humanSeconds} from './format.js';
import type {Line} from './Lines.js';

const stateRank: Readonly<Record<Alert['state'], number>> = {firing: 0, pending: 1, resolved: 2};
/** Most urgent first: firing, critical, the most recent, then what the data path shows (node, link, lag) before checklist verdicts. */
function urgency(a: Alert, b: Alert): number {
	return stateRank[a.state] - stateRank[b.state]
		|| (a.severity === b.severity ? 0 : a.severity === 'critical' ? -1 : 1)
		|| (b.firedAt ?? b.since) - (a.firedAt ?? a.since)
		|| (a.rule === 'check' ? 1 : 0) - (b.rule === 'check' ? 1 : 0);
}

/** Firing and still true at the last evaluation (`now`): an alert in its clear time is old news for the banner. */
const current = (alerts: readonly Alert[] | undefined, now: number | undefined) =>
	(alerts ?? []).filter(a => a.state === 'firing' && (now === undefined || a.lastTrueAt >= now)).sort(urgency);
const subjectOf = (a: Alert) => (a.rule === 'check' ? ` ${sanitize(a.subject)}${a.title ? ` ${sanitize(a.title)}` : ''}` : ` ${sanitize(a.subject)}`);
/** `127.0.0.1:25501` → `…:25501` where a line has no room for hosts. */
const shortSubject = (a: Alert, ascii: boolean) => sanitize(a.subject).replace(/^.+(:\d+)$/, `${ascii ? '...' : '…'}$1`);

export interface Banner {
	readonly text: string;
	readonly color: 'red' | 'yellow';
	readonly bold: boolean;
}

/**
 * One line naming the worst current alert and how many more there are; undefined when none fires now. Its mark,
 * word and colour say the severity: a critical alert is a red `▲ ALERT`, a warning (a checklist warn on a
 * healthy lab) a yellow `△ warning`, so a first glance does not read an incident where there is none.
 * `now` is the time of the last evaluation (the topology's): a firing alert whose condition no longer held
 * then (a node back up, a split brain over) is in its clear time and leaves the banner.
 */
export function bannerText(alerts: readonly Alert[] | undefined, width: number, ascii: boolean, now?: number): Banner | undefined {
	const on = current(alerts, now);
	if (on.length === 0) return undefined;
	const worst = on[0]!;
	const critical = worst.severity === 'critical';
	const more = on.length > 1 ? ` (+${on.length - 1} more, a: alerts)` : ' (a: alerts)';
	const mark = critical ? `${ascii ? '!!' : '▲'} ALERT` : `${ascii ? '!' : '△'} warning`;
	const head = `${mark} ${worst.rule}${worst.rule === 'check' ? '' : subjectOf(worst)}: `;
	const room = width - [...head].length - [...more].length;
	const dot = ascii ? '|' : '·';
	const count = `${on.length} alert${on.length > 1 ? 's' : ''} firing`;
	const text = room < 8 ? fit(`${mark} ${worst.rule} ${worst.rule === 'check' ? sanitize(worst.subject) : shortSubject(worst, ascii)} ${dot} ${count}`, width, ascii) : `${head}${fit(sanitize(worst.text), room, ascii)}${more}`;
	return {text, color: critical ? 'red' : 'yellow', bold: critical};
}

const stateWord: Readonly<Record<Alert['state'], string>> = {firing: 'FIRING', pending: 'pending', resolved: 'resolved'};

/** The alert screen: firing, then pending (with how long until it fires), then recently resolved. */
export function alertLines(alerts: readonly Alert[] | undefined, now: number, forSeconds: number | undefined, ascii: boolean): Line[] {
	const list = [...(alerts ?? [])].sort(urgency);
	const lines: Line[] = [{text: `Alerts: ${list.filter(a => a.state === 'firing').length} firing, ${list.filter(a => a.state === 'pending').length} pending`, bold: true}];
	if (list.length === 0) {
		lines.push({text: 'No alert has fired or is pending. Thresholds and hold/clear times come from --config (alert* settings).', dim: true});
		return lines;
	}
	const ago = (ms: number | undefined) => (ms === undefined ? '' : humanSeconds(Math.max(0, now - ms) / 1000));
	for (const a of list) {
		const clearing = a.state === 'firing' && a.lastTrueAt < now;
		const when =
			clearing ? `for ${ago(a.firedAt)}, clear for ${ago(a.lastTrueAt)}` :
			a.state === 'firing' ? `for ${ago(a.firedAt)}` :
			a.state === 'pending' ? `held ${ago(a.since)}${forSeconds === undefined ? '' : ` of ${forSeconds}s`}` :
			`${ago(a.resolvedAt)} ago, fired ${humanSeconds(((a.resolvedAt ?? now) - (a.firedAt ?? now)) / 1000)}`;
		const mark = a.state === 'firing' ? (a.severity === 'critical' ? (ascii ? '[XX]' : '✖') : (ascii ? '[!!]' : '!')) : a.state === 'pending' ? (ascii ? '[..]' : '…') : (ascii ? '[ok]' : '✔');
		const color = a.state === 'firing' ? (a.severity === 'critical' ? 'red' : 'yellow') : undefined;
		lines.push({text: `${mark} ${stateWord[a.state].padEnd(8)} ${a.rule}${subjectOf(a)}  ${when}`, bold: a.state === 'firing', dim: a.state === 'resolved', ...(color ? {color} : {})});
		lines.push({text: `    ${sanitize(a.text)}`, dim: a.state === 'resolved'});
	}
	return lines;
}
