import React from 'react';
import {Box, Text} from 'ink';
import type {Snapshot} from '../source/model/snapshot.js';
import {linkColumns, linkRows, shortHosts, type LinkSort} from '../views/links-table.js';
import {DataTable, tableHeight} from './DataTable.js';
import {fit} from './format.js';

export interface LinksTableProps {
	readonly snapshot: Snapshot;
	readonly sort: LinkSort;
	readonly width: number;
	readonly lines: number;
	readonly scroll: number;
	readonly now: number;
	readonly ascii?: boolean;
}

export function LinksTable({snapshot, sort, width, lines, scroll, now, ascii = false}: LinksTableProps) {
	const {host, rows} = shortHosts(linkRows(snapshot.topology, snapshot.events, sort, snapshot.startedAt, now, ascii));
	const dot = ascii ? '|' : '·';
	const room = Math.max(1, lines - 1 - tableHeight(0));
	const start = Math.max(0, Math.min(scroll, rows.length - room));
	const shown = rows.slice(start, start + room);
	return (
		<Box flexDirection="column" height={lines} overflow="hidden">
			<Text bold wrap="truncate-end">
				{fit(`Links (${rows.length}) by ${sort}${host ? ` ${dot} host ${host}` : ''}${rows.length > shown.length ? ` ${dot} ${start + 1}-${start + shown.length} of ${rows.length}` : ''} ${dot} o: order ${dot} ack = seconds since the follower last acknowledged (REPLCONF ACK)`, width, ascii)}
			</Text>
			<DataTable rows={shown} columns={[...linkColumns]} width={width} empty="no replication link known" ascii={ascii} keep={3} />
		</Box>
	);
}
