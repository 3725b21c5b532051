// Sentinel rows: one per Sentinel and master name, and the summary of how they agree.
import {sanitize} from '../source/model/sanitize.js';
import type {Address, SentinelView, Topology} from '../source/model/types.js';
import {sentinelState} from '../source/sentinel/parse.js';
import type {SentinelRow, SentinelSummaryRow} from './row-types.js';

function sentinelRow(view: SentinelView, groupId: string): SentinelRow {
	if (!view.reachable) {
		const reason = view.error ? `${view.error.kind}${view.error.message ? `: ${view.error.message}` : ''}` : 'no reply';
		return {kind: 'sentinel', groupId, address: view.address, reachable: false, reason: sanitize(reason), flags: [], failoverInProgress: false, tilt: view.tilt ?? false};
	}
	const state = sentinelState(view);
	return {
		kind: 'sentinel',
		groupId,
		address: view.address,
		reachable: true,
		// A reachable Sentinel may still not know the master (wrong name): that is its reason.
		...(view.error ? {reason: sanitize(view.error.message || view.error.kind)} : {}),
		flags: state.flags.map(sanitize),
		...(state.quorum === undefined ? {} : {quorum: state.quorum}),
		failoverInProgress: state.failoverInProgress,
		...(state.failoverState === undefined ? {} : {failoverState: sanitize(state.failoverState)}),
		tilt: state.tilt,
		...(state.numOtherSentinels === undefined ? {} : {numOtherSentinels: state.numOtherSentinels}),
		...(state.quorumOk === undefined ? {} : {quorumOk: state.quorumOk}),
		...(state.usableSentinels === undefined || state.usableSentinels === null ? {} : {usable: state.usableSentinels}),
		...(view.masterAddr ? {masterAddr: sanitize(view.masterAddr)} : {}),
	};
}

export function sentinelSummary(masterName: string, groupId: string, rows: readonly SentinelRow[]): SentinelSummaryRow {
	const live = rows.filter(r => r.reachable && r.flags.length > 0);
	const quorums = live.map(r => r.quorum).filter((q): q is number => q !== undefined);
	const checked = live.filter(r => r.quorumOk !== undefined);
	const failing = checked.find(r => r.quorumOk === false);
	const usable = (failing ?? checked[0])?.usable;
	const failover = live.find(r => r.failoverInProgress);
	const addrs = [...new Set(live.map(r => r.masterAddr).filter((a): a is Address => a !== undefined))];
	const votes = new Map<Address, number>();
	for (const r of live) if (r.masterAddr) votes.set(r.masterAddr, (votes.get(r.masterAddr) ?? 0) + 1);
	const masterAddr = [...votes.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
	return {
		kind: 'sentinel-summary',
		groupId,
		masterName,
		total: rows.length,
		reachable: rows.filter(r => r.reachable).length,
		...(quorums.length > 0 ? {quorum: Math.max(...quorums)} : {}),
		...(checked.length > 0 ? {quorumOk: failing === undefined} : {}),
		...(usable === undefined ? {} : {usable}),
		failoverInProgress: failover !== undefined,
		...(failover?.failoverState ? {failoverState: failover.failoverState} : {}),
		tilt: rows.filter(r => r.tilt).length,
		odown: live.some(r => r.flags.includes('o_down')),
		sdown: live.some(r => r.flags.includes('s_down')),
		...(masterAddr ? {masterAddr} : {}),
		disagree: addrs.length > 1,
	};
}

/** Sentinel views per master name, each name tied to the group whose members include the master it names. */
export function sentinelBlocks(topology: Topology): Map<string, {groupId: string; masterName: string; rows: SentinelRow[]}> {
	const blocks = new Map<string, {groupId: string; masterName: string; rows: SentinelRow[]}>();
	const byName = new Map<string, SentinelView[]>();
	for (const view of topology.sentinels) {
		const list = byName.get(view.masterName) ?? [];
		list.push(view);
		byName.set(view.masterName, list);
	}
	for (const [name, views] of byName) {
		const masterName = sanitize(name);
		const addrs = views.flatMap(v => (v.masterAddr ? [v.masterAddr] : v.master?.ip && v.master.port ? [`${v.master.ip}:${v.master.port}`] : []));
		const group = topology.groups.find(g => g.name === name) ?? topology.groups.find(g => addrs.some(a => g.members.includes(a)));
		const groupId = group?.id ?? `sentinel:${name}`;
		const seen = new Set<Address>();
		const rows: SentinelRow[] = [];
		for (const view of views) {
			if (seen.has(view.address)) continue;
			seen.add(view.address);
			rows.push(sentinelRow(view, groupId));
		}
		// What the summary line already says (the master they agree on, the quorum) is not repeated per Sentinel.
		const summary = sentinelSummary(masterName, groupId, rows);
		const marked = rows.map(r => ({
			...r,
			...(r.masterAddr !== undefined && r.masterAddr === summary.masterAddr && !summary.disagree ? {sameMaster: true} : {}),
			...(r.quorum !== undefined && r.quorum === summary.quorum ? {sameQuorum: true} : {}),
		}));
		// Two names in one group (rare) keep separate blocks.
		blocks.set(`${groupId}\u0000${name}`, {groupId, masterName, rows: marked});
	}
	return blocks;
}
