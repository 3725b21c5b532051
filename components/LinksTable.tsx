import React from 'react';
import {Box, Text} from 'ink';
import type {Snapshot} from '../source/model/snapshot.js';
import {linkColumns, linkRows, type LinkSort} from '../views/links-table.js';
import {DataTable, tableHeight} from './DataTable.js';

export interface LinksTableProps {
	readonly snapshot: Snapshot;
	readonly sort: LinkSort;
	readonly width: number;
	readonly lines: number;
	readonly scroll: number;
	readonly now: number;
}

export function LinksTable({snapshot, sort, width, lines, scroll, now}: LinksTableProps) {
	const rows = linkRows(snapshot.topology, snapshot.events, sort, snapshot.startedAt, now);
	const room = Math.max(1, lines - 1 - tableHeight(0));
	const start = Math.max(0, Math.min(scroll, rows.length - room));
	const shown = rows.slice(start, start + room);
	return (
		<Box flexDirection="column" height={lines} overflow="hidden">
			<Text bold wrap="truncate-end">
				Links ({rows.length}) by {sort} · o: order · ack = seconds since the follower last acknowledged (REPLCONF ACK)
				{rows.length > shown.length ? ` · ${start + 1}-${start + shown.length} of ${rows.length}` : ''}
			</Text>
			<DataTable rows={shown} columns={[...linkColumns]} width={width} empty="no replication link known" />
		</Box>
	);
}
