import {classifyError, connectWithin, createConnection} from '../redis/connection.js';
import type {TlsSettings} from '../redis/settings.js';
import type {NodeState} from './node-state.js';

/** We connected with credentials: would a client without them be let in? (A PING on a separate, short-lived connection.) */
export function probeAuth(state: NodeState, tls: TlsSettings, timeoutMs: number): void {
	state.authProbe = true;
	if (!state.target.credentials.password) {
		state.authRequired = false;
		return;
	}
	const anonymous = createConnection({address: state.target.address, credentials: {}, tls, timeoutMs}, state.target.tls);
	void connectWithin(anonymous, timeoutMs)
		.then(() => anonymous.ping())
		.then(() => {
			state.authRequired = false;
		}, (error: unknown) => {
			const kind = classifyError(error).kind;
			if (kind === 'noauth' || kind === 'wrongpass') state.authRequired = true;
			else state.authProbe = false; // try again later
		})
		.finally(() => anonymous.disconnect());
}
