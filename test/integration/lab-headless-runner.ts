// Runs `replwatch lab` headless for lab-teardown.test.ts; LAB_TEST_CRASH=1 throws once the lab is up.
import {runLabCommand} from '../../source/lab/command.js';

await runLabCommand(process.argv.slice(2));
if (process.env.LAB_TEST_CRASH === '1') {
	setTimeout(() => {
		throw new Error('simulated crash');
	}, 200);
}
