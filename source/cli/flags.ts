export const helpText = `
Usage
  $ replwatch [options] [node ...]
  $ replwatch lab [options]        start a local lab and watch it
  $ replwatch watch [options] [node ...]     headless, one JSON line per event and alert change
  $ replwatch serve [--listen 127.0.0.1:9121] [options] [node ...]   Prometheus /metrics and /healthz
  $ replwatch replay FILE [options] play a recording (replwatch replay --help)

Nodes
  host:port | [ipv6]:port | redis://[user[:pass]@]host:port | rediss://…   (default 127.0.0.1:6379)

Connection (like redis-cli)
  -h, --host HOST        -p, --port PORT       -u, --uri URL
  -a, --pass PASSWORD    (visible in ps; prefer REDISCLI_AUTH)   --user NAME
  --tls  --cacert FILE  --cert FILE  --key FILE  --insecure
  --timeout DURATION     per-node command timeout (default 1000ms)
  --rename-command [host:port/]CONFIG=NEWNAME   (repeatable)
  --sentinel host:port (repeatable)  --master-name NAME
  --sentinel-user NAME  --sentinel-pass PASSWORD   Sentinels' own credentials (or REDISCLI_SENTINEL_AUTH)
  --no-discover          watch only the given nodes
  --max-nodes N          most nodes watched (default 256)
  --discover-allow LIST  also follow discovered addresses in these networks/hosts (CIDR, host, any)

Modes
  --interval DURATION    poll interval (default 1s; 500ms, 2s, 0.5)
  --once                 sample for --window, print a report, exit (0 pass, 1 warn, 2 fail, 3 error)
  --window DURATION      sampling window of --once (default 2s)
  --json                 JSON report        --report md [--report-file PATH]  Markdown report
  --read-only            never offer CONFIG SET
  --audit-log PATH       --config PATH (thresholds)   --ascii   --walkthrough   --heartbeat
  --record FILE          record every tick (gzip'd NDJSON; R starts/stops it in the UI)
  --record-max SIZE      stop the recording at this size (default 256M; e.g. 50M, 2G)

Alerts (thresholds and hold/clear times from --config)
  --alert-command CMD    run CMD (sh -c) with the alert JSON on stdin when an alert fires or resolves
  --no-bell              no terminal bell when an alert fires   --watch  same as replwatch watch
`;

export const stringFlags = [
	'host', 'port', 'pass', 'user', 'cacert', 'cert', 'key', 'uri', 'interval', 'timeout', 'window',
	'report', 'reportFile', 'auditLog', 'config', 'masterName', 'listen', 'alertCommand', 'record', 'recordMax', 'sentinelUser', 'sentinelPass', 'maxNodes',
] as const;
export const booleanFlags = ['tls', 'insecure', 'once', 'json', 'readOnly', 'ascii', 'walkthrough', 'heartbeat', 'watch', 'help', 'version'] as const;
export const multipleFlags = ['sentinel', 'renameCommand', 'discoverAllow'] as const;

/** meow names flags in camelCase (`--auditLog`); the operator typed kebab-case. */
export function kebabFlags(message: string): string {
	return message.replace(/--([a-z]+[A-Z][A-Za-z]*)/g, (_, name: string) => `--${name.replace(/[A-Z]/g, c => `-${c.toLowerCase()}`)}`);
}

export const flagTable = {
	host: {type: 'string', shortFlag: 'h'},
	port: {type: 'string', shortFlag: 'p'},
	pass: {type: 'string', shortFlag: 'a'},
	user: {type: 'string'},
	uri: {type: 'string', shortFlag: 'u'},
	tls: {type: 'boolean'},
	cacert: {type: 'string'},
	cert: {type: 'string'},
	key: {type: 'string'},
	insecure: {type: 'boolean'},
	interval: {type: 'string'},
	timeout: {type: 'string'},
	discover: {type: 'boolean', default: true},
	once: {type: 'boolean'},
	json: {type: 'boolean'},
	report: {type: 'string'},
	reportFile: {type: 'string'},
	record: {type: 'string'},
	recordMax: {type: 'string'},
	window: {type: 'string'},
	readOnly: {type: 'boolean'},
	auditLog: {type: 'string'},
	ascii: {type: 'boolean'},
	config: {type: 'string'},
	sentinel: {type: 'string', isMultiple: true},
	masterName: {type: 'string'},
	sentinelUser: {type: 'string'},
	sentinelPass: {type: 'string'},
	maxNodes: {type: 'string'},
	discoverAllow: {type: 'string', isMultiple: true},
	renameCommand: {type: 'string', isMultiple: true},
	walkthrough: {type: 'boolean'},
	heartbeat: {type: 'boolean'},
	watch: {type: 'boolean'},
	listen: {type: 'string'},
	alertCommand: {type: 'string'},
	bell: {type: 'boolean', default: true},
	help: {type: 'boolean'},
	version: {type: 'boolean'},
} as const;
