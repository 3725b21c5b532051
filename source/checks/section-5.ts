import type {CheckStatus, TopologyNode} from '../model/types.js';
import {Findings, notApplicableSummary, notApplicableText, unknown} from './findings.js';
import {atLeast, reachable, view} from './node-fields.js';
import {configValue} from './config-values.js';
import {dataNodes, reallySyncing, replicas} from './topology-index.js';
import type {CheckContext, Verdict} from './context.js';

/** Whether a node needs credentials: sampled with a credential-less PING, or our own connection got NOAUTH. */
export function authRequiredOf(n: TopologyNode | undefined): boolean | undefined {
	if (!n) return undefined;
	if (n.sample.authRequired !== undefined) return n.sample.authRequired;
	if (n.sample.error?.kind === 'noauth') return true;
	return undefined;
}

const loopback = /^-?(127\.\d+\.\d+\.\d+|::1|localhost)$/i;
const privateAddress = /^-?(10\.\d+\.\d+\.\d+|192\.168\.\d+\.\d+|172\.(1[6-9]|2\d|3[01])\.\d+\.\d+|f[cd][0-9a-f]{2}:.*)$/i;

/**
 * Who can reach a node without credentials, from its `bind` (and the privateNetwork setting):
 * `loopback` when every bound address is loopback, `private` when all are private-network ones or
 * the operator declared the network private, else `open` (or undefined when bind is not readable).
 */
export function exposureOf(n: TopologyNode, privateNetwork: boolean): 'loopback' | 'private' | 'open' | undefined {
	const bind = configValue(n, 'bind');
	const addresses = bind?.split(/\s+/).filter(Boolean) ?? [];
	if (addresses.length > 0 && addresses.every(a => loopback.test(a))) return 'loopback';
	if (privateNetwork || (addresses.length > 0 && addresses.every(a => loopback.test(a) || privateAddress.test(a)))) return 'private';
	return bind === undefined ? undefined : 'open';
}

/** 5.1 Connections without credentials are refused. */
export function authRequired(ctx: CheckContext): Verdict {
	const nodes = dataNodes(ctx);
	if (nodes.length === 0) return unknown('no data node known');
	const found = new Findings();
	const open: TopologyNode[] = [];
	for (const n of nodes) {
		const required = authRequiredOf(n);
		const exposure = exposureOf(n, ctx.settings.privateNetwork);
		if (required === undefined) {
			found.add('unknown', n.address, reachable(n) ? 'no credential-less connection was tested' : `unreachable: not tested (${n.sample.error?.message ?? 'no reply'})`);
			continue;
		}
		if (required) {
			found.add('pass', n.address, 'PING without credentials → NOAUTH Authentication required.');
			continue;
		}
		open.push(n);
		if (exposure === 'loopback') found.add('warn', n.address, `PING without credentials → PONG; bind "${configValue(n, 'bind')}" is loopback only: any local user or process can read and write`);
		else if (exposure === 'private') found.add('warn', n.address, `PING without credentials → PONG; ${ctx.settings.privateNetwork ? 'the network is declared private (privateNetwork)' : `bind "${configValue(n, 'bind')}" is a private network`}: anyone on it can read and write`);
		else found.add('fail', n.address, `PING without credentials → PONG${exposure === 'open' ? `; bind "${configValue(n, 'bind') || '*'}"` : ''}: anyone who reaches the port can read and write`);
	}
	// Replicas first (masterauth), then requirepass: a master that asks for a password its replicas do not have cuts every link.
	const masters = open.filter(n => n.role === 'master');
	const naming = new Map<string, TopologyNode[]>();
	for (const x of nodes) if (x.masterAddress !== undefined && reachable(x)) naming.set(x.masterAddress, [...(naming.get(x.masterAddress) ?? []), x]);
	for (const m of masters) {
		for (const f of naming.get(m.address) ?? []) {
			found.remediations.push({node: f.address, command: ['CONFIG', 'SET', 'masterauth', ''], current: '', proposed: '', risk: 'low', parameter: 'masterauth', secret: true, fixId: `masterauth@${m.address}`, note: `step 1: the password ${m.address} will require, so this replica keeps its link`});
		}
	}
	for (const n of open) {
		found.remediations.push({node: n.address, command: ['CONFIG', 'SET', 'requirepass', ''], current: '', proposed: '', risk: 'high', parameter: 'requirepass', secret: true, fixId: 'requirepass', note: n.role === 'master' ? 'step 2, after masterauth on its replicas: clients without the password get NOAUTH' : 'clients without the password get NOAUTH'});
	}
	return found.verdict({
		pass: 'every node requires authentication',
		fail: `${found.statuses.filter(s => s === 'fail').length} node(s) reachable beyond loopback/private networks accept commands without authentication`,
		warn: `${open.length} node(s) accept commands without authentication, reachable only from loopback or a private network`,
		else: 'authentication not tested',
	}, {recommendation: {when: ['fail', 'warn'], text: 'Require a password (requirepass) or ACL users: first set masterauth on the replicas to the new password, then requirepass on the master (both offered here, typed masked).'}, remediations: found.remediations});
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
		const up = view(n)?.linkStatus === 'up';
		const syncing = reallySyncing(ctx, n);
		const master = n.masterAddress ? ctx.topology.nodes[n.masterAddress] : undefined;
		const required = authRequiredOf(master);
		const denied = view(master)?.aclDeniedAuth; // 7.2+: failed AUTH on the master, replicas' included
		const deniedText = denied !== undefined && denied > 0 ? `; ${n.masterAddress} counts acl_access_denied_auth:${denied}` : '';
		if (up || syncing) {
			found.add('pass', n.address, `link to ${n.masterAddress ?? '?'} ${up ? 'up' : 'syncing'}: the replica authenticates${deniedText}`);
		} else if (required) {
			found.add('fail', n.address, `link to ${n.masterAddress} down while that master requires authentication: masterauth missing or wrong (replica log: -NOAUTH Authentication required.)${deniedText}`);
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
	const down = list.filter(n => view(n)?.linkStatus !== 'up' && !reallySyncing(ctx, n));
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
			found.add(tlsOnly ? 'unknown' : 'info', n.address, atLeast(n.version, 6)
				? `tls-replication not readable (a build without TLS)${tlsOnly ? '; the master listens on TLS only' : ''}`
				: notApplicableText(n, 'TLS', 6));
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
		info: found.evidence.some(e => e.text.startsWith('not applicable')) ? notApplicableSummary : 'no TLS in this build: replication is plain TCP',
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

// A node's CONFIG record is re-read about once a minute and shared by every sample until then: its
// keys are listed once, not every tick.
const configKeys = new WeakMap<Readonly<Record<string, string>>, {all: readonly string[]; secret: readonly string[]}>();

function keyLists(config: Readonly<Record<string, string>> | undefined): {all: readonly string[]; secret: readonly string[]} {
	if (!config) return {all: [], secret: []};
	let hit = configKeys.get(config);
	if (!hit) {
		const all = Object.keys(config);
		hit = {all, secret: all.filter(k => secretKey.test(k))};
		configKeys.set(config, hit);
	}
	return hit;
}

const keysOf = (config: Readonly<Record<string, string>> | undefined) => keyLists(config).all;
const secretKeysOf = (config: Readonly<Record<string, string>> | undefined) => keyLists(config).secret;

/** 5.6 replwatch itself holds no secret: what it fetched contains no secret parameter. */
export function secretsHygiene(ctx: CheckContext): Verdict {
	const nodes = dataNodes(ctx);
	const leaked = nodes.flatMap(n => secretKeysOf(n.sample.config).map(k => ({node: n.address, text: `CONFIG value ${k} was fetched`})));
	const sentinelLeaks = ctx.topology.sentinels.flatMap(v => Object.keys(v.master ?? {}).filter(k => secretKey.test(k)).map(k => ({node: v.address, text: `Sentinel field ${k} was kept`})));
	const all = [...leaked, ...sentinelLeaks];
	if (all.length) return {status: 'fail', summary: 'a secret parameter was fetched', evidence: all};
	const fetched = new Set<string>();
	for (const n of nodes) for (const k of keysOf(n.sample.config)) fetched.add(k);
	return {status: 'pass', summary: `only allow-listed parameters read (${fetched.size}), never CONFIG GET *; masterauth, masteruser, requirepass and TLS passphrases are never fetched`, evidence: []};
}

