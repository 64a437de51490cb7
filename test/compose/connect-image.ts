import { Settings } from './compose-file';

/**
 * How the quay.io/debezium/connect entrypoint builds the worker config: a few short variable
 * names (with defaults of the image's own) always overwrite their CONNECT_<NAME> form, then
 * every CONNECT_<NAME> becomes a property (lower-case, `_` to `.`).
 */
const SHORT_NAMES: Record<string, string> = {
  BOOTSTRAP_SERVERS: 'bootstrap.servers',
  GROUP_ID: 'group.id',
  CONFIG_STORAGE_TOPIC: 'config.storage.topic',
  OFFSET_STORAGE_TOPIC: 'offset.storage.topic',
  STATUS_STORAGE_TOPIC: 'status.storage.topic',
  KEY_CONVERTER: 'key.converter',
  VALUE_CONVERTER: 'value.converter',
  OFFSET_FLUSH_INTERVAL_MS: 'offset.flush.interval.ms',
  OFFSET_FLUSH_TIMEOUT_MS: 'offset.flush.timeout.ms',
  SHUTDOWN_TIMEOUT: 'task.shutdown.graceful.timeout.ms',
  ADVERTISED_HOST_NAME: 'rest.advertised.host.name',
  ADVERTISED_PORT: 'rest.advertised.port',
  REST_HOST_NAME: 'rest.host.name',
  REST_PORT: 'rest.port',
};

const JSON_CONVERTER = 'org.apache.kafka.connect.json.JsonConverter';

/** What the entrypoint writes when a short name is unset; '' fails the worker's start. */
const SHORT_NAME_DEFAULTS: Settings = {
  'bootstrap.servers': '0.0.0.0:9092',
  'group.id': '1',
  'config.storage.topic': '',
  'offset.storage.topic': '',
  'offset.flush.interval.ms': '60000',
  'offset.flush.timeout.ms': '5000',
  'task.shutdown.graceful.timeout.ms': '10000',
  'key.converter': JSON_CONVERTER,
  'value.converter': JSON_CONVERTER,
  'rest.port': '8083',
  'rest.advertised.port': '8083',
  'rest.host.name': '(the container address)',
  'rest.advertised.host.name': '(the container address)',
};

/** The image's own CONNECT_PLUGIN_PATH, where the Debezium connectors are installed. */
const IMAGE_PLUGIN_PATH = '/kafka/connect';

/** Variables the entrypoint reads for the JVM, not for the worker config. */
export const CONNECT_JVM_VARIABLES = ['HEAP_OPTS'];

export function connectPropertyOf(variable: string): string {
  return variable.replace(/^CONNECT_/, '').toLowerCase().replace(/_/g, '.');
}

/** The worker properties a Connect container runs with, or throws on a variable it ignores. */
export function connectWorkerConfig(env: Settings): Settings {
  const config: Settings = { 'plugin.path': IMAGE_PLUGIN_PATH };
  for (const [name, value] of Object.entries(env)) {
    if (name.startsWith('CONNECT_')) config[connectPropertyOf(name)] = value;
    else if (!(name in SHORT_NAMES) && !CONNECT_JVM_VARIABLES.includes(name)) {
      throw new Error(`the connect image does not read ${name}`);
    }
  }
  for (const [name, property] of Object.entries(SHORT_NAMES)) {
    // Only the status topic has no default: its CONNECT_ form survives an unset short name.
    const value = env[name] ?? SHORT_NAME_DEFAULTS[property];
    if (value !== undefined) config[property] = value;
  }
  return config;
}

/**
 * Settings the image writes that the local worker leaves to Kafka's defaults: compose must pin
 * them to those defaults. rest.host.name and rest.port are legacy names that `listeners`
 * supersedes, so they never matter once listeners is set (which the comparison requires).
 */
export const KAFKA_CONNECT_DEFAULTS: Settings = {
  'offset.flush.timeout.ms': '5000',
  'task.shutdown.graceful.timeout.ms': '5000',
};
const SUPERSEDED = ['rest.host.name', 'rest.port'];

/** Keys whose value may differ, and how: `host` lets only host names differ. */
export const CONNECT_MAY_DIFFER: Record<string, 'host' | 'any'> = {
  'bootstrap.servers': 'host',
  listeners: 'host',
  'rest.advertised.host.name': 'any',
  'plugin.path': 'any',
};

function withoutHosts(value: string): string {
  return value
    .split(/\s*,\s*/)
    .map((item) => item.replace(/^((?:\w+:\/\/)?)[^:/]*(:\d+)$/, '$1*$2'))
    .join(',');
}

/** How compose's worker config departs from the local worker.properties; [] when it does not. */
export function connectDifferences(local: Settings, compose: Settings): string[] {
  const expected: Settings = { ...KAFKA_CONNECT_DEFAULTS, ...local };
  const keys = new Set([...Object.keys(expected), ...Object.keys(compose)]);
  return [...keys].sort().flatMap((key) => {
    const rule = CONNECT_MAY_DIFFER[key];
    if (rule === 'any' || SUPERSEDED.includes(key)) return [];
    const want = expected[key];
    const got = compose[key];
    const same = rule === 'host'
      ? want !== undefined && got !== undefined && withoutHosts(want) === withoutHosts(got)
      : want === got;
    return same ? [] : [`${key}: local ${want ?? '(unset)'}, compose ${got ?? '(unset)'}`];
  });
}
