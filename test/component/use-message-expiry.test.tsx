import React, {act, useCallback, useRef, useState} from 'react';
import {Text} from 'ink';
import {render} from 'ink-testing-library';
import {afterEach, beforeEach, expect, test, vi} from 'vitest';
import {reduceUi, type UiAction} from '../../hooks/ui-reducer.js';
import {initialUiState, type UiState, type UiWorld} from '../../hooks/ui-state.js';
import {documentOrder} from '../../hooks/walkthrough.js';
import {messageLifetimeMs, useMessageExpiry} from '../../hooks/use-message-expiry.js';
import {buildSnapshot} from './fixtures.js';

const snapshot = buildSnapshot();
const world: UiWorld = {snapshot, nodes: Object.keys(snapshot.topology.nodes), checks: documentOrder(snapshot.checks), ordered: documentOrder(snapshot.checks), features: {readOnly: false, monitorSample: false, recording: false, replay: false}, fix: {validate: () => undefined}};

let send: (action: UiAction) => void = () => undefined;
/** The status line's message as the app holds it: the real reducer, the real expiry hook. */
function StatusMessage() {
	const [state, setState] = useState<UiState>(() => initialUiState(false));
	const current = useRef(state);
	const dispatch = useCallback((action: UiAction) => {
		current.current = reduceUi(current.current, action, world).state;
		setState(current.current);
	}, []);
	send = dispatch;
	useMessageExpiry(state.message, useCallback((text: string) => dispatch({type: 'message-expired', text}), [dispatch]));
	return <Text>{state.message ?? 'audit log /tmp/lab/audit.log'}</Text>;
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

test('a lab message gives the status line back (the audit log) after 10 s; a newer one restarts the clock; work under way stays', async () => {
	const {lastFrame, unmount} = render(<StatusMessage />);
	await act(async () => send({type: 'message', text: 'follower 127.0.0.1:7001 paused (SIGSTOP)\nsecond line'}));
	expect(lastFrame()).toBe('follower 127.0.0.1:7001 paused (SIGSTOP)');
	await act(async () => vi.advanceTimersByTime(messageLifetimeMs - 1000));
	await act(async () => send({type: 'message', text: 'follower 127.0.0.1:7001 resumed (SIGCONT)'}));
	await act(async () => vi.advanceTimersByTime(5000));
	expect(lastFrame()).toBe('follower 127.0.0.1:7001 resumed (SIGCONT)');
	await act(async () => vi.advanceTimersByTime(messageLifetimeMs - 5000));
	expect(lastFrame()).toBe('audit log /tmp/lab/audit.log');
	await act(async () => send({type: 'message', text: 'MONITOR 127.0.0.1:7001: starting…'}));
	await act(async () => vi.advanceTimersByTime(3 * messageLifetimeMs));
	expect(lastFrame()).toBe('MONITOR 127.0.0.1:7001: starting…');
	unmount();
});
