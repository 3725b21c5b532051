import type {MonitorSettings} from '../engine/settings.js';
import type {Monitor} from '../engine/monitor.js';
import type {MonitorSampleControls} from '../model/ui-contracts.js';
import type {Address} from '../model/types.js';
import {maxMonitorMs, monitorWarning, sampleMonitor, type MonitorSample} from '../triage/monitor-sample.js';

const topCommands = (sample: MonitorSample, count = 4) =>
	Object.entries(sample.byCommand).sort((a, b) => b[1] - a[1]).slice(0, count).map(([name, calls]) => `${name} ${calls}`).join(', ');

/** One line: what the node ran, by kind, with the busiest command names. */
export function sampleLine(sample: MonitorSample): string {
	const seconds = (sample.durationMs / 1000).toFixed(1);
	const top = topCommands(sample);
	const replicated = sample.replicated > 0 ? `; ${sample.replicated} from the replication stream (not counted)` : '';
	return `MONITOR ${sample.node} ${seconds} s: ${sample.reads} reads, ${sample.writes} writes, ${sample.other} other${top ? ` (${top})` : ''}${replicated}`;
}

/** The sample reaches a node the way the monitor does (its credentials and TLS); the result goes to the timeline too. */
export function monitorSampleFor(options: MonitorSettings, monitor: Monitor): MonitorSampleControls {
	return {
		warning: monitorWarning,
		async run(node: Address, onProgress: (line: string) => void) {
			const target = monitor.targetOf(node);
			const useTls = target ? target.tls : options.tls.enabled;
			const masterAddress = monitor.getSnapshot().topology.nodes[node]?.masterAddress;
			const outcome = await sampleMonitor(
				{
					address: node,
					...(masterAddress ? {masterAddress} : {}),
					...(target ? {credentials: target.credentials} : {}),
					...(useTls ? {tls: {...options.tls, enabled: true}} : {}),
					timeoutMs: options.timeoutMs,
				},
				{durationMs: maxMonitorMs, onProgress: partial => onProgress(`${sampleLine(partial)} (sampling…)`)},
			);
			const line = outcome.ok ? sampleLine(outcome.sample) : outcome.error;
			monitor.note({node, kind: outcome.ok ? 'monitor-sample' : 'monitor-sample-failed', text: line});
			return line;
		},
	};
}
