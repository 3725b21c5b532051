// What an operator does on a bastion host with only Node: install the packed tarball globally under a
// prefix and run it. The tarball is packed from a copy of the repo's files without dist/ (as a clean
// clone is), so `prepack` has to build it; the install runs offline with an empty npm cache, so it
// can only work when the package needs nothing but itself.
import {spawnSync} from 'node:child_process';
import {cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {dirname, join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {startLab, type Lab} from '../../source/lab/lab.js';
import {root} from './cli-runner.js';

/** The environment of a machine that has Node and npm and nothing of this checkout. */
function bareEnv(dir: string): NodeJS.ProcessEnv {
	return {PATH: `${dirname(process.execPath)}:/usr/bin:/bin`, HOME: dir, npm_config_cache: join(dir, 'npm-cache'), npm_config_update_notifier: 'false'};
}

function run(command: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv) {
	const result = spawnSync(command, args, {cwd, env, encoding: 'utf8', timeout: 120_000});
	return {code: result.status, stdout: result.stdout, stderr: result.stderr};
}

describe('operator install: npm pack, then npm i -g --prefix DIR', () => {
	let dir: string;
	let lab: Lab;
	let prefix: string;
	let packed: ReturnType<typeof run>;
	let installed: ReturnType<typeof run>;
	beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'replwatch-install-'));
		const clone = join(dir, 'clone');
		const files = run('git', ['ls-files', '--cached', '--others', '--exclude-standard'], root, process.env).stdout.split('\n').filter(Boolean);
		for (const file of files) {
			if (!existsSync(join(root, file))) continue;
			mkdirSync(dirname(join(clone, file)), {recursive: true});
			cpSync(join(root, file), join(clone, file));
		}
		// A clean clone after `npm ci`: the build tools are installed, dist/ is not there.
		symlinkSync(join(root, 'node_modules'), join(clone, 'node_modules'));
		const env = bareEnv(dir);
		packed = run('npm', ['pack', '--pack-destination', dir], clone, env);
		const tarball = readdirSync(dir).find(name => /^replwatch-.*\.tgz$/.test(name));
		prefix = join(dir, 'prefix');
		installed = run('npm', ['i', '-g', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', `./${tarball}`], dir, env);
		lab = await startLab({followers: 1});
	});
	afterAll(async () => {
		await lab?.stop();
		if (dir) rmSync(dir, {recursive: true, force: true});
	});

	it('packs a built dist/ and installs offline, pulling no other package', () => {
		expect(packed.code, packed.stderr).toBe(0);
		expect(installed.code, installed.stderr).toBe(0);
		expect(installed.stdout).toMatch(/added 1 package/);
		const pkg = join(prefix, 'lib/node_modules/replwatch');
		expect(existsSync(join(pkg, 'dist/main.js'))).toBe(true);
		expect(existsSync(join(pkg, 'node_modules'))).toBe(false);
	});

	it('DIR/bin/replwatch --version prints the package version', () => {
		const {version} = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {version: string};
		const result = run(join(prefix, 'bin/replwatch'), ['--version'], dir, bareEnv(dir));
		expect(result.stderr).toBe('');
		expect(result.stdout.trim()).toBe(version);
	});

	it('DIR/bin/replwatch --once --json reads a real leader and its follower', () => {
		const result = run(join(prefix, 'bin/replwatch'), ['--once', '--json', '--window', '1s', lab.leader.address], dir, bareEnv(dir));
		expect(result.stderr).toBe('');
		expect(result.code).not.toBe(3);
		const report = JSON.parse(result.stdout) as {nodes: Array<{address: string; reachable: boolean; role: string}>; links: Array<{follower: string; state: string}>};
		expect(report.nodes.find(n => n.address === lab.leader.address)).toMatchObject({reachable: true, role: 'master'});
		expect(report.links).toEqual([expect.objectContaining({follower: lab.followers[0]!.address, state: 'online'})]);
	});
});
