import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {maxConfigFileBytes, readBounded} from '../../source/io/read-bounded.js';
import {loadSettings} from '../../source/checks/settings.js';
import {readTls} from '../../source/redis/connection.js';

const dir = mkdtempSync(join(tmpdir(), 'replwatch-bounded-'));
afterAll(() => rmSync(dir, {recursive: true, force: true}));

describe('files named by flags are read up to a bound (issue 15, case 6)', () => {
	it('an endless file (/dev/zero) is refused with one line, not read into memory', () => {
		expect(() => loadSettings('/dev/zero')).toThrow(/^--config file \/dev\/zero is larger than 64 KB: not read$/);
		expect(() => readTls({enabled: true, insecure: false, ca: '/dev/zero'})).toThrow(/^--cacert file \/dev\/zero is larger than 1024 KB/);
		expect(() => readTls({enabled: true, insecure: false, cert: '/dev/zero', key: '/dev/zero'})).toThrow(/^--cert file/);
	});

	it('a file at the bound is read whole; one byte more is refused', () => {
		const at = join(dir, 'at.bin');
		writeFileSync(at, Buffer.alloc(maxConfigFileBytes, 0x20));
		expect(readBounded(at, '--config', maxConfigFileBytes).length).toBe(maxConfigFileBytes);
		writeFileSync(at, Buffer.alloc(maxConfigFileBytes + 1, 0x20));
		expect(() => readBounded(at, '--config', maxConfigFileBytes)).toThrow(/larger than/);
	});

	it('a directory or a missing file says so', () => {
		expect(() => readBounded(dir, '--config', 10)).toThrow(/: a directory$/);
		expect(() => readBounded(join(dir, 'nope'), '--cacert', 10)).toThrow(/cannot read --cacert file .*nope: no such file$/);
	});
});
