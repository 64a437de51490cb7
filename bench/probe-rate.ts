import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readPlatformEndpoints } from '../libs/config/platform-endpoints';
import { createKafka } from '../libs/kafka/create-kafka';
import { REPO_ROOT } from '../infra/tasks/platform-services';
import { perOrder } from './assemble-results';
import { BenchPlatform } from './bench-platform';
import { writeResultFile } from './bench-results';
import { SAGA_SERVICES } from './bench-groups';
import { printStep, runStep } from './find-sustained-rate';
import { PlacedOrder } from './offer-orders';
import { readRunEvents } from './read-run-events';
import { readKnobs } from './read-versions';
import { readAppliedEvents, windowLatency } from './saga-measurements';
import { coresUsed } from './sample-cpu';
import { MemorySampler } from './sample-memory';
import { printProfileSummary, summariseCpuProfile } from './summarise-cpu-profile';

/**
 * `make bench-probe RATE=50`: the platform idle, then at one offered rate, in about a minute
 * and a half.
 * It prints the cores each part used idle and under the load, the CPU time per order and the
 * latencies of that step, for trying one knob at a time, and keeps them in
 * `bench/results/probes/`; `make bench` stays the measure.
 * `--profile orders` runs that service under the CPU profiler and prints its hottest code.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: {
    rate: { type: 'string', default: '50' },
    seconds: { type: 'string', default: '30' },
    'idle-seconds': { type: 'string', default: '10' },
    profile: { type: 'string' },
  } });
  const rate = positive('--rate', values.rate);
  const seconds = positive('--seconds', values.seconds);
  const idleSeconds = positive('--idle-seconds', values['idle-seconds']);

  const startedAt = new Date().toISOString();
  const endpoints = readPlatformEndpoints();
  const kafka = createKafka('bench-probe', endpoints.KAFKA_BROKERS);
  const memory = new MemorySampler();
  memory.watchJvmParts();
  const profileDir = path.join(REPO_ROOT, 'bench', 'profiles');
  const profileName = `${values.profile}-probe-${Date.now()}.cpuprofile`;
  const platform = await BenchPlatform.create({ endpoints, kafka, runId: randomUUID().slice(0, 8),
    memory, logDir: path.join(REPO_ROOT, '.infra', 'logs'), skus: 200, customers: 500 });
  try {
    for (const name of SAGA_SERVICES) {
      await platform.start(name, name === values.profile ? ['--cpu-prof',
        `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${profileName}`] : []);
    }
    await platform.seed();
    const fromOffsets = await platform.groups.eventTopicEnds();
    // Warm the services' code paths before anything is measured.
    const warm: PlacedOrder[] = [];
    await runStep(platform, Math.max(1, Math.round(rate / 2)), { startPerSecond: rate,
      factor: 1, stepSeconds: 5, warmupSeconds: 1, maxSteps: 1, drainTimeoutMs: 30000 }, warm);

    const idleFrom = await platform.cpuSnapshot();
    await new Promise((resolve) => setTimeout(resolve, idleSeconds * 1000));
    const idle = coresUsed(idleFrom, await platform.cpuSnapshot());
    console.log(`[probe] idle cores: ${format(idle)}`);

    const orders: PlacedOrder[] = [];
    const step = await runStep(platform, rate, { startPerSecond: rate, factor: 1,
      stepSeconds: seconds, warmupSeconds: 5, maxSteps: 1, drainTimeoutMs: 30000 }, orders);
    printStep(step);
    const cpuMsPerOrder = perOrder(step.coresUsed, step.acceptedPerSecond);
    console.log(`[probe] CPU ms per order: ${format(cpuMsPerOrder)}`);

    const events = await readRunEvents(kafka, fromOffsets, await platform.groups.eventTopicEnds());
    const applied = await readAppliedEvents(platform.pools, platform.groups.groupIds);
    const latency = windowLatency(orders, events, applied);
    const c = latency.commitToConsumeMs;
    const e = latency.sagaEndToEndMs;
    console.log(`[probe] commit-to-consume p50/p99/p999 ${c.p50}/${c.p99}/${c.p999} ms ` +
      `(${c.count} events); saga end to end p50/p99 ${e.p50}/${e.p99} ms`);
    const file = writeResultFile('probes', startedAt, { startedAt, rate, seconds,
      knobs: readKnobs(), idleCores: idle, step, cpuMsPerOrder, latency }, `-rate-${rate}`);
    console.log(`[probe] written to ${file}`);
  } finally {
    await platform.close();
  }
  if (values.profile) {
    printProfileSummary(summariseCpuProfile(path.join(profileDir, profileName)));
  }
}

function positive(flag: string, value: string | undefined): number {
  const parsed = Number(value);
  if (!Number.isFinite(parsed) || parsed <= 0) {
    throw new Error(`${flag} must be a positive number, got ${JSON.stringify(value)}`);
  }
  return parsed;
}

function format(parts: Record<string, number>): string {
  return Object.entries(parts).filter(([, value]) => value > 0)
    .map(([part, value]) => `${part} ${value}`).join(', ');
}

main().catch((error) => {
  console.error(`[probe] error: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
