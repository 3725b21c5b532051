import React from 'react';
import {Box, Text, useApp, useStdin} from 'ink';
import {useAppController} from '../hooks/use-app-controller.js';
import {overallCounts} from '../hooks/use-checklist-rows.js';
import {useKeymap} from '../hooks/use-keymap.js';
import {footerBudget, useLayout} from '../hooks/use-layout.js';
import {useMonitor, useOverdueSeconds} from '../hooks/use-monitor.js';
import {useTerminalSize} from '../hooks/use-terminal-size.js';
import {checkInfo} from '../source/checks/registry.js';
import type {MonitorHandle} from '../source/model/snapshot.js';
import type {UiOptions} from '../source/model/ui-contracts.js';
import {ChecklistPanel} from './ChecklistPanel.js';
import {CheckDetail} from './CheckDetail.js';
import type {CheckInfo} from './detail-lines.js';
import {FilterInput} from './FilterInput.js';
import {FixPrompt} from './FixPrompt.js';
import {Footer, footerLines} from './Footer.js';
import {HelpScreen} from './HelpScreen.js';
import {LagChart} from './LagChart.js';
import {LinksTable} from './LinksTable.js';
import {MonitorConfirm} from './MonitorConfirm.js';
import {NodeDetail} from './NodeDetail.js';
import {Panel} from './Panel.js';
import {StatusLine} from './StatusLine.js';
import {Timeline} from './Timeline.js';
import {TopologyPanel, topologyWidthNeeded} from './TopologyPanel.js';
import {WalkthroughScreen} from './WalkthroughScreen.js';
import {fleetCounts} from '../views/fleet-counts.js';
import {bannerText} from './alert-lines.js';
import {AlertsScreen} from './AlertsScreen.js';

export interface AppProps {
	readonly monitor: MonitorHandle;
	readonly options: UiOptions;
	/** What a check verifies and why (default: the checks registry). */
	readonly describe?: (id: string) => CheckInfo | undefined;
	/** Called after q / Ctrl+C once the monitor has stopped (default: unmount). */
	readonly onExit?: () => void;
}

export const stdinNotice = 'keys unavailable: stdin is not a terminal (Ctrl+C or SIGTERM stops)';

export function App({monitor, options, describe = checkInfo, onExit}: AppProps) {
	const {exit} = useApp();
	const snapshot = useMonitor(monitor);
	const size = useTerminalSize();
	const c = useAppController(snapshot, monitor, options, onExit ?? exit);
	// A replay's clock is the recorded one: nothing is ever overdue.
	const overdue = useOverdueSeconds(snapshot.lastTickAt, snapshot.intervalMs, snapshot.paused || options.replay !== undefined);
	const ascii = options.ascii;
	const footer = footerLines(c.entries, Math.max(1, size.columns), ascii, footerBudget(size));
	const banner = bannerText(snapshot.alerts, Math.max(1, size.columns), ascii, snapshot.topology.at);
	// No terminal on stdin (closed, /dev/null, a pipe): no key can reach the app, and the screen says so.
	const {isRawModeSupported} = useStdin();
	const notices = React.useMemo(
		() => [...(isRawModeSupported ? [] : [stdinNotice]), ...(snapshot.notices ?? [])],
		[isRawModeSupported, snapshot.notices],
	);
	const layout = useLayout(size, {topologyRows: c.topologyRows.length, checkRows: c.checklistRows.length, footerLines: footer.length, bannerLines: banner ? 1 : 0, topologyWidth: topologyWidthNeeded(c.topologyRows, ascii)});
	useKeymap(c.entries, {onAction: c.onAction, onText: c.onText, entriesNow: c.entriesNow});

	const fleet = fleetCounts(snapshot.topology, snapshot.history);
	const up = fleet.up;
	const now = snapshot.lastTickAt ?? snapshot.startedAt;
	const innerWidth = (box: {width: number}) => Math.max(1, box.width - (layout.borders ? 2 : 0));

	let body: React.ReactNode;
	if (c.fix) {
		body = (
			<Box flexDirection="column" height={layout.bodyLines} overflow="hidden">
				<FixPrompt fix={c.fix} keys={c.entries} {...(options.remediation?.auditLogPath ? {auditLogPath: options.remediation.auditLogPath} : {})} ascii={ascii} />
			</Box>
		);
	} else if (c.screen === 'monitor-confirm' && c.monitorTarget && options.monitorSample) {
		body = <MonitorConfirm node={c.monitorTarget} warning={options.monitorSample.warning} width={layout.columns} lines={layout.bodyLines} ascii={ascii} />;
	} else if (c.screen === 'alerts') {
		body = <AlertsScreen alerts={snapshot.alerts} now={now} {...(options.alertForSeconds === undefined ? {} : {forSeconds: options.alertForSeconds})} lines={layout.bodyLines} scroll={c.detailScroll} ascii={ascii} />;
	} else if (c.screen === 'help') {
		body = <HelpScreen entries={c.helpEntries} lines={layout.bodyLines} scroll={c.detailScroll} ascii={ascii} width={layout.columns} />;
	} else if (c.screen === 'lag-chart' && c.chartNode) {
		body = (
			<Box flexDirection="column" height={layout.bodyLines} overflow="hidden">
				<LagChart follower={c.chartNode} history={snapshot.history} unit={c.chartUnit} width={layout.columns} lines={layout.bodyLines} now={now} intervalMs={snapshot.intervalMs} ascii={ascii} />
			</Box>
		);
	} else if (c.screen === 'links') {
		body = <LinksTable snapshot={snapshot} sort={c.linksSort} width={layout.columns} lines={layout.bodyLines} scroll={c.detailScroll} now={now} ascii={ascii} />;
	} else if (c.screen === 'node-detail' && c.detailNode) {
		body = <NodeDetail address={c.detailNode} topology={snapshot.topology} history={snapshot.history} unit={c.chartUnit} width={layout.columns} lines={layout.bodyLines} scroll={c.detailScroll} ascii={ascii} now={now} intervalMs={snapshot.intervalMs} />;
	} else if (c.screen === 'check-detail' && c.detailCheck) {
		const info = describe?.(c.detailCheck.id);
		body = <CheckDetail check={c.detailCheck} {...(info ? {info} : {})} width={layout.columns} lines={layout.bodyLines} scroll={c.detailScroll} ascii={ascii} readOnly={options.readOnly} />;
	} else if (c.screen === 'walkthrough' || c.screen === 'note') {
		const info = c.walkthrough.check ? describe?.(c.walkthrough.check.id) : undefined;
		body = <WalkthroughScreen walkthrough={c.walkthrough} {...(info ? {info} : {})} width={layout.columns} lines={layout.bodyLines} ascii={ascii} readOnly={options.readOnly} />;
	} else {
		const {topology: tBox, checks: cBox} = layout;
		const topologyPanel = (
			<Panel title={`Topology (${up}/${up + fleet.unreachable} up)${c.topologySort === 'discovery' ? '' : ` by ${c.topologySort}`}`} focused={c.panel === 'topology'} width={tBox.width} height={tBox.height} borders={layout.borders} ascii={ascii}>
				<TopologyPanel rows={c.topologyRows} width={innerWidth(tBox) - 1} filter={c.filter} {...(c.selectedNode ? {selected: c.selectedNode} : {})} focused={c.panel === 'topology'} lines={tBox.contentLines} narrow={layout.narrow || innerWidth(tBox) < 60} ascii={ascii} />
			</Panel>
		);
		const checksPanel = (
			<Panel title={`Checklist${c.statusFilter === 'all' ? '' : c.statusFilter === 'fail' ? ' (fail only · v)' : ' (fail and warn · v)'}`} focused={c.panel === 'checks'} width={cBox.width} height={cBox.height} borders={layout.borders} ascii={ascii}>
				<ChecklistPanel rows={c.checklistRows} filtered={c.filter !== '' || c.statusFilter !== 'all'} {...(c.selectedCheckId ? {selectedId: c.selectedCheckId} : {})} focused={c.panel === 'checks'} lines={cBox.contentLines} ascii={ascii} />
			</Panel>
		);
		const timeline = <Timeline view={c.timeline(Math.max(0, layout.timelineLines - 1))} lines={layout.timelineLines} focused={c.panel === 'timeline'} ascii={ascii} />;
		body =
			layout.arrangement === 'side-by-side' ? (
				<Box flexDirection="row">
					<Box flexDirection="column" width={tBox.width}>
						{topologyPanel}
						{timeline}
					</Box>
					{checksPanel}
				</Box>
			) : (
				<>
					{topologyPanel}
					{checksPanel}
					{timeline}
				</>
			);
	}

	return (
		<Box flexDirection="column" width={layout.columns}>
			<StatusLine
				tick={snapshot.tick}
				intervalMs={snapshot.intervalMs}
				lastTickMs={snapshot.lastTickMs}
				width={layout.columns}
				{...(options.lab && options.remediation?.auditLogPath ? {auditLog: options.remediation.auditLogPath} : {})}
				overdueSeconds={overdue}
				paused={snapshot.paused}
				up={fleet.up}
				unreachable={fleet.unreachable}
				linksDown={fleet.linksDown}
				counts={overallCounts(snapshot.checks)}
				readOnly={options.readOnly && options.replay === undefined}
				lab={options.lab !== undefined}
				filter={c.filter}
				{...(c.message ? {message: c.message} : {})}
				{...(options.replay ? {replay: options.replay.status()} : {})}
				{...(snapshot.recording ? {recording: snapshot.recording} : {})}
				{...(notices.length ? {notices} : {})}
				ascii={ascii}
			/>
			{banner ? (
				<Text color={banner.color} bold={banner.bold} wrap="truncate-end">
					{banner.text}
				</Text>
			) : null}
			{body}
			{c.screen === 'filter' ? (
				<FilterInput label="filter nodes and checks" draft={c.filterDraft} ascii={ascii} />
			) : c.screen === 'note' ? (
				<FilterInput label={`note for ${c.walkthrough.check?.id ?? ''} (Enter keeps, Esc cancels)`} draft={c.noteDraft} ascii={ascii} />
			) : c.fix ? null : (
				<Footer lines={footer} />
			)}
		</Box>
	);
}
