// What recording costs (DESIGN.md budget: under 0.2 % of a core extra at 3 nodes) and how many
// bytes an hour of recording takes. Run by hand:
//   npm run build && npx tsx bench/recording.ts [--seconds 120] [--nodes 3|100] [--rate 200]
// It watches a real lab at 1 s with the recorder attached, measures the file's growth after the
// first frames (which carry every node's full INFO once), then re-encodes the very frames it saw
// through a fresh recorder and reads the process CPU that took (zlib's threads included).
import {mkdtempSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {startLab, type Lab} from '../source/lab/lab.js';
import {startManyNodes, type ManyNodes} from '../source/lab/cluster-lab.js';
import {startLoad, type LoadGenerator} from '../source/lab/load.js';
import {parseOptions} from '../source/cli/options.js';
import {createMonitor, type FrameRecord} from '../source/engine/monitor.js';
import {createRecorder} from '../source/record/writer.js';
import {formatBytes} from '../source/report/format.js';
import {flag, sleep} from './proc.js';

const seconds = flag('seconds', 120);
const nodeCount = flag('nodes', 3);
const rate = flag('rate', 200);
const warmupSeconds = 20; // past the first full INFO and CONFIG reads of every node

async function main(): Promise<void> {
	let lab: Lab | undefined;
	let many: ManyNodes | undefined;
	let load: LoadGenerator | undefined;
	const dir = mkdtempSync(join(tmpdir(), 'replwatch-bench-rec-'));
	try {
		let seeds: string[];
		if (nodeCount <= 3) {
			lab = await startLab({followers: 2});
			load = startLoad(lab, {rate});
			seeds = [lab.leader.address];
		} else {
			many = await startManyNodes(nodeCount, {followersPerLeader: 2});
			seeds = many.groups.map(g => g.leader.address);
		}
		const parsed = parseOptions(['--interval', '1s', ...seeds], {});
		if (parsed.kind !== 'options') throw new Error(JSON.stringify(parsed));
		const monitor = createMonitor(parsed.options);
		const file = join(dir, 'live.ndjson.gz');
		const recorder = createRecorder({path: file, intervalMs: 1000, settings: monitor.settings, seeds});
		const frames: FrameRecord[] = [];
		let events = 0;
		monitor.setObserver({
			frame: r => {
				frames.push(r);
				recorder.frame(r);
			},
			event: e => {
				events++;
				recorder.event(e);
			},
			fix: f => recorder.fix(f),
			paused: (p, at) => recorder.paused(p, at),
		}, file);
		monitor.start();
		console.log(`bench: ${nodeCount} nodes at 1 s for ${seconds} s${load ? `, load ${rate} ops/s` : ''}`);
		await sleep(warmupSeconds * 1000);
		const warm = {bytes: recorder.bytes(), at: Date.now(), frames: frames.length};
		await sleep((seconds - warmupSeconds) * 1000);
		const end = {bytes: recorder.bytes(), at: Date.now(), frames: frames.length};
		monitor.setObserver(undefined);
		await monitor.stop();
		await recorder.close();
		const steadySeconds = (end.at - warm.at) / 1000;
		const perHour = ((end.bytes - warm.bytes) / steadySeconds) * 3600;
		console.log(`recorded ${end.frames} frames, ${events} noted events; file ${formatBytes(statSync(file).size)} (first ${warmupSeconds} s: ${formatBytes(warm.bytes)})`);
		console.log(`steady growth: ${formatBytes(end.bytes - warm.bytes)} in ${steadySeconds.toFixed(0)} s → ${formatBytes(perHour)} per hour (${formatBytes(perHour * 24)} per day)`);

		// The recorder's own CPU: the same frames once more through a fresh recorder, nothing else running.
		const again = createRecorder({path: join(dir, 'again.ndjson.gz'), intervalMs: 1000, settings: monitor.settings, seeds});
		const before = process.cpuUsage();
		const wall = performance.now();
		for (const r of frames) again.frame(r);
		await again.close();
		const used = process.cpuUsage(before);
		const cpuMs = (used.user + used.system) / 1000;
		const recordedSeconds = (frames.at(-1)!.frame.at - frames[0]!.frame.at) / 1000;
		console.log(`recorder CPU: ${cpuMs.toFixed(0)} ms for ${frames.length} frames (${(cpuMs / frames.length).toFixed(3)} ms a frame, wall ${(performance.now() - wall).toFixed(0)} ms)`);
		console.log(`= ${((cpuMs / 1000 / recordedSeconds) * 100).toFixed(3)} % of one core while recording at 1 s (budget at 3 nodes: 0.2 %)`);
	} finally {
		await load?.stop();
		await lab?.stop();
		await many?.stop();
		rmSync(dir, {recursive: true, force: true});
	}
}

await main();
