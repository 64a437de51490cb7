import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readPlatformEndpoints } from '../libs/config/platform-endpoints';
import { createPool } from '../libs/db/pool';
import { createKafka } from '../libs/kafka/create-kafka';
import { REPO_ROOT } from '../infra/tasks/platform-services';
import { assembleResults, PhaseRecords } from './assemble-results';
import { BenchPlatform } from './bench-platform';
import { printResultsTable, writeResults } from './bench-results';
import { findSustainedRate, RampSettings } from './find-sustained-rate';
import { measureIntakeAndDrains } from './measure-intake-and-drains';
import { measureTransactionLimits } from './measure-transaction-limit';
import { offerOrdersAtRate } from './offer-orders';
import { readRunEvents } from './read-run-events';
import { readKnobs, readVersions } from './read-versions';
import { readAppliedEvents } from './saga-measurements';
import { MemorySampler } from './sample-memory';
import { SAGA_SERVICES } from './bench-groups';
import { printProfileSummary, summariseCpuProfile } from './summarise-cpu-profile';

/** Connections as the services use them: the orders pool, and 3 groups x 3 partitions. */
const PRODUCER_CLIENTS = 10;
const CONSUMER_CLIENTS = 9;
const LATENCY_FRACTIONS = [0.25, 0.5, 0.75];

interface BenchOptions {
  limitSeconds: number;
  ramp: RampSettings;
  latencySeconds: number;
  intakeSeconds: number;
}

function readOptions(): BenchOptions {
  const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
  // --quick: a smoke run of a minute or two while developing the bench; its figures are rough.
  const quick = values.quick;
  return {
    limitSeconds: quick ? 5 : 15,
    ramp: { startPerSecond: quick ? 20 : 15, factor: quick ? 2 : 1.4, stepSeconds: quick ? 10 : 20,
      warmupSeconds: quick ? 3 : 5, maxSteps: quick ? 3 : 9, drainTimeoutMs: 30000 },
    latencySeconds: quick ? 8 : 20,
    intakeSeconds: quick ? 4 : 8,
  };
}

async function main(): Promise<void> {
  const options = readOptions();
  const runId = randomUUID().slice(0, 8);
  const startedAt = new Date();
  const loadAverageStart = os.loadavg();
  const endpoints = readPlatformEndpoints();
  const kafka = createKafka('bench', endpoints.KAFKA_BROKERS);
  const adminPool = createPool({ connectionString: endpoints.PG_ADMIN_URL, maxConnections: 1,
    applicationName: 'bench' });
  const versions = await readVersions(adminPool);
  await adminPool.end();
  console.log(`[bench] run ${runId} on ${os.cpus().length} cores, load ` +
    `${loadAverageStart.map((l) => l.toFixed(2)).join(' ')}`);

  console.log('[bench] pgbench: the producer and the consumer transaction, ' +
    `${options.limitSeconds} s each`);
  const limit = await measureTransactionLimits({ adminUrl: endpoints.PG_ADMIN_URL,
    producerClients: PRODUCER_CLIENTS, consumerClients: CONSUMER_CLIENTS,
    seconds: options.limitSeconds });
  console.log(`[bench] limits: producer ${limit.producer.transactionsPerSecond} tx/s, ` +
    `consumer ${limit.consumer.transactionsPerSecond} tx/s`);

  const memory = new MemorySampler();
  memory.watchJvmParts();
  memory.start();
  const profileDir = path.join(REPO_ROOT, 'bench', 'profiles');
  mkdirSync(profileDir, { recursive: true });
  const platform = await BenchPlatform.create({ endpoints, kafka, runId, memory,
    logDir: path.join(REPO_ROOT, '.infra', 'logs'), skus: 200, customers: 500 });
  stopOnSignal(platform);
  try {
    const records = await runPhases(platform, options, runId, profileDir);
    memory.stop();
    await platform.stopAll();
    const events = await readRunEvents(kafka, records.fromOffsets, records.toOffsets);
    const applied = await readAppliedEvents(platform.pools, platform.groups.groupIds);
    const profile = { service: 'inventory', ...summariseCpuProfile(records.profileFile) };
    const results = assembleResults({ runId, startedAt, loadAverageStart, versions,
      knobs: readKnobs(), limit, records, events, applied, memory, profile });
    printProfileSummary(profile);
    console.log(`[bench] results written to ${writeResults(results)}`);
    printResultsTable(results);
  } finally {
    memory.stop();
    await platform.close();
  }
}

async function runPhases(platform: BenchPlatform, options: BenchOptions, runId: string,
  profileDir: string): Promise<PhaseRecords> {
  for (const name of SAGA_SERVICES) await platform.start(name);
  await platform.seed();
  const fromOffsets = await platform.groups.eventTopicEnds();

  const ramp = await findSustainedRate(platform, options.ramp);
  console.log(`[bench] highest sustained rate: ${ramp.sustainedPerSecond} orders/s`);

  const latency = [];
  for (const fraction of LATENCY_FRACTIONS) {
    const rate = Math.max(1, Math.round(ramp.sustainedPerSecond * fraction));
    const offer = await offerOrdersAtRate(platform.url('orders'), platform.nextOrder, rate,
      options.latencySeconds);
    await platform.waitForNoLag(options.ramp.drainTimeoutMs);
    console.log(`[bench] latency run at ${rate} orders/s: ${offer.accepted.length} accepted`);
    latency.push({ fraction, ordersPerSecond: rate, orders: offer.accepted });
  }

  const drains = await measureIntakeAndDrains(platform, { concurrency: PRODUCER_CLIENTS,
    seconds: options.intakeSeconds, profileDir, runId,
    drainTimeoutMs: options.ramp.drainTimeoutMs * 4 });
  await platform.sampleJvmHeaps();
  const toOffsets = await platform.groups.eventTopicEnds();
  const orderIds = [...ramp.orders, ...latency.flatMap((run) => run.orders),
    ...drains.intake.accepted].map((order) => order.orderId);
  const outcomes = await platform.outcomes(orderIds);
  return { ramp, latency, drains, fromOffsets, toOffsets, orderIds, outcomes,
    groupOf: (name) => platform.groups.groupOf(name), profileFile: drains.profileFile };
}

/** An interrupted bench still stops the services it started and removes its groups. */
function stopOnSignal(platform: BenchPlatform): void {
  const stop = (signal: string) => {
    console.error(`[bench] ${signal}: stopping the bench's services and removing its groups`);
    platform.close().finally(() => process.exit(130));
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error) => {
  console.error(`[bench] error: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
