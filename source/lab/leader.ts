import type {Lab, LabProcess} from './lab.js';

/** Data nodes of the lab (leader and followers), in start order. */
export const dataNodes = (lab: Lab): LabProcess[] => [lab.leader, ...lab.followers];

const usable = (p: LabProcess) => p.running() && !p.paused();

/** Values of a flat RESP array reply (bulk strings only), e.g. GET-MASTER-ADDR-BY-NAME. */
export function parseRespArray(reply: string): string[] {
	const lines = reply.split('\r\n');
	const values: string[] = [];
	for (let i = 0; i < lines.length; i++) {
		if (lines[i]!.startsWith('$') && lines[i] !== '$-1') values.push(lines[++i] ?? '');
	}
	return values;
}

/** The address the lab's Sentinels give for the master (first one that answers). */
export async function sentinelLeaderPort(lab: Lab): Promise<number | undefined> {
	for (const sentinel of lab.sentinels.filter(usable)) {
		try {
			const [, port] = parseRespArray(await sentinel.command('SENTINEL', 'GET-MASTER-ADDR-BY-NAME', lab.masterName));
			if (port) return Number(port);
		} catch {
			// next Sentinel
		}
	}
	return undefined;
}

/** The role a data node reports, or undefined when it cannot answer. */
export async function reportedRole(node: LabProcess): Promise<'master' | 'slave' | undefined> {
	if (!usable(node)) return undefined;
	try {
		const match = /role:(master|slave)/.exec(await node.command('INFO', 'replication'));
		return match ? (match[1] as 'master' | 'slave') : undefined;
	} catch {
		return undefined;
	}
}

/**
 * The lab's current leader: what Sentinel says when the lab has Sentinels (even while that node is
 * down, before the failover), else the first data node that reports role:master.
 */
export async function currentLeader(lab: Lab): Promise<LabProcess | undefined> {
	const nodes = dataNodes(lab);
	if (lab.sentinels.length > 0) {
		const port = await sentinelLeaderPort(lab);
		const node = nodes.find(n => n.port === port);
		if (node) return node;
	}
	for (const node of nodes) if ((await reportedRole(node)) === 'master') return node;
	return undefined;
}
