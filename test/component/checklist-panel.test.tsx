// Issue 26 D: at 80x24 the checklist shows its fails at a first glance, though they sit below the fold.
import {afterEach, expect, test} from 'vitest';
import type {CheckResult} from '../../source/model/types.js';
import {buildSnapshot, sampleChecks} from './fixtures.js';
import {keys, renderApp, type Rendered} from './render-app.js';

let app: Rendered | undefined;
afterEach(() => {
	app?.unmount();
	app = undefined;
});

const check = (id: string, status: CheckResult['status'], title: string): CheckResult => ({id, section: id.split('.').slice(0, id.split('.').length > 2 ? 2 : 1).join('.'), title, status, summary: `${title} is ${status}`, evidence: [], remediations: []});

test('80x24: the first checklist line names every fail, then the warns, while 1.1.x passes fill the rest', async () => {
	const base = buildSnapshot();
	const checks = [
		...sampleChecks(base.topology).filter(c => c.id !== '1.2.4'),
		check('1.1.3', 'pass', 'No writes sent to replicas'), check('1.1.4', 'pass', 'Reads served by followers'), check('1.1.5', 'info', 'Traffic sampling'),
		check('1.2.3', 'fail', 'Ack liveness'), check('1.2.4', 'fail', 'Replication delay'), check('2.4.2', 'fail', 'Backlog size vs write rate'), check('6.2', 'fail', 'repl-timeout vs ping period'),
	];
	app = await renderApp({columns: 80, rows: 24, snapshot: {...base, checks}});
	const lines = app.lines();
	const title = lines.findIndex(l => l.includes('Checklist'));
	expect(lines[title + 1]).toMatch(/^│ ?✖ 1\.2\.3 1\.2\.4 2\.4\.2 6\.2 · ! 2\.2\.2 · \] next problem/);
	// The fails themselves are below the fold: the line is what tells.
	expect(app.frame()).not.toContain('6.2 repl-timeout');
	await app.press(keys.tab, ']');
	expect(app.frame()).toMatch(/▸✖ 1\.2\.3 Ack liveness/);
	// Everything fits at 200x60: no summary line.
	await app.resize(200, 60);
	expect(app.frame()).not.toMatch(/✖ 1\.2\.3 1\.2\.4/);
});
