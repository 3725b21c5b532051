import {registry, sections} from '../checks/registry.js';

// A datasource variable, not `__inputs`: a dashboard provisioned from a file gets no import prompt.
const ds = {type: 'prometheus', uid: '${datasource}'};
/** The job and instance variables, inside every selector. */
const scope = 'job=~"$job", instance=~"$instance"';
const m = (name: string, matchers = '') => `${name}{${scope}${matchers ? `, ${matchers}` : ''}}`;

/** Sections in checklist order (the registry's): Object.keys would put integer-like keys ("3", "4") first. */
function sectionOrder(): string[] {
	const order: string[] = [];
	for (const c of registry) if (!order.includes(c.section)) order.push(c.section);
	for (const section of Object.keys(sections)) if (!order.includes(section)) order.push(section);
	return order;
}

function variable(name: string, label: string, query: string): Record<string, unknown> {
	return {
		name, label, type: 'query', datasource: ds, query: {query, refId: `${name}-query`}, definition: query,
		refresh: 2, includeAll: true, multi: true, allValue: '.*', current: {selected: true, text: ['All'], value: ['$__all']}, sort: 1, hide: 0,
	};
}

const templating = {list: [
	{name: 'datasource', label: 'Prometheus', type: 'datasource', query: 'prometheus', refresh: 1, hide: 0, current: {}, regex: ''},
	variable('job', 'job', 'label_values(replwatch_last_tick_timestamp_seconds, job)'),
	variable('instance', 'instance', 'label_values(replwatch_last_tick_timestamp_seconds{job=~"$job"}, instance)'),
]};

interface Panel {
	readonly [key: string]: unknown;
}

let nextId = 1;

function timeseries(title: string, expr: string, legend: string, unit: string, pos: {x: number; y: number; w: number; h: number}): Panel {
	return {
		id: nextId++, type: 'timeseries', title, datasource: ds, gridPos: pos,
		fieldConfig: {defaults: {unit, min: 0}, overrides: []},
		options: {legend: {displayMode: 'table', placement: 'right', calcs: ['lastNotNull', 'max']}, tooltip: {mode: 'multi'}},
		targets: [{refId: 'A', datasource: ds, expr, legendFormat: legend}],
	};
}

const statusMappings = [{type: 'value', options: {
	'-1': {text: 'unknown', color: 'text', index: 0},
	'0': {text: 'pass', color: 'green', index: 1},
	'1': {text: 'warn', color: 'orange', index: 2},
	'2': {text: 'fail', color: 'red', index: 3},
}}];

/** One stat tile per check of a section: the checklist, section by section, as the registry lists it. */
function sectionPanel(section: string, y: number): Panel {
	const ids = registry.filter(c => c.section === section).map(c => c.id);
	const pattern = ids.map(id => id.replace(/\./g, '\\\\.')).join('|');
	return {
		id: nextId++, type: 'stat', title: sections[section] ?? section, datasource: ds,
		gridPos: {x: 0, y, w: 24, h: 4},
		fieldConfig: {defaults: {mappings: statusMappings, thresholds: {mode: 'absolute', steps: [{color: 'text', value: null}, {color: 'green', value: 0}, {color: 'orange', value: 1}, {color: 'red', value: 2}]}}, overrides: []},
		options: {reduceOptions: {calcs: ['lastNotNull']}, colorMode: 'background', textMode: 'value_and_name', graphMode: 'none', orientation: 'vertical'},
		targets: [{refId: 'A', datasource: ds, expr: `max by (id, title) (${m('replwatch_check_status', `id=~"${pattern}"`)})`, legendFormat: '{{id}} {{title}}', instant: true}],
	};
}

/** The Grafana dashboard shipped in monitoring/ (import it, or provision it from a file: the data source is a variable). */
export function dashboard(): Record<string, unknown> {
	nextId = 1;
	const panels: Panel[] = [
		{id: nextId++, type: 'row', title: 'Replication lag', gridPos: {x: 0, y: 0, w: 24, h: 1}, collapsed: false, panels: []},
		timeseries('Seconds behind (state: online, sync, link_down, unreachable)', m('replwatch_link_seconds_behind'), '{{follower}} ← {{leader}} ({{state}})', 's', {x: 0, y: 1, w: 12, h: 8}),
		timeseries('Bytes behind (state: online, sync, link_down, unreachable)', m('replwatch_link_bytes_behind'), '{{follower}} ← {{leader}} ({{state}})', 'bytes', {x: 12, y: 1, w: 12, h: 8}),
		timeseries('Apply backlog on the follower', m('replwatch_link_apply_backlog_bytes'), '{{follower}}', 'bytes', {x: 0, y: 9, w: 12, h: 7}),
		timeseries('Seconds since the last ACK', m('replwatch_link_ack_age_seconds'), '{{follower}}', 's', {x: 12, y: 9, w: 12, h: 7}),
		timeseries('Link down for', m('replwatch_master_link_down_since_seconds'), '{{follower}}', 's', {x: 0, y: 16, w: 12, h: 6}),
		timeseries('Full sync in progress', m('replwatch_master_sync_in_progress'), '{{follower}} ← {{leader}}', 'short', {x: 12, y: 16, w: 12, h: 6}),
		{id: nextId++, type: 'row', title: 'Nodes, links and alerts', gridPos: {x: 0, y: 22, w: 24, h: 1}, collapsed: false, panels: []},
		{
			id: nextId++, type: 'state-timeline', title: 'Links up', datasource: ds, gridPos: {x: 0, y: 23, w: 12, h: 7},
			fieldConfig: {defaults: {mappings: [{type: 'value', options: {'0': {text: 'down', color: 'red'}, '1': {text: 'up', color: 'green'}}}]}, overrides: []},
			options: {showValue: 'never'},
			targets: [{refId: 'A', datasource: ds, expr: m('replwatch_link_up'), legendFormat: '{{follower}}'}],
		},
		{
			id: nextId++, type: 'table', title: 'Nodes', datasource: ds, gridPos: {x: 12, y: 23, w: 12, h: 7},
			targets: [
				{refId: 'A', datasource: ds, expr: `${m('replwatch_node_role')} == 1`, format: 'table', instant: true},
				{refId: 'B', datasource: ds, expr: m('replwatch_node_version_info'), format: 'table', instant: true},
				{refId: 'C', datasource: ds, expr: m('replwatch_node_up'), format: 'table', instant: true},
			],
			transformations: [{id: 'merge', options: {}}, {id: 'organize', options: {excludeByName: {Time: true, __name__: true, instance: true, job: true, 'Value #A': true, 'Value #B': true}, renameByName: {'Value #C': 'up'}}}],
		},
		{
			id: nextId++, type: 'table', title: 'replwatch alerts (1 pending, 2 firing)', datasource: ds, gridPos: {x: 0, y: 30, w: 12, h: 7},
			targets: [{refId: 'A', datasource: ds, expr: `${m('replwatch_alert_state')} > 0`, format: 'table', instant: true}],
			transformations: [{id: 'organize', options: {excludeByName: {Time: true, __name__: true, instance: true, job: true}, renameByName: {Value: 'state'}}}],
		},
		timeseries('Events per minute', `sum by (kind) (rate(${m('replwatch_events_total')}[5m])) * 60`, '{{kind}}', 'short', {x: 12, y: 30, w: 6, h: 7}),
		timeseries('Full syncs served (last hour)', `increase(${m('replwatch_full_syncs_total')}[1h])`, '{{node}}', 'short', {x: 18, y: 30, w: 6, h: 7}),
		{id: nextId++, type: 'row', title: 'Checklist (-1 unknown, 0 pass, 1 warn, 2 fail)', gridPos: {x: 0, y: 37, w: 24, h: 1}, collapsed: false, panels: []},
	];
	let y = 38;
	for (const section of sectionOrder()) {
		panels.push(sectionPanel(section, y));
		y += 4;
	}
	return {
		title: 'replwatch: replication lag and checklist',
		uid: 'replwatch',
		tags: ['redis', 'valkey', 'replication', 'replwatch'],
		timezone: 'browser',
		schemaVersion: 39,
		version: 1,
		refresh: '10s',
		time: {from: 'now-1h', to: 'now'},
		templating,
		annotations: {list: []},
		panels,
	};
}
