import React, {Component, type ReactNode} from 'react';
import {Text} from 'ink';
import {useKeymap} from '../hooks/use-keymap.js';
import {errorKeymap} from '../source/keymap/keymap.js';
import {sanitize} from '../source/model/sanitize.js';

export interface ErrorBoundaryProps {
	readonly children?: ReactNode;
	readonly onQuit: () => void;
}

interface State {
	readonly error?: Error;
}

function ErrorScreen({error, onQuit}: {readonly error: Error; readonly onQuit: () => void}) {
	useKeymap(errorKeymap, {onAction: onQuit});
	return <Text color="red">replwatch display error: {sanitize(String(error.message).split('\n')[0])} (press q to quit)</Text>;
}

/** A rendering bug shows one line instead of a stack trace over the operator's terminal. */
export class ErrorBoundary extends Component<ErrorBoundaryProps, State> {
	override state: State = {};

	static getDerivedStateFromError(error: Error): State {
		return {error};
	}

	override render() {
		if (this.state.error) return <ErrorScreen error={this.state.error} onQuit={this.props.onQuit} />;
		return this.props.children;
	}
}
