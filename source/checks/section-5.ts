import type {CheckStatus, TopologyNode} from '../model/types.js';
import {Findings, configValue, dataNodes, field, reachable, reallySyncing, replicas, unknown, type CheckContext, type Verdict} from './context.js';

/** Whether a node needs credentials: sampled with a credential-less PING, or our own connection got NOAUTH. */
export function authRequiredOf(n: TopologyNode | undefined): boolean | undefined {
	if (!n) return undefined;
	if (n.sample.authRequired !== undefined) return n.sample.authRequired;
	if (n.sample.error?.kind === 'noauth') return true;
	return undefined;
}

/** 5.1 Connections without credentials are refused. */
export function authRequired(ctx: CheckContext): Verdict {
	const nodes = dataNodes(ctx);
	if (nodes.length === 0) return unknown('no data node known');
	const found = new Findings();
	for (const n of nodes) {
		const required = authRequiredOf(n);
		if (required === undefined) {
			found.add('unknown', n.address, 'no credential-less connection was tested');
		} else if (required) {
			found.add('pass', n.address, 'PING without credentials → NOAUTH Authentication required.');
		} else if (ctx.settings.privateNetwork) {
			found.add('info', n.address, 'PING without credentials → PONG; accepted: the network is declared private (privateNetwork)');
		} else {
			found.add('fail', n.address, 'PING without credentials → PONG: anyone who reaches the port can read and write');
			found.remediations.push({node: n.address, command: ['CONFIG', 'SET', 'requirepass', ''], current: '', proposed: '', risk: 'high', parameter: 'requirepass', secret: true, fixId: 'requirepass', note: 'breaks clients and replicas without credentials: set masterauth on the replicas first, then requirepass on the master'});
		}
	}
	return found.verdict({
		pass: 'every node requires authentication',
		fail: 'a node accepts commands without authentication',
		info: 'no authentication, accepted for a private network',
		else: 'authentication not tested',
	}, {recommendation: {when: ['fail'], text: 'Require a password (requirepass) or ACL users; set masterauth on the replicas before requirepass on the master.'}, remediations: found.remediations});
}

/** 5.2 Replicas can authenticate to their master (masterauth is never read). */
export function replicasAuthenticate(ctx: CheckContext): Verdict {
	const list = replicas(ctx);
	if (list.length === 0) return {status: 'info', summary: 'no replica known', evidence: []};
	const found = new Findings();
	for (const n of list) {
		if (!reachable(n)) {
			found.add('unknown', n.address, `unreachable: ${n.sample.error?.message ?? 'no reply'}`);
			continue;
		}
		const up = field(n, 'master_link_status') === 'up';
		const syncing = reallySyncing(ctx, n);
		const master = n.masterAddress ? ctx.topology.nodes[n.masterAddress] : undefined;
		const required = authRequiredOf(master);
		if (up || syncing) {
			found.add('pass', n.address, `link to ${n.masterAddress ?? '?'} ${up ? 'up' : 'syncing'}: the replica authenticates`);
		} else if (required) {
			found.add('fail', n.address, `link to ${n.masterAddress} down while that master requires authentication: masterauth missing or wrong (replica log: -NOAUTH Authentication required.)`);
			found.remediations.push({node: n.address, command: ['CONFIG', 'SET', 'masterauth', ''], current: '', proposed: '', risk: 'low', parameter: 'masterauth', secret: true, fixId: `masterauth@${n.masterAddress}`, note: 'type the master’s password (masked, never logged); persisting writes it in plaintext to the config file'});
		} else {
			found.add(required === false ? 'pass' : 'unknown', n.address, `link to ${n.masterAddress ?? '?'} down; ${required === false ? 'the master requires no authentication, so it is not the cause' : 'whether the master requires authentication is not known'}`);
		}
	}
	return found.verdict({
		fail: 'a replica cannot authenticate to its master',
		pass: 'replicas authenticate to their masters',
		else: 'not decidable for every replica',
	}, {recommendation: {when: ['fail'], text: 'Set masterauth on the replica to the master’s password (CONFIG SET masterauth <secret>, typed masked): the link comes up within seconds.'}, remediations: found.remediations});
}

/** 5.3 The replication user (masteruser) has the rights it needs; masteruser itself is never read. */
export function replicationUser(ctx: CheckContext): Verdict {
	const list = replicas(ctx).filter(reachable);
	if (list.length === 0) return {status: 'info', summary: 'no reachable replica', evidence: []};
	const down = list.filter(n => field(n, 'master_link_status') !== 'up' && !reallySyncing(ctx, n));
	if (down.length === 0) return {status: 'pass', summary: 'every replica link is up: replication credentials, if any, have the rights they need', evidence: list.map(n => ({node: n.address, text: 'link up'}))};
	return {
		status: 'unknown',
		summary: 'a link is down: check the master’s ACL LOG for NOPERM of the replication user (+psync +replconf +ping)',
		evidence: down.map(n => ({node: n.address, text: `link to ${n.masterAddress ?? '?'} down`})),
	};
}

/** 5.4 Replicas can reach a TLS-only master, and use TLS where links are untrusted. */
export function tlsReplication(ctx: CheckContext): Verdict {
	const list = replicas(ctx).filter(reachable);
	if (list.length === 0) return {status: 'info', summary: 'no reachable replica', evidence: []};
	const found = new Findings();
	for (const n of list) {
		const tls = configValue(n, 'tls-replication');
		const master = n.masterAddress ? ctx.topology.nodes[n.masterAddress] : undefined;
		const tlsOnly = configValue(master, 'port') === '0' && Number(configValue(master, 'tls-port') ?? 0) > 0;
		if (tls === undefined) {
			found.add(tlsOnly ? 'unknown' : 'pass', n.address, `tls-replication not available (no TLS build?)${tlsOnly ? '; the master listens on TLS only' : ''}`);
			continue;
		}
		let st: CheckStatus = 'pass';
		if (tls === 'no' && tlsOnly) st = 'fail';
		else if (tls === 'no' && ctx.settings.untrustedLinks) st = 'warn';
		found.add(st, n.address, `tls-replication ${tls}${master ? `; master port ${configValue(master, 'port') ?? '?'}, tls-port ${configValue(master, 'tls-port') ?? '?'}` : ''}`);
		if (st !== 'pass') found.remediations.push({node: n.address, command: ['CONFIG', 'SET', 'tls-replication', 'yes'], current: tls, proposed: 'yes', risk: 'low', parameter: 'tls-replication'});
	}
	return found.verdict({
		fail: 'a replica speaks plain TCP to a TLS-only master: it cannot connect',
		warn: 'replication crosses untrusted links without TLS',
		pass: 'replication transport fits the master',
		else: 'not readable',
	}, {remediations: found.remediations});
}

/** 5.5 protected-mode stays on when no password is set. */
export function protectedMode(ctx: CheckContext): Verdict {
	const nodes = dataNodes(ctx).filter(reachable);
	if (nodes.length === 0) return unknown('no reachable node');
	const found = new Findings();
	for (const n of nodes) {
		const pm = configValue(n, 'protected-mode');
		const required = authRequiredOf(n);
		if (pm === undefined) {
			found.add('unknown', n.address, 'protected-mode not readable');
			continue;
		}
		const st: CheckStatus = pm === 'yes' || required === true ? 'pass' : required === false ? 'warn' : 'unknown';
		found.add(st, n.address, `protected-mode ${pm}, bind "${configValue(n, 'bind') ?? '?'}"${required === undefined ? '' : required ? ', auth required' : ', no auth'}`);
		if (st === 'warn') found.remediations.push({node: n.address, command: ['CONFIG', 'SET', 'protected-mode', 'yes'], current: pm, proposed: 'yes', risk: 'low', parameter: 'protected-mode'});
	}
	return found.verdict({
		warn: 'protected-mode is off on a node without authentication',
		pass: 'protected-mode on, or authentication required',
		else: 'not decidable',
	}, {remediations: found.remediations});
}

const secretKey = /pass|auth|masteruser|primaryuser|secret|key-file/i;

/** 5.6 replwatch itself holds no secret: what it fetched contains no secret parameter. */
export function secretsHygiene(ctx: CheckContext): Verdict {
	const nodes = dataNodes(ctx);
	const leaked = nodes.flatMap(n => Object.keys(n.sample.config ?? {}).filter(k => secretKey.test(k)).map(k => ({node: n.address, text: `CONFIG value ${k} was fetched`})));
	const sentinelLeaks = ctx.topology.sentinels.flatMap(v => Object.keys(v.master ?? {}).filter(k => secretKey.test(k)).map(k => ({node: v.address, text: `Sentinel field ${k} was kept`})));
	const all = [...leaked, ...sentinelLeaks];
	if (all.length) return {status: 'fail', summary: 'a secret parameter was fetched', evidence: all};
	const fetched = new Set(nodes.flatMap(n => Object.keys(n.sample.config ?? {})));
	return {status: 'pass', summary: `only allow-listed parameters read (${fetched.size}), never CONFIG GET *; masterauth, masteruser, requirepass and TLS passphrases are never fetched`, evidence: []};
}

