// The budget table of issue 13, printed by every bench with the target beside each figure. Each
// bench fills the rows it measures; the rows another bench measured (100 real nodes, the simulated
// fleet) are kept in a file in the temp directory and shown with when and at what load they ran.
import {existsSync, readFileSync, writeFileSync} from 'node:fs';
import {loadavg, tmpdir} from 'node:os';
import {join} from 'node:path';

export const budgets = {
	redisUsec: {label: 'Redis µs per node per tick', target: '≤ 0.15 × one cold INFO all (same run)'},
	cpu3: {label: 'client CPU, 3 nodes @1 s, 120x40', target: '≤ 1.5 % of a core'},
	cpu100: {label: 'client CPU, 100 real nodes @1 s', target: '≤ 10 % of a core'},
	rss3: {label: 'RSS, 3 nodes', target: '≤ 100 MB'},
	rss100: {label: 'RSS, 100 real nodes after 10 min', target: '≤ 120 MB'},
	sim1000: {label: '1000 simulated nodes @1 s', target: 'tick ≤ 250 ms, CPU ≤ 60 %, RSS ≤ 300 MB'},
	firstFrame: {label: 'first complete frame, 3-node lab', target: '≤ 300 ms'},
	output3: {label: 'terminal output, 3 nodes steady', target: '≤ 1 KB/s'},
} as const;

export type BudgetKey = keyof typeof budgets;

interface Figure {
	readonly value: string;
	readonly ok: boolean;
	readonly at: string;
	readonly load: string;
}

const file = join(tmpdir(), 'replwatch-budgets.json');

export const loadAverage = (): string => loadavg().map(l => l.toFixed(2)).join(' ');

function stored(): Partial<Record<BudgetKey, Figure>> {
	try {
		return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Partial<Record<BudgetKey, Figure>>) : {};
	} catch {
		return {};
	}
}

/** Keeps this run's figures (with the time and the load average now) and prints the whole table. */
export function recordAndPrint(figures: Partial<Record<BudgetKey, {value: string; ok: boolean}>>): void {
	const at = new Date().toISOString().slice(0, 19).replace('T', ' ');
	const load = loadAverage();
	const all = stored();
	const fresh = new Set(Object.keys(figures));
	for (const [key, f] of Object.entries(figures)) all[key as BudgetKey] = {...f, at, load};
	// A run with extra V8 flags (a profiler, an experiment) is not the product: shown, not kept.
	const experiment = (process.env.BENCH_NODE_FLAGS ?? '').trim() !== '';
	if (!experiment) writeFileSync(file, JSON.stringify(all, null, 1));
	const rows = (Object.keys(budgets) as BudgetKey[]).map(key => {
		const f = all[key];
		const when = !f ? 'not measured yet' : fresh.has(key) ? 'this run' : `${f.at} UTC, load ${f.load}`;
		return [budgets[key].label, f?.value ?? '-', budgets[key].target, f ? (f.ok ? 'ok' : 'MISS') : '', when];
	});
	const header = ['budget', 'measured', 'target', '', 'when'];
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map(r => r[i]!.length)));
	const line = (cells: readonly string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
	console.log(`\nbudgets (load average now ${load}; rows from earlier runs say when${experiment ? `; BENCH_NODE_FLAGS="${process.env.BENCH_NODE_FLAGS}": this run's rows are not kept` : ''}):`);
	console.log(line(header));
	console.log(line(widths.map(w => '-'.repeat(w))));
	for (const r of rows) console.log(line(r));
}
