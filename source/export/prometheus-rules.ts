import {registry, type CheckInfo} from '../checks/registry.js';
import type {Settings} from '../checks/settings.js';

/** A JSON string is a valid YAML double-quoted scalar: every value is written that way. */
const q = (text: string) => JSON.stringify(text);

interface Rule {
	readonly alert: string;
	readonly expr: string;
	readonly for?: number;
	/** Prometheus 2.42+: the alert stays firing this long after its expression clears (replwatch's alertClearSeconds). */
	readonly keepFiringFor?: number;
	readonly severity: 'warning' | 'critical';
	/** Labels besides severity (a check rule carries its id: rules must differ by name or labels). */
	readonly labels?: Readonly<Record<string, string>>;
	readonly summary: string;
	readonly description: string;
}

export interface RuleOptions {
	/** How long the exporter must be unscraped (or its series absent) before an alert: a restart is not an incident. */
	readonly exporterDownSeconds?: number;
}

/** The lag series carry a state label that changes when a follower is cut off: the alert must not restart then. */
const lag = (name: string) => `max without (state) (${name})`;

/** replwatch's own alert rules, as PromQL over its metrics, with the thresholds in force. */
export function alertRules(s: Settings, options: RuleOptions = {}): Rule[] {
	const hold = s.alertForSeconds;
	const clear = s.alertClearSeconds;
	const down = options.exporterDownSeconds ?? 60;
	const backlogShare = `${lag('replwatch_link_bytes_behind')} / on (leader) group_left label_replace(replwatch_node_repl_backlog_bytes, "leader", "$1", "node", "(.*)")`;
	return [
		{alert: 'ReplwatchFollowerLagSeconds', expr: `${lag('replwatch_link_seconds_behind')} > ${s.alertLagSeconds}`, for: hold, keepFiringFor: clear, severity: 'warning',
			summary: '{{ $labels.follower }} is {{ $value | humanize }} s behind {{ $labels.leader }}',
			description: `Seconds behind from the leader's offset history (checklist 1.2.4) above ${s.alertLagSeconds} s.`},
		s.alertLagBytes > 0
			? {alert: 'ReplwatchFollowerLagBytes', expr: `${lag('replwatch_link_bytes_behind')} > ${s.alertLagBytes}`, for: hold, keepFiringFor: clear, severity: 'warning',
				summary: '{{ $labels.follower }} is {{ $value | humanize1024 }}B behind {{ $labels.leader }}',
				description: `Bytes behind above ${s.alertLagBytes}.`}
			: {alert: 'ReplwatchFollowerLagBytes', expr: `${backlogShare} > ${s.lagBacklogWarnShare}`, for: hold, keepFiringFor: clear, severity: 'warning',
				summary: '{{ $labels.follower }} is behind by {{ $value | humanizePercentage }} of the leader\'s backlog',
				description: `Bytes behind above ${s.lagBacklogWarnShare} of the leader's repl-backlog-size (1.2.4): a disconnect now would force a full sync.`},
		{alert: 'ReplwatchLinkDown', expr: 'replwatch_link_up == 0', for: hold, keepFiringFor: clear, severity: 'critical',
			summary: 'replication link {{ $labels.leader }} -> {{ $labels.follower }} is down', description: 'master_link_status is down (checklist 1.2.1).'},
		{alert: 'ReplwatchNodeDown', expr: 'replwatch_node_up == 0', for: hold, keepFiringFor: clear, severity: 'critical',
			summary: '{{ $labels.node }} does not answer replwatch', description: 'The node did not answer its last poll.'},
		{alert: 'ReplwatchFailover', expr: `increase(replwatch_events_total{kind="failover"}[${Math.max(60, s.alertEventHoldSeconds)}s]) > 0`, severity: 'warning',
			summary: 'a replica was promoted to master', description: 'replwatch saw a node become master.'},
		{alert: 'ReplwatchFullSyncLoop', expr: `increase(replwatch_full_syncs_total[1h]) >= ${Math.max(2, s.fullSyncLoopPerHour)}`, severity: 'critical',
			summary: '{{ $labels.node }} served {{ $value | humanize }} full syncs in the last hour', description: 'Full syncs keep happening (checklist 2.3.1): backlog too small or output buffer limits cut the sync.'},
		{alert: 'ReplwatchStale', expr: 'time() - replwatch_last_tick_timestamp_seconds > 60', for: hold, severity: 'warning',
			summary: 'replwatch has not completed a poll for {{ $value | humanizeDuration }}', description: 'The exporter answers but its monitor stopped polling.'},
		{alert: 'ReplwatchExporterDown', expr: 'up{job="replwatch"} == 0', for: down, severity: 'critical',
			summary: 'Prometheus cannot scrape replwatch at {{ $labels.instance }}', description: 'replwatch serve is stopped, hung or unreachable: none of its alerts can fire while this lasts.'},
		{alert: 'ReplwatchAbsent', expr: 'absent(replwatch_last_tick_timestamp_seconds{job="replwatch"})', for: down, severity: 'critical',
			summary: 'no replwatch_last_tick_timestamp_seconds from job replwatch', description: 'No replwatch target is scraped (removed, renamed job, service discovery lost) or it has not completed a poll: nothing watches replication.'},
	];
}

// Not the check's "why" text: wording edits to the registry should not change the shipped rules.
const checkDescription = (id: string) => `Checklist item ${id}: replwatch's check detail (Enter on it, or replwatch --once) shows its evidence and the fix.`;

/** One rule per check and status: the alert name is shared, the id label tells them apart. */
export function checkRules(s: Settings, checks: readonly Pick<CheckInfo, 'id' | 'section' | 'title'>[] = registry): Rule[] {
	return checks.flatMap(c => [
		{alert: 'ReplwatchCheckFail', expr: `replwatch_check_status{id="${c.id}"} == 2`, for: s.alertForSeconds, keepFiringFor: s.alertClearSeconds, severity: 'critical' as const,
			labels: {check: c.id, section: c.section}, summary: `${c.id} ${c.title}: fail`, description: checkDescription(c.id)},
		...(s.alertOnCheckWarn
			? [{alert: 'ReplwatchCheckWarn', expr: `replwatch_check_status{id="${c.id}"} == 1`, for: s.alertForSeconds, keepFiringFor: s.alertClearSeconds, severity: 'warning' as const,
				labels: {check: c.id, section: c.section}, summary: `${c.id} ${c.title}: warn`, description: checkDescription(c.id)}]
			: []),
	]);
}

function ruleYaml(r: Rule): string {
	return [
		`      - alert: ${r.alert}`,
		`        expr: ${q(r.expr)}`,
		...(r.for ? [`        for: ${r.for}s`] : []),
		...(r.keepFiringFor ? [`        keep_firing_for: ${r.keepFiringFor}s`] : []),
		'        labels:',
		`          severity: ${r.severity}`,
		...Object.entries(r.labels ?? {}).map(([k, v]) => `          ${k}: ${q(v)}`),
		'        annotations:',
		`          summary: ${q(r.summary)}`,
		`          description: ${q(r.description)}`,
	].join('\n');
}

/** The Prometheus rule file shipped in monitoring/ (`promtool check rules` accepts it). */
export function rulesYaml(s: Settings, options: RuleOptions = {}): string {
	return [
		'# Generated by `npm run monitoring` (scripts/generate-monitoring.ts) from replwatch\'s alert rules and',
		'# check registry, with the thresholds of the settings in force. Regenerate rather than edit.',
		'groups:',
		'  - name: replwatch-alerts',
		'    rules:',
		...alertRules(s, options).map(ruleYaml),
		'  - name: replwatch-checklist',
		'    rules:',
		...checkRules(s).map(ruleYaml),
		'',
	].join('\n');
}
