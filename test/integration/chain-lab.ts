import {startLab, type Lab, type LabProcess} from '../../source/lab/lab.js';
import {waitFor} from '../../source/lab/processes.js';

/** A real chain A → B → C: a lab of two followers, the second re-pointed at the first. */
export async function startChain(): Promise<{lab: Lab; a: LabProcess; b: LabProcess; c: LabProcess}> {
	const lab = await startLab({followers: 2});
	const [b, c] = lab.followers as [LabProcess, LabProcess];
	await c.command('REPLICAOF', '127.0.0.1', String(b.port));
	if (!(await waitFor(async () => (await b.command('INFO', 'replication')).includes(`port=${c.port},state=online`), 10_000, 100))) {
		await lab.stop();
		throw new Error('C did not attach to B');
	}
	return {lab, a: lab.leader, b, c};
}
