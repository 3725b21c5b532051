import type {Options} from './options.js';
import type {Monitor} from '../engine/monitor.js';
import type {RemediationApi} from '../model/ui-contracts.js';

/** CONFIG SET fixes reach a node the way the monitor does: same credentials, TLS and renamed CONFIG. */
export async function remediationFor(options: Options, monitor: Monitor): Promise<RemediationApi | undefined> {
	const [{createRemediationApi}, {readTls}, {osUser}] = await Promise.all([
		import('../remediation/api.js'),
		import('../redis/connection.js'),
		import('../remediation/audit.js'),
	]);
	const user = osUser();
	const tls = options.tls.enabled ? readTls(options.tls) : undefined;
	const api = createRemediationApi({
		readOnly: options.readOnly,
		...(options.auditLog ? {auditLogPath: options.auditLog} : {}),
		renameCommands: options.renameCommands,
		sentinels: options.sentinels,
		timeoutMs: Math.max(options.timeoutMs, 2000),
		...(options.credentials.user ? {username: options.credentials.user} : {}),
		...(options.credentials.password ? {password: options.credentials.password} : {}),
		...(tls ? {tls} : {}),
		nodeConnection: node => {
			const target = monitor.targetOf(node);
			if (!target) return undefined;
			return {
				...(target.credentials.user ? {username: target.credentials.user} : {}),
				...(target.credentials.password ? {password: target.credentials.password} : {}),
				...(target.tls ? {tls: readTls(options.tls)} : {}),
			};
		},
	});
	if (!api) return undefined;
	// The checks must see the new value now, not at the next CONFIG refresh.
	const reread = (nodes: readonly string[]) => void monitor.refresh(nodes).catch(() => undefined);
	return {
		...api,
		async apply(check, remediations, value) {
			const outcome = await api.apply(check, remediations, value);
			// The timeline says what was changed; step commands arrive with secrets already masked.
			for (const step of outcome.steps) {
				const secret = remediations.some(r => r.node === step.node && r.secret);
				const values = secret || step.before === undefined ? '' : ` (${step.before} -> ${step.after ?? '?'})`;
				monitor.noteFix({
					user,
					node: step.node,
					check: check.id,
					command: step.command,
					...(secret || step.before === undefined ? {} : {before: step.before}),
					...(secret || step.after === undefined ? {} : {after: step.after}),
					ok: step.ok,
					...(step.ok ? {} : {error: step.error ?? 'error'}),
				});
				monitor.note({
					node: step.node,
					kind: step.ok ? 'remediation' : 'remediation-failed',
					text: `fix ${check.id}: ${step.command.join(' ')}${step.ok ? values : ` failed: ${step.error ?? 'error'}`}`,
				});
			}
			reread(outcome.steps.map(s => s.node));
			return outcome;
		},
		async persist(node) {
			const result = await api.persist(node);
			monitor.note({node, kind: result.ok ? 'remediation' : 'remediation-failed', text: `CONFIG REWRITE: ${result.message}`});
			reread([node]);
			return result;
		},
	} satisfies RemediationApi;
}
