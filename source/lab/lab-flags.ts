export interface LabFlags {
	/** undefined: 3 when redis-sentinel is installed, else 0. */
	readonly sentinels?: number;
	readonly followers: number;
	/** Load in operations per second (0 = no load). */
	readonly rate: number;
	readonly once: boolean;
	/** Start the lab and keep it running without the TUI (prints the addresses). */
	readonly headless: boolean;
	readonly help: boolean;
	/** Flags passed on to the monitor (--interval, --read-only, --ascii, --json, …). */
	readonly monitorArgs: readonly string[];
}

export type LabFlagsResult = {readonly ok: true; readonly flags: LabFlags} | {readonly ok: false; readonly error: string};

export const labHelpText = `
Usage
  $ replwatch lab [options]     start a local leader, followers and Sentinels, put load on them, watch them

Lab options
  --sentinels N     Sentinels to start (default 3 when redis-sentinel is installed, else 0)
  --followers N     followers to start (default 2)
  --rate N          load in operations per second, writes to the leader, reads from followers (default 50)
  --no-load         no load at all
  --once            print the headless report for the lab, then stop it (exit code as replwatch --once)
  --headless        keep the lab running without the TUI, print its addresses; Ctrl+C stops it
  Monitor options (--interval, --read-only, --ascii, --json, --window, --walkthrough, …) are passed on.

Lab keys (only in the lab)
  s  pause/resume a follower (SIGSTOP/SIGCONT)      K  kill -9 / restart a follower
  b  break/restore a follower link                   t  throttle/restore a follower link (slow proxy)
  B  write burst (~8 MiB)                            X  kill -9 the leader (Sentinel failover) / restart it
  M  misconfigure a node (cycles: disk-based sync, writable replica, tiny backlog)
  +  double the load rate                            -  halve the load rate
  The follower is the selected node when it is a follower, else follower1.
`;

// Monitor flags that take a value; connection flags make no sense here: the lab has its own nodes.
const valueFlags = new Set(['--interval', '--timeout', '--window', '--report', '--report-file', '--audit-log', '--config', '--rename-command']);
const connectionFlags = new Set(['-h', '--host', '-p', '--port', '-u', '--uri', '-a', '--pass', '--user', '--sentinel', '--master-name', '--tls', '--cacert', '--cert', '--key', '--insecure', '--no-discover']);

const intFlag = (name: string, text: string | undefined, min: number, max: number): number | string => {
	if (text === undefined || !/^\d+$/.test(text)) return `--${name} needs a whole number (got ${text === undefined ? 'nothing' : `"${text}"`})`;
	const value = Number(text);
	if (value < min || value > max) return `--${name} must be between ${min} and ${max} (got ${value})`;
	return value;
};

/** Lab flags out of `replwatch lab …` (the leading "lab" may be included); everything else goes to the monitor. */
export function parseLabFlags(argv: readonly string[]): LabFlagsResult {
	const args = argv[0] === 'lab' ? argv.slice(1) : [...argv];
	let sentinels: number | undefined;
	let followers = 2;
	let rate = 50;
	let once = false;
	let headless = false;
	let help = false;
	const monitorArgs: string[] = [];
	for (let i = 0; i < args.length; i++) {
		const arg = args[i]!;
		const eq = arg.indexOf('=');
		const name = arg.startsWith('--') && eq !== -1 ? arg.slice(0, eq) : arg;
		const inline = arg.startsWith('--') && eq !== -1 ? arg.slice(eq + 1) : undefined;
		const value = () => inline ?? args[++i];
		let parsed: number | string;
		switch (name) {
			case '--sentinels':
				parsed = intFlag('sentinels', value(), 0, 9);
				if (typeof parsed === 'string') return {ok: false, error: parsed};
				sentinels = parsed;
				break;
			case '--followers':
				parsed = intFlag('followers', value(), 0, 9);
				if (typeof parsed === 'string') return {ok: false, error: parsed};
				followers = parsed;
				break;
			case '--rate':
				parsed = intFlag('rate', value(), 0, 100_000);
				if (typeof parsed === 'string') return {ok: false, error: parsed};
				rate = parsed;
				break;
			case '--no-load':
				rate = 0;
				break;
			case '--once':
				once = true;
				monitorArgs.push(arg);
				break;
			case '--headless':
				headless = true;
				break;
			case '--help':
				help = true;
				break;
			default:
				if (!arg.startsWith('-') || connectionFlags.has(name)) {
					return {ok: false, error: `replwatch lab starts its own nodes: "${arg.replace(/(:\/\/[^:@/\s]*:)[^@/\s]*@/g, '$1***@')}" is not a lab option (see replwatch lab --help)`};
				}
				monitorArgs.push(arg);
				if (valueFlags.has(name) && inline === undefined && args[i + 1] !== undefined) monitorArgs.push(args[++i]!);
		}
	}
	if (once && headless) return {ok: false, error: '--once and --headless cannot be combined'};
	return {ok: true, flags: {sentinels, followers, rate, once, headless, help, monitorArgs}};
}
