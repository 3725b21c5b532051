// Text of the group summary and Sentinel lines of the topology panel: one line each, worst news first.
import type {HeaderRow, SentinelRow, SentinelSummaryRow} from './row-types.js';
import {humanBytes, humanSeconds} from '../components/format.js';

export interface Line {
	readonly text: string;
	readonly color?: string;
}

export function headerLine(row: HeaderRow, narrow: boolean, ascii: boolean, width = Number.POSITIVE_INFINITY): Line {
	const full = groupLine(row, narrow, ascii);
	return full.text.length <= width || narrow ? full : groupLine(row, true, ascii);
}

function groupLine(row: HeaderRow, narrow: boolean, ascii: boolean): Line {
	const sep = ascii ? ' | ' : ' · ';
	const fold = row.collapsed ? '[+] ' : '[-] ';
	if (row.splitBrain) return {text: `${fold}${ascii ? '!! ' : '⚠ '}SPLIT BRAIN: ${row.masters.length} masters (${row.masters.join(', ')})`, color: 'red'};
	const master = row.leader ? (row.leaderUp ? `${row.shard ? 'master' : 'leader'} up` : `${row.shard ? 'master' : 'leader'} FAILED`) : row.shard ? 'NO MASTER' : 'no leader';
	// "unreachable" is a node that does not answer; "link down" a follower that answers but does not replicate.
	const health = [
		`${row.online}/${row.followers} ${narrow ? 'ok' : 'followers online'}`,
		row.unreachable > 0 ? `${row.unreachable} ${narrow ? 'unreach' : 'unreachable'}` : '',
		row.linksDown > 0 ? `${row.linksDown} link${row.linksDown > 1 ? 's' : ''} down` : '',
		row.syncing > 0 ? `${row.syncing} syncing` : '',
	].filter(Boolean).join(sep);
	const former = row.formerLeaders > 0 ? `${sep}${row.formerLeaders > 1 ? `${row.formerLeaders} ` : ''}${narrow ? 'ex-leader' : 'former leader'} down` : '';
	const lag = row.followers === 0 ? '' : `${sep}${narrow ? 'max' : 'max behind'} ${humanBytes(row.maxLagBytes)} ${humanSeconds(row.maxLagSeconds)}`;
	const color = !row.leaderUp ? 'red' : row.unreachable + row.linksDown > 0 ? 'red' : row.syncing > 0 || row.formerLeaders > 0 ? 'yellow' : undefined;
	return {text: `${fold}${row.text}${sep}${master}${sep}${row.followers > 0 ? health : 'no followers'}${former}${lag}`, ...(color ? {color} : {})};
}

function quorumText(ok: boolean | undefined, usable: number | undefined): string {
	if (ok === undefined) return 'CKQUORUM ?';
	return `${ok ? 'CKQUORUM OK' : 'NOQUORUM'}${usable === undefined ? '' : ` (${usable} usable)`}`;
}

export function sentinelSummaryLine(row: SentinelSummaryRow, narrow: boolean, ascii: boolean): Line {
	const sep = ascii ? ' | ' : ' · ';
	// "(N usable)" only when it says more than "N/N up": a quorum that is not met, or fewer usable than up.
	const quorum = quorumText(row.quorumOk, row.quorumOk && row.usable === row.reachable ? undefined : row.usable);
	// News first, then the master they agree on, then what is as it should be (a narrow panel cuts that).
	const parts = [
		`Sentinels of ${row.masterName}: ${row.reachable}/${row.total} up`,
		row.quorumOk === true ? '' : quorum,
		row.failoverInProgress ? `FAILOVER ${row.failoverState ?? 'in progress'}` : '',
		row.odown ? 'master o_down' : row.sdown ? 'master s_down' : '',
		row.tilt > 0 ? `TILT on ${row.tilt}` : '',
		row.disagree ? 'Sentinels DISAGREE on the master' : '',
		narrow || !row.masterAddr ? '' : `master ${row.masterAddr}`,
		row.quorum === undefined ? '' : `quorum ${row.quorum}`,
		row.quorumOk === true ? quorum : '',
	];
	const bad = row.quorumOk === false || row.odown || row.reachable < row.total || row.disagree;
	const warn = row.failoverInProgress || row.tilt > 0 || row.sdown;
	return {text: parts.filter(Boolean).join(sep), ...(bad ? {color: 'red'} : warn ? {color: 'yellow'} : {})};
}

export function sentinelLine(row: SentinelRow, narrow: boolean, ascii: boolean): Line {
	const sep = ascii ? ' | ' : ' · ';
	const mark = ascii ? 'S' : '◆';
	if (!row.reachable) return {text: `  ${ascii ? 'XX' : '✖'} ${row.address} unreachable: ${row.reason ?? 'no reply'}`, color: 'red'};
	if (row.flags.length === 0) return {text: `  ${mark} ${row.address} ${row.reason ?? 'no view of this master'}`, color: 'yellow'};
	const parts = [
		`flags ${row.flags.join(',')}`,
		// A Sentinel naming another master than the others is the news of its line.
		narrow || !row.masterAddr || row.sameMaster ? '' : `sees master ${row.masterAddr}`,
		row.failoverInProgress ? `failover ${row.failoverState ?? 'in progress'}` : '',
		row.tilt ? 'TILT' : '',
		quorumText(row.quorumOk, narrow || row.quorumOk ? undefined : row.usable),
		row.numOtherSentinels === undefined ? '' : `${row.numOtherSentinels} other Sentinels`,
		row.quorum === undefined || row.sameQuorum ? '' : `quorum ${row.quorum}`,
	];
	const bad = row.quorumOk === false || row.flags.includes('o_down');
	const warn = row.tilt || row.failoverInProgress || row.flags.includes('s_down');
	return {text: `  ${mark} ${row.address} ${parts.filter(Boolean).join(sep)}`, ...(bad ? {color: 'red'} : warn ? {color: 'yellow'} : {})};
}
