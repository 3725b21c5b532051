import {readFileSync} from 'node:fs';

// CLUSTER NODES and CLUSTER SHARDS captured from a real 3 × 1 cluster (test/fixtures/cluster-*).
export const text = (name: string) => readFileSync(new URL(`../fixtures/cluster-${name}`, import.meta.url), 'utf8');
export const json = (name: string) => JSON.parse(text(name));
