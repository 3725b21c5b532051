import {execFileSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {findFreePort, rawCommand, spawnServer, stopSpawned, waitFor, type Spawned} from '../../source/lab/processes.js';
import {createMonitor} from '../../source/engine/monitor.js';
import {runOnce} from '../../source/cli/headless.js';
import {parseOptions, type Options} from '../../source/cli/options.js';

// Issue 15, case 3 and the TLS error lines: a real TLS data node with a password, a real TLS Sentinel
// with its OWN password, certificates made here with openssl (CA, right name, wrong name, expired).
let dir: string;
let dataPort: number;
let sentinelPort: number;
const spawned: Spawned[] = [];
const file = (name: string) => join(dir, name);

const tlsFiles = () => ['--tls-cert-file', file('server.crt'), '--tls-key-file', file('server.key'), '--tls-ca-cert-file', file('ca.crt')];

function redisCli(port: number, pass: string, ...args: string[]): string {
	try {
		return execFileSync('redis-cli', ['--tls', '--cacert', file('ca.crt'), '-p', String(port), ...(pass ? ['-a', pass, '--no-auth-warning'] : []), ...args], {encoding: 'utf8'}).trim();
	} catch {
		return '';
	}
}

function openssl(...args: string[]): void {
	execFileSync('openssl', args, {cwd: dir, stdio: 'ignore'});
}

beforeAll(async () => {
	dir = mkdtempSync(join(tmpdir(), 'replwatch-tls-'));
	openssl('req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.crt', '-days', '2', '-subj', '/CN=replwatch test CA');
	openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=127.0.0.1');
	writeFileSync(file('ip.ext'), 'subjectAltName=IP:127.0.0.1\n');
	writeFileSync(file('name.ext'), 'subjectAltName=DNS:wrong.example\n');
	const sign = (out: string, ext: string, days: string) => openssl('x509', '-req', '-in', 'server.csr', '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial', '-out', out, '-days', days, '-extfile', ext);
	sign('server.crt', 'ip.ext', '2');
	sign('wrongname.crt', 'name.ext', '2');
	sign('expired.crt', 'ip.ext', '0'); // notAfter = now: expired a second later
	dataPort = await findFreePort();
	sentinelPort = await findFreePort();
	const tls = tlsFiles();
	spawned.push(spawnServer('redis-server', ['--port', '0', '--tls-port', String(dataPort), ...tls, '--tls-auth-clients', 'no', '--requirepass', 'datapw', '--save', '', '--appendonly', 'no'], dir));
	writeFileSync(file('sentinel.conf'), [
		'port 0', `tls-port ${sentinelPort}`, `tls-cert-file ${file('server.crt')}`, `tls-key-file ${file('server.key')}`, `tls-ca-cert-file ${file('ca.crt')}`,
		'tls-auth-clients no', 'tls-replication yes', 'requirepass sentpw', `dir ${dir}`,
		`sentinel monitor m 127.0.0.1 ${dataPort} 1`, 'sentinel auth-pass m datapw', '',
	].join('\n'));
	spawned.push(spawnServer('redis-sentinel', [file('sentinel.conf')], dir));
	expect(await waitFor(() => {
		try {
			return redisCli(dataPort, 'datapw', 'PING') === 'PONG' && redisCli(sentinelPort, 'sentpw', 'SENTINEL', 'GET-MASTER-ADDR-BY-NAME', 'm').includes(String(dataPort));
		} catch {
			return false;
		}
	}, 10_000, 100)).toBe(true);
}, 30_000);

afterAll(async () => {
	await Promise.all(spawned.map(s => stopSpawned(s)));
	if (dir) rmSync(dir, {recursive: true, force: true});
});

function options(...argv: string[]): Options {
	const result = parseOptions(['--interval', '250ms', '--timeout', '1000ms', ...argv], {REDISCLI_AUTH: 'datapw'});
	if (result.kind !== 'options') throw new Error(JSON.stringify(result));
	return result.options;
}

async function once(...argv: string[]): Promise<{code: number; stderr: string[]}> {
	const stderr: string[] = [];
	const code = await runOnce(options('--window', '0', ...argv), {stdout: () => undefined, stderr: line => stderr.push(line)});
	return {code, stderr};
}

describe('Sentinels behind TLS with their own password (case 3)', () => {
	it('--cacert and --sentinel-pass reach the Sentinel, which brings the data node', async () => {
		const monitor = createMonitor(options('--tls', '--cacert', file('ca.crt'), '--sentinel', `127.0.0.1:${sentinelPort}`, '--master-name', 'm', '--sentinel-pass', 'sentpw'));
		try {
			let snapshot = await monitor.tickOnce();
			await waitFor(async () => (snapshot = await monitor.tickOnce()).topology.nodes[`127.0.0.1:${dataPort}`]?.sample.reachable === true, 5000, 100);
			expect(snapshot.topology.sentinels.map(v => [v.address, v.reachable])).toEqual([[`127.0.0.1:${sentinelPort}`, true]]);
			expect(snapshot.topology.nodes[`127.0.0.1:${dataPort}`]?.role).toBe('master');
		} finally {
			await monitor.stop();
		}
	});

	it('a wrong Sentinel password is reported as such (not "no node reachable" alone)', async () => {
		const {code, stderr} = await once('--tls', '--cacert', file('ca.crt'), '--sentinel', `127.0.0.1:${sentinelPort}`, '--master-name', 'm', '--sentinel-pass', 'nope');
		expect(code).toBe(3);
		expect(stderr.at(-1)).toBe(`replwatch: no node reachable (Sentinel 127.0.0.1:${sentinelPort}: the Sentinel refused the password: give the Sentinels' own with --sentinel-pass or REDISCLI_SENTINEL_AUTH (and --sentinel-user for an ACL user))`);
		expect(stderr.join('\n')).not.toContain('nope');
	});

	it('a Sentinel without --cacert says which flag to add; --sentinel at a data node says so', async () => {
		const noCa = await once('--tls', '--sentinel', `127.0.0.1:${sentinelPort}`, '--master-name', 'm', '--sentinel-pass', 'sentpw');
		expect(noCa.stderr.at(-1)).toMatch(/\(Sentinel \S+: TLS: the server's certificate is signed by an unknown CA: give that CA with --cacert FILE/);
		const dataNode = await once('--tls', '--cacert', file('ca.crt'), '--sentinel', `127.0.0.1:${dataPort}`, '--master-name', 'm');
		expect(dataNode.stderr.at(-1)).toBe(`replwatch: no node reachable (Sentinel 127.0.0.1:${dataPort}: not a Sentinel (a data node answers here): give it as a node, not with --sentinel)`);
	});
});

describe('TLS failures are one line saying what to change', () => {
	const errorOf = async (...argv: string[]) => (await once(...argv)).stderr.at(-1) ?? '';
	const configSet = (...args: string[]) => rawCommandTls(['CONFIG', 'SET', ...args]);
	function rawCommandTls(args: string[]): string {
		return execFileSync('redis-cli', ['--tls', '--insecure', '--cert', file('server.crt'), '--key', file('server.key'), '-p', String(dataPort), '-a', 'datapw', '--no-auth-warning', ...args], {encoding: 'utf8'}).trim();
	}

	it('unknown CA, plain client on a TLS port', async () => {
		expect(await errorOf('--tls', `127.0.0.1:${dataPort}`)).toMatch(/: TLS: the server's certificate is signed by an unknown CA: give that CA with --cacert FILE \(or --insecure to skip verification\)\)$/);
		expect(await errorOf(`127.0.0.1:${dataPort}`)).toMatch(/: connection reset during connect: if this is a TLS port, add --tls \(or use rediss:\/\/\)\)$/);
	});

	it('name mismatch, expired certificate, client certificate required', async () => {
		try {
			expect(configSet('tls-cert-file', file('wrongname.crt'))).toBe('OK');
			expect(await errorOf('--tls', '--cacert', file('ca.crt'), `127.0.0.1:${dataPort}`)).toMatch(/: TLS: the certificate is not issued for this host name or IP: connect by a name it lists \(or --insecure\)\)$/);
			expect(configSet('tls-cert-file', file('expired.crt'))).toBe('OK');
			expect(await errorOf('--tls', '--cacert', file('ca.crt'), `127.0.0.1:${dataPort}`)).toMatch(/: TLS: the server's certificate has expired: renew it on the server \(or --insecure to skip verification\)\)$/);
			expect(configSet('tls-cert-file', file('server.crt'), 'tls-auth-clients', 'yes')).toBe('OK');
			expect(await errorOf('--tls', '--cacert', file('ca.crt'), `127.0.0.1:${dataPort}`)).toMatch(/: TLS: the server requires a client certificate: give --cert FILE and --key FILE\)$/);
		} finally {
			configSet('tls-cert-file', file('server.crt'), 'tls-auth-clients', 'no');
		}
	});
});

describe('library output never reaches the terminal (case 1)', () => {
	it('-a with a Sentinel that has no password: ioredis\' AUTH warning becomes a report event, not a stderr line', async () => {
		const port = await findFreePort();
		writeFileSync(file('open-sentinel.conf'), [`port ${port}`, `dir ${dir}`, `sentinel monitor open 127.0.0.1 ${dataPort} 1`, ''].join('\n'));
		const sentinel = spawnServer('redis-sentinel', [file('open-sentinel.conf')], dir);
		spawned.push(sentinel);
		const written: string[] = [];
		const [out, err] = [process.stdout.write, process.stderr.write];
		try {
			expect(await waitFor(async () => (await rawCommand(port, ['PING']).catch(() => '')).includes('PONG'), 5000, 50)).toBe(true);
			let report = '';
			const stderr: string[] = [];
			process.stdout.write = ((chunk: string) => (written.push(String(chunk)), true)) as typeof process.stdout.write;
			process.stderr.write = ((chunk: string) => (written.push(String(chunk)), true)) as typeof process.stderr.write;
			await runOnce(options('--window', '500ms', '--json', '--sentinel', `127.0.0.1:${port}`, '--master-name', 'open'), {stdout: text => (report += text), stderr: line => stderr.push(line)});
			process.stdout.write = out;
			process.stderr.write = err;
			const events = (JSON.parse(report) as {events: {kind: string; text: string}[]}).events;
			expect(events.filter(e => e.kind === 'library').map(e => e.text)).toEqual(['a server (often a Sentinel without requirepass) needs no password but was sent one; give Sentinels their own with --sentinel-pass or REDISCLI_SENTINEL_AUTH']);
			expect(written).toEqual([]);
		} finally {
			process.stdout.write = out;
			process.stderr.write = err;
			await stopSpawned(sentinel);
		}
	});
});
