import { Settings } from './compose-file';

/**
 * How the apache/kafka image turns KAFKA_* variables into broker properties, appended after
 * the mounted server.properties (so they win): drop the prefix, lower-case, `_` to `.`,
 * `___` to `-`, `__` to `_`. A few KAFKA_* names configure the JVM instead.
 */
export const KAFKA_JVM_VARIABLES = ['KAFKA_HEAP_OPTS', 'KAFKA_LOG4J_OPTS'];

/** Broker properties compose may set: where the broker listens and keeps its data. */
export const KAFKA_OVERRIDABLE = [
  'listeners',
  'advertised.listeners',
  'listener.security.protocol.map',
  'controller.quorum.voters',
  'log.dirs',
  'node.id',
];

export function kafkaPropertyOf(variable: string): string {
  return variable
    .replace(/^KAFKA_/, '')
    .toLowerCase()
    .replace(/_/g, '.')
    .replace(/\.\.\./g, '-')
    .replace(/\.\./g, '_');
}

/** The broker properties a service's environment sets, by property name. */
export function kafkaOverrides(env: Settings): Settings {
  const entries = Object.entries(env).filter(
    ([name]) => name.startsWith('KAFKA_') && !KAFKA_JVM_VARIABLES.includes(name),
  );
  return Object.fromEntries(entries.map(([name, value]) => [kafkaPropertyOf(name), value]));
}

interface Entry {
  /** The listener name, or the voter's node id. */
  key: string;
  /** The entry with its host left out: what must stay equal. */
  shape: string;
}

const LISTENER_KEYED = ['listeners', 'advertised.listeners', 'listener.security.protocol.map'];

function entriesOf(property: string, value: string): Entry[] {
  const items = value.split(/\s*,\s*/).filter(Boolean);
  return items.map((item) => {
    const parsed = parseEntry(property, item);
    if (!parsed) throw new Error(`cannot read "${item}" in ${property}`);
    return parsed;
  });
}

function parseEntry(property: string, item: string): Entry | null {
  if (property === 'listener.security.protocol.map') {
    const match = /^(\w+):(\w+)$/.exec(item);
    return match && { key: match[1]!, shape: `${match[1]}:${match[2]}` };
  }
  if (property === 'controller.quorum.voters') {
    const match = /^(\d+)@(.*):(\d+)$/.exec(item);
    return match && { key: match[1]!, shape: `${match[1]}@*:${match[3]}` };
  }
  const match = /^(\w+):\/\/(.*):(\d+)$/.exec(item);
  return match && { key: match[1]!, shape: `${match[1]}://*:${match[3]}` };
}

/**
 * Why an override is more than a host or listener-name change, or [] when it is not: every
 * local entry keeps its name, port and protocol; compose may add listeners of its own.
 */
export function listenerDifferences(property: string, local: string, compose: string): string[] {
  const localEntries = entriesOf(property, local);
  const composeEntries = entriesOf(property, compose);
  const problems = localEntries
    .filter((entry) => !composeEntries.some((other) => other.shape === entry.shape))
    .map((entry) => `${property}: compose changes ${entry.shape} (only the host may differ)`);
  const localKeys = new Set(localEntries.map((entry) => entry.key));
  const added = composeEntries.filter((entry) => !localKeys.has(entry.key));
  if (!LISTENER_KEYED.includes(property)) {
    problems.push(...added.map((entry) => `${property}: compose adds ${entry.shape}`));
  }
  return problems;
}

/** Checks every override against the local server.properties; [] when they agree. */
export function kafkaOverrideDifferences(server: Settings, overrides: Settings): string[] {
  return Object.entries(overrides).flatMap(([property, value]) => {
    if (!KAFKA_OVERRIDABLE.includes(property)) {
      return [`${property} is not a host, listener or data path setting`];
    }
    const local = server[property];
    if (local === undefined || property === 'log.dirs') return [];
    if (property === 'node.id') return local === value ? [] : [`node.id ${value} != ${local}`];
    return listenerDifferences(property, local, value);
  }).concat(addedListenerProtocols(server, overrides), unmappedListeners(server, overrides));
}

/** Every listener needs a security protocol, or the broker refuses to start. */
function unmappedListeners(server: Settings, overrides: Settings): string[] {
  const effective = { ...server, ...overrides };
  const map = effective['listener.security.protocol.map'] ?? '';
  const mapped = new Set(map.split(/\s*,\s*/).map((item) => item.split(':')[0]));
  const names = ['listeners', 'advertised.listeners']
    .flatMap((property) => listenersOf(effective[property] ?? ''))
    .map((listener) => listener.name);
  return [...new Set(names)]
    .filter((name) => !mapped.has(name))
    .map((name) => `listener ${name} has no security protocol`);
}

/** A listener compose adds must use a security protocol the local broker already uses. */
function addedListenerProtocols(server: Settings, overrides: Settings): string[] {
  const map = (settings: Settings) =>
    Object.fromEntries(
      (settings['listener.security.protocol.map'] ?? '')
        .split(/\s*,\s*/)
        .filter(Boolean)
        .map((item) => item.split(':') as [string, string]),
    );
  const local = map(server);
  const compose = map({ ...server, ...overrides });
  const protocols = new Set(Object.values(local));
  return Object.entries(compose)
    .filter(([name, protocol]) => !(name in local) && !protocols.has(protocol))
    .map(([name, protocol]) => `listener ${name} uses ${protocol}, unlike every local listener`);
}

/** The listener entries of a listener list, as {name, host, port}. */
export function listenersOf(value: string): { name: string; host: string; port: number }[] {
  return value
    .split(/\s*,\s*/)
    .filter(Boolean)
    .map((item) => {
      const match = /^(\w+):\/\/(.*):(\d+)$/.exec(item);
      if (!match) throw new Error(`cannot read the listener "${item}"`);
      return { name: match[1]!, host: match[2]!, port: Number(match[3]) };
    });
}
