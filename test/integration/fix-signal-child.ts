// A fix run the way the TUI runs one (the remediation engine, the shutdown hook, the signal handlers),
// in its own process so a test can send it SIGTERM or SIGHUP halfway through.
// argv: audit path, then node addresses; prints "applying" once the fix starts.
import {createRemediationApi} from '../../source/remediation/api.js';
import {onShutdown} from '../../source/cli/exit.js';
import {onSignals} from '../../source/cli/signals.js';
import type {CheckResult, Remediation} from '../../source/model/types.js';

const [auditLogPath, value, ...nodes] = process.argv.slice(2) as [string, string, ...string[]];
const api = createRemediationApi({readOnly: false, auditLogPath, timeoutMs: 10_000})!;
onShutdown(reason => api.interrupt!(reason));
onSignals(async () => undefined);
const fixes: Remediation[] = nodes.map(node => ({node, command: ['CONFIG', 'SET', 'repl-timeout', value], current: '60', proposed: value, risk: 'low', parameter: 'repl-timeout', fixId: 'repl-timeout'}));
const check: CheckResult = {id: '6.2', section: '6', title: 'check 6.2', status: 'warn', summary: 'test', evidence: [], remediations: fixes};
process.stdout.write('applying\n');
const outcome = await api.apply(check, fixes, value);
process.stdout.write(`${JSON.stringify(outcome)}\n`);
