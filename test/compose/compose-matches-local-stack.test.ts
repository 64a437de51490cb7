import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PLATFORM_SERVICES } from '../../infra/tasks/platform-services';
import { readConnectorFiles, withDatabaseHost } from '../../infra/tasks/register-connectors';
import {
  ComposeFile,
  ComposeService,
  REPO_ROOT,
  Settings,
  commandText,
  dependenciesOf,
  envFilesOf,
  environmentOf,
  mountsOf,
  parseEnvFile,
  parseProperties,
  publishedPortsOf,
  readCompose,
  readRepoFile,
  serviceOf,
  shellArray,
  shellDefault,
  shellValue,
} from './compose-file';
import { connectDifferences, connectWorkerConfig } from './connect-image';
import {
  KAFKA_JVM_VARIABLES,
  kafkaOverrideDifferences,
  kafkaOverrides,
  listenersOf,
} from './kafka-image';
import { REGISTRY_JVM_VARIABLE, jvmFlagsOf, registryDifferences } from './registry-image';

/**
 * DESIGN.md promises one set of configuration files for the local stack and for compose, with
 * only host names, listeners and data paths differing. No Docker engine runs here, so this
 * suite reads both sides and compares them the way each image would apply its settings.
 */

const compose = readCompose();
const common = readRepoFile('infra/lib/common.sh');
const jvmParts = readRepoFile('infra/lib/jvm-parts.sh');
const server = parseProperties(readRepoFile('infra/kafka/server.properties'));
const worker = parseProperties(readRepoFile('infra/connect/worker.properties'));
const registryEnv = parseEnvFile(readRepoFile('infra/registry/registry.env'));

const EXPECTED_SERVICES = [
  'postgres', 'kafka', 'connect', 'registry', 'setup', 'orders', 'prometheus', 'grafana',
];
const EXPECTED_PORTS: Record<number, string> = {
  9092: 'kafka',
  8083: 'connect',
  8081: 'registry',
  5432: 'postgres',
  3001: 'orders',
  9090: 'prometheus',
  3300: 'grafana',
};
/** What each service needs before it starts, beyond what it may add. */
const REQUIRED_DEPENDENCIES: Record<string, string[]> = {
  connect: ['kafka'],
  registry: ['postgres'],
  setup: ['postgres', 'kafka', 'connect'],
  orders: ['setup', 'postgres', 'kafka', 'registry'],
};

const env = (name: string) => environmentOf(serviceOf(compose, name));
const kafkaConfig = (): Settings => ({ ...server, ...kafkaOverrides(env('kafka')) });
const connectConfig = (): Settings => connectWorkerConfig(env('connect'));
const registryConfig = (): Settings => ({ ...registryEnv, ...env('registry') });

function mountOf(service: ComposeService, target: string) {
  return mountsOf(service).find((mount) => mount.target === target);
}

function imageTag(image: string): { name: string; tag: string } {
  const at = image.lastIndexOf(':');
  const slash = image.lastIndexOf('/');
  if (at <= slash) return { name: image, tag: '' };
  return { name: image.slice(0, at), tag: image.slice(at + 1) };
}

/**
 * An exact release: numbers down to at least the minor version, never a moving tag. Some
 * projects (Prometheus) put a `v` before the number.
 */
function isPinned(tag: string): boolean {
  return tag !== 'latest' && /^v?\d+\.\d+(\.\d+)?([.-][A-Za-z0-9]+)*$/.test(tag);
}

/** Services others wait on to finish rather than to be healthy. */
function oneShotServices(file: ComposeFile): Set<string> {
  const deps = Object.values(file.services).flatMap((service) =>
    Object.entries(dependenciesOf(service)),
  );
  const done = deps.filter(([, condition]) => condition === 'service_completed_successfully');
  return new Set(done.map(([name]) => name));
}

function dockerfileLines(instruction: string): string[] {
  const lines = readRepoFile('Dockerfile').split('\n');
  const prefix = new RegExp(`^${instruction}\\s+`, 'i');
  return lines.filter((line) => prefix.test(line)).map((line) => line.replace(prefix, '').trim());
}

/** The `node dist/infra/tasks/<task>.js` lines of a Makefile target, in order. */
function makeTargetTasks(target: string): string[] {
  const makefile = readRepoFile('Makefile');
  const recipe = new RegExp(`^${target}:.*\\n((?:\\t.*\\n)*)`, 'm').exec(makefile)?.[1] ?? '';
  return [...recipe.matchAll(/node dist\/infra\/tasks\/([\w-]+)\.js/g)].map((match) => match[1]!);
}

describe('infra/compose.yaml runs the local stack as containers', () => {
  it('runs every part of the platform as a service', () => {
    expect(Object.keys(compose.services)).toEqual(expect.arrayContaining(EXPECTED_SERVICES));
  });

  it('pins every pulled image to an exact release, the ones the local stack fetches', () => {
    const pulled = Object.entries(compose.services).filter(([, service]) => !service.build);
    for (const [name, service] of pulled) {
      expect({ name, pinned: isPinned(imageTag(service.image ?? '').tag) })
        .toEqual({ name, pinned: true });
    }
    expect(serviceOf(compose, 'kafka').image)
      .toBe(`apache/kafka:${shellValue(common, 'KAFKA_VERSION')}`);
    expect(serviceOf(compose, 'connect').image)
      .toBe(`quay.io/debezium/connect:${shellValue(common, 'DEBEZIUM_VERSION')}`);
    expect(serviceOf(compose, 'registry').image)
      .toBe(`apicurio/apicurio-registry:${shellValue(common, 'APICURIO_VERSION')}`);
    expect(imageTag(serviceOf(compose, 'postgres').image ?? '')).toMatchObject({
      name: 'postgres',
      tag: expect.stringMatching(/^15\.\d+$/),
    });
  });

  it('builds the platform image from an exact Node 20 release, run by a non-root user', () => {
    const bases = dockerfileLines('FROM').map((line) => line.split(/\s+/)[0]!);
    expect(bases.length).toBeGreaterThan(1);
    for (const base of bases) {
      expect(imageTag(base)).toMatchObject({ name: 'node', tag: expect.stringMatching(/^20\./) });
      expect(isPinned(imageTag(base).tag.replace(/-[a-z-]+$/, ''))).toBe(true);
    }
    expect(dockerfileLines('USER').pop()).toMatch(/^(?!root$|0$)\S+$/);
  });

  it('compiles every source folder but tests and benchmarks, and ships the files code reads',
    () => {
      const compiled = (JSON.parse(readRepoFile('tsconfig.json')).include as string[])
        .filter((folder) => folder !== 'test' && folder !== 'bench');
      const copied = dockerfileLines('COPY').map((line) => line.split(/\s+/)[0]!);
      expect(copied).toEqual(expect.arrayContaining(compiled));
      const shipped = dockerfileLines('&&').join(' ') + readRepoFile('Dockerfile');
      for (const runtimeFile of ['services/admin/openapi.yaml', 'services/admin/console']) {
        expect({ runtimeFile, shipped: shipped.includes(runtimeFile) })
          .toEqual({ runtimeFile, shipped: true });
      }
    });

  it('publishes the stack, the services, Prometheus and Grafana on the loopback address', () => {
    for (const [port, name] of Object.entries(EXPECTED_PORTS)) {
      const published = publishedPortsOf(serviceOf(compose, name));
      expect(published).toContainEqual(expect.objectContaining({ published: Number(port) }));
    }
    const all = Object.values(compose.services).flatMap(publishedPortsOf);
    // Postgres trusts every connection, as the machine's server does for the local stack.
    expect(all.filter((port) => port.hostIp !== '127.0.0.1')).toEqual([]);
  });

  it('publishes each port onto the port its service listens on inside the container', () => {
    const target = (name: string, port: number) => publishedPortsOf(serviceOf(compose, name))
      .find((entry) => entry.published === port)?.target;
    const connectPort = listenersOf(connectConfig().listeners ?? '')[0]?.port;
    expect(target('connect', 8083)).toBe(connectPort);
    expect(target('registry', 8081)).toBe(Number(registryConfig().QUARKUS_HTTP_PORT));
    expect(target('orders', 3001)).toBe(Number(env('orders').PORT));
    expect(target('postgres', 5432)).toBe(5432);
  });

  it('advertises the published Kafka port on the listener that port reaches', () => {
    const kafka = serviceOf(compose, 'kafka');
    const published = publishedPortsOf(kafka).find((port) => port.published === 9092);
    const listener = listenersOf(kafkaConfig().listeners ?? '')
      .find((entry) => entry.port === published?.target);
    const advertised = listenersOf(kafkaConfig()['advertised.listeners'] ?? '')
      .find((entry) => entry.name === listener?.name);
    expect(advertised).toMatchObject({ host: expect.stringMatching(/^(127\.0\.0\.1|localhost)$/) });
    expect(advertised?.port).toBe(9092);
  });

  it('starts Kafka from the local server.properties and log4j2.properties', () => {
    const kafka = serviceOf(compose, 'kafka');
    const serverMount = mountOf(kafka, '/mnt/shared/config/server.properties');
    expect(serverMount?.source).toBe(path.join(REPO_ROOT, 'infra/kafka/server.properties'));
    const log4j = mountsOf(kafka)
      .find((mount) => mount.source === path.join(REPO_ROOT, 'infra/kafka/log4j2.properties'));
    expect(log4j).toBeDefined();
    expect(env('kafka').KAFKA_LOG4J_OPTS).toBe(`-Dlog4j2.configurationFile=${log4j?.target}`);
  });

  it('overrides only where the broker listens and keeps data, and only hosts and names', () => {
    const variables = Object.keys(env('kafka'));
    const other = variables.filter((name) => !name.startsWith('KAFKA_') && name !== 'CLUSTER_ID');
    expect(other).toEqual([]);
    expect(kafkaOverrideDifferences(server, kafkaOverrides(env('kafka')))).toEqual([]);
  });

  it('gives Connect the same worker settings as the local stack, but for host names', () => {
    expect(connectDifferences(worker, connectConfig())).toEqual([]);
  });

  it('points Connect and the services at a listener the broker advertises to containers', () => {
    const advertised = listenersOf(kafkaConfig()['advertised.listeners'] ?? '')
      .filter((entry) => entry.host === 'kafka')
      .map((entry) => `${entry.host}:${entry.port}`);
    const clients = [
      connectConfig()['bootstrap.servers'] ?? '',
      env('setup').KAFKA_BROKERS ?? '',
      env('orders').KAFKA_BROKERS ?? '',
    ];
    for (const brokers of clients) {
      expect(advertised).toEqual(expect.arrayContaining(brokers.split(',')));
    }
  });

  it('gives the registry registry.env, changing only its database host and bind addresses', () => {
    const registry = serviceOf(compose, 'registry');
    expect(envFilesOf(registry)).toEqual([path.join(REPO_ROOT, 'infra/registry/registry.env')]);
    expect(registryDifferences(registryEnv, env('registry'))).toEqual([]);
    expect(registryConfig().APICURIO_DATASOURCE_URL).toMatch(/^jdbc:postgresql:\/\/postgres:/);
  });

  it('starts the registry with the JVM flags the local stack starts it with', () => {
    const startRegistry = /^start_registry\(\) \{[\s\S]*?^\}/m.exec(jvmParts)?.[0] ?? '';
    const localFlags = [
      ...jvmFlagsOf(startRegistry),
      ...jvmFlagsOf(shellDefault(jvmParts, 'REGISTRY_HEAP')),
    ];
    expect(localFlags).toContainEqual(expect.stringMatching(/^-Dapicurio\.rules\.global\./));
    const composeFlags = jvmFlagsOf(env('registry')[REGISTRY_JVM_VARIABLE] ?? '');
    expect(composeFlags.sort()).toEqual(localFlags.sort());
  });

  it('gives the broker and Connect the heap the local stack gives them', () => {
    expect(KAFKA_JVM_VARIABLES).toContain('KAFKA_HEAP_OPTS');
    expect(env('kafka').KAFKA_HEAP_OPTS).toBe(shellDefault(jvmParts, 'KAFKA_HEAP'));
    expect(env('connect').HEAP_OPTS).toBe(shellDefault(jvmParts, 'CONNECT_HEAP'));
  });

  it('runs Postgres with logical WAL, trust auth and the databases the local stack creates', () => {
    const postgres = serviceOf(compose, 'postgres');
    expect(commandText(postgres)).toMatch(/(^|\s)-c wal_level=logical(\s|$)/);
    expect(env('postgres').POSTGRES_HOST_AUTH_METHOD).toBe('trust');
    const init = mountsOf(postgres)
      .find((mount) => mount.target.startsWith('/docker-entrypoint-initdb.d/'));
    const sql = readFileSync(init?.source ?? '', 'utf8');
    const created = [...sql.matchAll(/create database "?(\w+)"?/gi)].map((match) => match[1]);
    expect(created.sort()).toEqual(shellArray(common, 'STACK_DATABASES').sort());
  });

  it('keeps Postgres and Kafka data in named volumes at their data paths', () => {
    const dataPaths: [string, string][] = [
      ['postgres', '/var/lib/postgresql/data'],
      ['kafka', kafkaConfig()['log.dirs'] ?? ''],
    ];
    for (const [name, dataPath] of dataPaths) {
      const mount = mountOf(serviceOf(compose, name), dataPath);
      expect({ name, named: mount?.named }).toEqual({ name, named: true });
      expect(Object.keys(compose.volumes ?? {})).toContain(mount?.source);
    }
  });

  it('mounts the debezium folder where register-connectors reads it in the setup service', () => {
    const appRoot = dockerfileLines('WORKDIR').pop();
    const mount = mountOf(serviceOf(compose, 'setup'), `${appRoot}/debezium`);
    expect(mount?.source).toBe(path.join(REPO_ROOT, 'debezium'));
  });

  it('runs the setup tasks in the order make runs them after the stack is up', () => {
    const tasks = makeTargetTasks('infra');
    expect(tasks).toEqual(['create-topics', 'migrate', 'register-connectors']);
    const chain = tasks.map((task) => `node dist/infra/tasks/${task}.js`).join(' && ');
    expect(commandText(serviceOf(compose, 'setup'))).toContain(chain);
  });

  it('registers every connector file unchanged but for the Postgres host name', () => {
    const host = env('setup').CONNECTOR_DATABASE_HOSTNAME;
    expect(host).toBe('postgres');
    const files = readConnectorFiles();
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const sent = withDatabaseHost(file, host);
      expect(sent).toEqual({ ...file, config: { ...file.config, 'database.hostname': host } });
    }
  });

  it('checks the health of every long-running service', () => {
    const oneShot = oneShotServices(compose);
    const longRunning = Object.entries(compose.services).filter(([name]) => !oneShot.has(name));
    for (const [name, service] of longRunning) {
      const test = [service.healthcheck?.test ?? []].flat();
      expect({ name, checked: test.length > 1 && !service.healthcheck?.disable })
        .toEqual({ name, checked: true });
    }
    expect([...oneShot]).toEqual(['setup']);
  });

  it('starts each service only after what it needs is healthy or has finished', () => {
    const oneShot = oneShotServices(compose);
    for (const [name, service] of Object.entries(compose.services)) {
      const deps = dependenciesOf(service);
      expect(Object.keys(deps)).toEqual(expect.arrayContaining(REQUIRED_DEPENDENCIES[name] ?? []));
      for (const [dep, condition] of Object.entries(deps)) {
        const wanted = oneShot.has(dep) ? 'service_completed_successfully' : 'service_healthy';
        expect({ name, dep, condition }).toEqual({ name, dep, condition: wanted });
      }
    }
  });

  it('runs every service the local supervisor runs, on its port and database', () => {
    for (const service of PLATFORM_SERVICES) {
      const settings = env(service.name);
      expect(settings).toMatchObject({
        PORT: String(service.port),
        // Bound to every interface: the published port arrives from outside the container.
        HTTP_HOST: '0.0.0.0',
        DATABASE_URL: `postgres://postgres@postgres:5432/${service.database}`,
      });
      expect(publishedPortsOf(serviceOf(compose, service.name)))
        .toContainEqual(expect.objectContaining({ published: service.port }));
      expect(dependenciesOf(serviceOf(compose, service.name))).toHaveProperty('setup');
    }
  });
});

describe('the comparisons behind these checks', () => {
  it('notice a worker setting that compose does not mirror', () => {
    const changed = { ...worker, 'producer.linger.ms': '5' };
    expect(connectDifferences(changed, connectConfig())).toEqual([
      'producer.linger.ms: local 5, compose 0',
    ]);
  });

  it('notice a worker setting compose leaves to the image default', () => {
    const { OFFSET_FLUSH_INTERVAL_MS: _dropped, ...rest } = env('connect');
    expect(connectDifferences(worker, connectWorkerConfig(rest))).toEqual([
      'offset.flush.interval.ms: local 1000, compose 60000',
    ]);
  });

  it('notice a CONNECT_ variable that the image overwrites with its short name', () => {
    const { GROUP_ID: groupId, ...rest } = env('connect');
    const config = connectWorkerConfig({ ...rest, CONNECT_GROUP_ID: groupId ?? '' });
    expect(connectDifferences(worker, config))
      .toEqual(['group.id: local connect-local, compose 1']);
  });

  it('notice a Connect listener that moved to another port', () => {
    const config = { ...connectConfig(), listeners: 'http://0.0.0.0:8084' };
    expect(connectDifferences(worker, config)).toHaveLength(1);
  });

  it('notice a broker override beyond listeners and data paths', () => {
    const overrides = { ...kafkaOverrides(env('kafka')), 'num.partitions': '1' };
    expect(kafkaOverrideDifferences(server, overrides)).toEqual([
      'num.partitions is not a host, listener or data path setting',
    ]);
  });

  it('notice a listener port that differs from server.properties', () => {
    const moved = { ...server, listeners: server.listeners!.replace(':9093', ':9094') };
    expect(kafkaOverrideDifferences(moved, kafkaOverrides(env('kafka')))).not.toEqual([]);
  });

  it('notice an added listener with a security protocol the local broker does not use', () => {
    const overrides = kafkaOverrides(env('kafka'));
    const map = `${overrides['listener.security.protocol.map']},EXTRA:SASL_SSL`;
    const changed = { ...overrides, 'listener.security.protocol.map': map };
    expect(kafkaOverrideDifferences(server, changed)).not.toEqual([]);
  });

  it('notice a registry override that is not a host or bind address', () => {
    const overrides = { ...env('registry'), APICURIO_STORAGE_SQL_KIND: 'h2' };
    expect(registryDifferences(registryEnv, overrides)).toHaveLength(1);
    const otherDatabase = {
      ...env('registry'),
      APICURIO_DATASOURCE_URL: 'jdbc:postgresql://postgres:5432/other',
    };
    expect(registryDifferences(registryEnv, otherDatabase)).toHaveLength(1);
  });

  it('notice a compose file that forgets a setting the local worker has', () => {
    const text = readFileSync(path.join(REPO_ROOT, 'infra/compose.yaml'), 'utf8');
    const edited = readCompose(text.replace(/^\s*CONNECT_PRODUCER_LINGER_MS:.*\n/m, ''));
    const config = connectWorkerConfig(environmentOf(serviceOf(edited, 'connect')));
    expect(connectDifferences(worker, config)).toEqual([
      'producer.linger.ms: local 0, compose (unset)',
    ]);
  });
});
