// Writes monitoring/replwatch.rules.yml and monitoring/replwatch-dashboard.json from the check
// registry and the alert rules. `--config FILE` uses that file's thresholds instead of the defaults.
import {writeFileSync} from 'node:fs';
import {loadSettings} from '../source/checks/settings.js';
import {dashboard} from '../source/export/grafana.js';
import {rulesYaml} from '../source/export/prometheus-rules.js';

const args = process.argv.slice(2);
const at = args.indexOf('--config');
const settings = loadSettings(at === -1 ? undefined : args[at + 1]);
const out = new URL('../monitoring/', import.meta.url);
writeFileSync(new URL('replwatch.rules.yml', out), rulesYaml(settings));
writeFileSync(new URL('replwatch-dashboard.json', out), `${JSON.stringify(dashboard(), null, 2)}\n`);
process.stdout.write('wrote monitoring/replwatch.rules.yml and monitoring/replwatch-dashboard.json\n');
