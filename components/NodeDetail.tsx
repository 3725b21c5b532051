import {viewOf} from '../source/model/node-view.js';
import React from 'react';
import {Text} from 'ink';
import type {Address, Topology} from '../source/model/types.js';
import {nodeDetailLines} from './detail-lines.js';
import {Lines} from './Lines.js';

export interface NodeDetailProps {
	readonly address: Address;
	readonly topology: Topology;
	readonly width: number;
	readonly lines: number;
	readonly scroll: number;
	readonly ascii: boolean;
	readonly now: number;
}

export function NodeDetail({address, topology, width, lines, scroll, ascii, now}: NodeDetailProps) {
	const node = topology.nodes[address];
	if (!node) return <Text>{address} is no longer in the topology (Esc to go back)</Text>;
	const link = topology.links.find(l => l.follower === address);
	const leader = link ? topology.nodes[link.leader] : undefined;
	const body = nodeDetailLines(node, link, viewOf(leader?.sample)?.masterReplOffset, width, now);
	return <Lines lines={body} height={lines} scroll={scroll} ascii={ascii} />;
}
