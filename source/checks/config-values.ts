import type {Address, Remediation, TopologyNode} from '../model/types.js';

/** An allow-listed CONFIG value of a node (undefined when CONFIG GET failed or was not sent). */
export const configValue = (node: TopologyNode | undefined, name: string): string | undefined => node?.sample.config?.[name];

export function configNumber(node: TopologyNode | undefined, name: string): number | undefined {
	const v = configValue(node, name);
	if (v === undefined || v.trim() === '') return undefined;
	const n = Number(v);
	return Number.isFinite(n) ? n : undefined;
}

/** Redis memory units in CONFIG values ("1mb", "256kb", "1gb", bytes). */
export function parseMemory(value: string | undefined): number | undefined {
	if (value === undefined) return undefined;
	const m = /^\s*(\d+(?:\.\d+)?)\s*(b|k|kb|m|mb|g|gb)?\s*$/i.exec(value);
	if (!m) return undefined;
	const n = Number(m[1]);
	const unit = (m[2] ?? 'b').toLowerCase();
	const mult: Record<string, number> = {b: 1, k: 1000, kb: 1024, m: 1e6, mb: 1024 ** 2, g: 1e9, gb: 1024 ** 3};
	return Math.round(n * mult[unit]!);
}

export function nextPowerOfTwo(n: number): number {
	if (n <= 1) return 1;
	return 2 ** Math.ceil(Math.log2(n));
}

/** Bytes as a CONFIG value: "16mb" when a whole number of MiB, else bytes. */
export function configBytes(bytes: number): string {
	if (bytes >= 1024 ** 3 && bytes % 1024 ** 3 === 0) return `${bytes / 1024 ** 3}gb`;
	if (bytes >= 1024 ** 2 && bytes % 1024 ** 2 === 0) return `${bytes / 1024 ** 2}mb`;
	return String(bytes);
}

/** A CONFIG SET remediation. */
export function configSet(node: Address, parameter: string, current: string | undefined, proposed: string, risk: 'low' | 'high', extra: Partial<Remediation> = {}): Remediation {
	return {node, command: ['CONFIG', 'SET', parameter, proposed], current: current ?? '', proposed, risk, parameter, ...extra};
}
