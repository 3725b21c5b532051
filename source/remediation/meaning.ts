// What a server error means for the operator, shown under the verbatim error.

const table: ReadonlyArray<readonly [RegExp, string]> = [
	[/^NOPERM/i, 'this ACL user may not run CONFIG SET (or this subcommand) on this node: grant +config|set (and +config|rewrite to persist), or apply it as an administrator'],
	[/^ERR unknown command/i, 'CONFIG is renamed or disabled on this node: pass --rename-command CONFIG=NAME (or host:port/CONFIG=NAME) if it is renamed'],
	[/immutable config/i, 'this parameter cannot be changed at runtime: change it in the config file and restart'],
	[/^ERR (CONFIG SET failed|Invalid argument|Unknown option)|argument/i, 'the server refused the value as invalid: nothing was changed on this node'],
	[/^MASTERDOWN/i, "the replica's link to its master is down and replica-serve-stale-data is no: it refuses commands until the link is back"],
	[/^READONLY/i, 'this node is a read-only replica and refused a write command'],
	[/^LOADING/i, 'the node is loading its dataset into memory: retry when loading has finished'],
	[/^NOAUTH/i, 'the node requires authentication: pass --user/--password'],
	[/^WRONGPASS/i, 'the user name or password was refused'],
	[/connect (timed out|ETIMEDOUT)/i, 'the node did not answer in time while connecting (paused, overloaded or unreachable): nothing was sent to it'],
	[/timed? ?out|ETIMEDOUT/i, 'the node did not answer in time: it may be paused, overloaded or unreachable; whether the change was applied is unknown'],
	[/ECONNREFUSED|ECONNRESET|EHOSTUNREACH|ENOTFOUND|Connection is closed|Stream isn't writeable|enableOfflineQueue/i, 'the node could not be reached: nothing was sent to it'],
	[/running without a config file/i, 'runtime only — will be lost on restart (no config file to rewrite: change it in your configuration management)'],
];

export function errorMeaning(message: string): string {
	for (const [pattern, meaning] of table) if (pattern.test(message)) return meaning;
	return 'the server refused the command: nothing more was sent';
}

/** The meaning of an error that came before the command was sent (connect, the first read): nothing reached the node. */
export function notSentMeaning(message: string): string {
	const meaning = errorMeaning(message);
	if (/nothing (was|more was) sent/.test(meaning)) return meaning;
	return `${meaning.replace(/; whether the change was applied is unknown$/, '')}: nothing was sent to it`;
}
