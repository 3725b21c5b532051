// The walkthrough's order and notes (hooks/walkthrough.ts) and the checklist's rows (hooks/use-checklist-rows.ts), without React.
import {describe, expect, test} from 'vitest';
import {checklistRows, overallCounts} from '../../hooks/use-checklist-rows.js';
import {compareCheckIds, documentOrder, walkthroughOf, withNote} from '../../hooks/walkthrough.js';
import type {CheckResult, CheckStatus} from '../../source/model/types.js';

const check = (id: string, status: CheckStatus = 'pass', title = `check ${id}`): CheckResult => ({id, section: id.split('.').slice(0, -1).join('.') || id, title, status, summary: '', evidence: [], remediations: []});

describe('document order', () => {
	test('numbers compare as the document numbers them: 1.2.10 after 1.2.9, 3.10 after 3.9, a section before its checks', () => {
		const ids = ['3.10', '1.2.10', '1.2.9', '3.9', '1.2', '6.1'];
		expect([...ids].sort(compareCheckIds)).toEqual(['1.2', '1.2.9', '1.2.10', '3.9', '3.10', '6.1']);
		expect(documentOrder(ids.map(id => check(id))).map(c => c.id)).toEqual(['1.2', '1.2.9', '1.2.10', '3.9', '3.10', '6.1']);
	});
});

describe('walkthroughOf', () => {
	const ordered = documentOrder([check('1.1.2'), check('1.1.1'), check('2.2.1')]);

	test('starts on the first check, follows its check by id, and knows when it is at the end', () => {
		expect(walkthroughOf(ordered, {notes: {}})).toMatchObject({position: 0, total: 3, atEnd: false, check: {id: '1.1.1'}});
		expect(walkthroughOf(ordered, {currentId: '2.2.1', notes: {}})).toMatchObject({position: 2, atEnd: true});
		// The check it was on is gone (a filtered or changed list): back to the first.
		expect(walkthroughOf(ordered, {currentId: '9.9', notes: {}}).position).toBe(0);
	});

	test('a note is kept trimmed, and an empty one removes it', () => {
		const notes = withNote({}, '1.1.1', '  checked with the team  ');
		expect(notes).toEqual({'1.1.1': 'checked with the team'});
		expect(withNote(notes, '1.1.1', '   ')).toEqual({});
	});
});

describe('checklistRows', () => {
	const checks = [check('1.2.4', 'warn', 'Replication delay'), check('1.1.1'), check('1.2.1', 'fail', 'Link up'), check('2.2.2')];

	test('checks in document order under their section, each section with its counts', () => {
		const rows = checklistRows(checks);
		expect(rows.map(r => (r.kind === 'section' ? `[${r.section} ${JSON.stringify(r.counts)}]` : r.check.id))).toEqual([
			'[1.1 {"pass":1,"warn":0,"fail":0,"info":0,"unknown":0}]', '1.1.1',
			'[1.2 {"pass":0,"warn":1,"fail":1,"info":0,"unknown":0}]', '1.2.1', '1.2.4',
			'[2.2 {"pass":1,"warn":0,"fail":0,"info":0,"unknown":0}]', '2.2.2',
		]);
		expect(overallCounts(checks)).toEqual({pass: 2, warn: 1, fail: 1, info: 0, unknown: 0});
	});

	test('a filter keeps checks by id, status or title, and drops the sections left empty', () => {
		const ids = (filter: string) => checklistRows(checks, filter).map(r => (r.kind === 'section' ? r.section : r.check.id));
		expect(ids('fail')).toEqual(['1.2', '1.2.1']);
		expect(ids('delay')).toEqual(['1.2', '1.2.4']);
		expect(ids('2.2')).toEqual(['2.2', '2.2.2']);
	});
});
