import {spawnSync} from 'node:child_process';
import {join} from 'node:path';
import {describe, expect, it} from 'vitest';

const root = new URL('../..', import.meta.url).pathname;

describe('layer rules (.dependency-cruiser.cjs)', () => {
	it('no import cycle, nothing from model/ or redis/ upward, the TUI started only by source/app', () => {
		const run = spawnSync(process.execPath, [join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs'), 'source', 'components', 'hooks', 'views', '--config', '.dependency-cruiser.cjs', '--output-type', 'err'], {cwd: root, encoding: 'utf8'});
		expect(run.stdout + run.stderr).toMatch(/no dependency violations found/);
		expect(run.status).toBe(0);
	});
});
