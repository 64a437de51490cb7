import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../infra/tasks/platform-services';
import { RampStep } from './find-sustained-rate';
import { TransactionLimits } from './measure-transaction-limit';
import { JvmHeap } from './sample-memory';
import { Percentiles, WindowLatency } from './saga-measurements';
import { ProfileSummary } from './summarise-cpu-profile';

/** The ratios a later run is compared on: each is a figure of the platform over a limit. */
export interface BenchRatios {
  /** Saga steps/s at the highest sustained rate over the consumer-transaction limit. */
  sagaStepsPerConsumerLimit: number;
  /** POST /orders accepted per second, flat out, over the producer-transaction limit. */
  intakePerProducerLimit: number;
  /** Events a group applied per second from a pre-filled topic over the consumer limit. */
  appliedPerConsumerLimit: number;
}

export interface DrainMeasurement {
  consumerGroup: string;
  events: number;
  perSecond: number;
  /** Whether the service ran under `--cpu-prof` while it drained. */
  profiled: boolean;
}

export interface TargetCheck {
  name: string;
  target: string;
  value: string;
  met: boolean;
}

export interface BenchResults {
  format: 1;
  runId: string;
  startedAt: string;
  finishedAt: string;
  machine: { cores: number; cpuModel: string; memoryMb: number;
    loadAverageStart: number[]; loadAverageEnd: number[] };
  versions: Record<string, string>;
  knobs: Record<string, string>;
  /** What each figure measures, in words, so a reader of the file needs no code. */
  definitions: Record<string, string>;
  limit: TransactionLimits;
  platform: {
    sustainedOrdersPerSecond: number;
    sagaStepsPerSecond: number;
    /** CPU ms per order by part at the highest sustained rate (cores used / orders per s). */
    cpuMsPerOrder: Record<string, number>;
    ramp: RampStep[];
    latency: ({ fraction: number; ordersPerSecond: number } & WindowLatency)[];
    intake: { concurrency: number; seconds: number; acceptedPerSecond: number; failed: number };
    prefilled: DrainMeasurement[];
    orderOutcomes: Record<string, number>;
  };
  ratios: BenchRatios;
  targets: TargetCheck[];
  memory: { peakRssMb: Record<string, number>; jvmHeap: Record<string, JvmHeap>;
    heapSettings: Record<string, string> };
  profile: (ProfileSummary & { service: string }) | null;
}

export function writeResults(results: BenchResults): string {
  return writeResultFile('', results.startedAt, results);
}

/** Writes `bench/results/<folder>/<started-at><suffix>.json`; returns its path in the repo. */
export function writeResultFile(folder: string, startedAt: string, value: object,
  suffix = ''): string {
  const dir = path.join(REPO_ROOT, 'bench', 'results', folder);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${startedAt.replace(/[:.]/g, '-')}${suffix}.json`);
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
  return path.relative(REPO_ROOT, file);
}

export function printResultsTable(results: BenchResults): void {
  const { limit, platform, ratios, memory } = results;
  const row = (name: string, value: string) => console.log(`  ${name.padEnd(52)} ${value}`);
  const ms = (p: Percentiles) => `p50 ${p.p50} / p99 ${p.p99}` +
    (p.p999 === undefined ? '' : ` / p999 ${p.p999}`) + ` ms (n=${p.count})`;
  console.log(`\nBench ${results.runId}: ${results.machine.cores} cores, load ` +
    `${results.machine.loadAverageStart.map((l) => l.toFixed(1)).join(' ')} -> ` +
    `${results.machine.loadAverageEnd.map((l) => l.toFixed(1)).join(' ')}`);
  row(`producer-transaction limit (pgbench, ${limit.producer.clients} clients)`,
    `${limit.producer.transactionsPerSecond} tx/s`);
  row(`consumer-transaction limit (pgbench, ${limit.consumer.clients} clients)`,
    `${limit.consumer.transactionsPerSecond} tx/s`);
  row('highest sustained rate', `${platform.sustainedOrdersPerSecond} orders/s`);
  row('saga steps at that rate', `${platform.sagaStepsPerSecond} steps/s`);
  const cpu = Object.entries(platform.cpuMsPerOrder).filter(([part]) => part !== 'machine')
    .sort((a, b) => b[1] - a[1]).slice(0, 6);
  row('CPU ms per order at that rate', cpu.map(([part, ms]) => `${part} ${ms}`).join(', '));
  row('', `machine ${platform.cpuMsPerOrder.machine ?? '?'} (all processes, others' too)`);
  for (const window of platform.latency) {
    const at = `at ${Math.round(window.fraction * 100)}% (${window.ordersPerSecond} orders/s)`;
    row(`commit-to-consume ${at}`, ms(window.commitToConsumeMs));
    row(`saga end to end ${at}`, ms(window.sagaEndToEndMs));
  }
  row(`HTTP order intake, flat out (${platform.intake.concurrency} clients)`,
    `${platform.intake.acceptedPerSecond} orders/s`);
  for (const drain of platform.prefilled) {
    row(`applied from a pre-filled topic, ${drain.consumerGroup.split('.').slice(1).join('.')}` +
      (drain.profiled ? ' (profiled)' : ''), `${drain.perSecond} events/s`);
  }
  row('ratio saga steps/s / consumer limit', ratios.sagaStepsPerConsumerLimit.toFixed(3));
  row('ratio HTTP intake/s / producer limit', ratios.intakePerProducerLimit.toFixed(3));
  row('ratio applied events/s (pre-filled) / consumer limit',
    ratios.appliedPerConsumerLimit.toFixed(3));
  row('peak RSS (MB)', Object.entries(memory.peakRssMb).map(([n, mb]) => `${n} ${mb}`)
    .join(', '));
  for (const target of results.targets) {
    row(`target: ${target.name}`, `${target.met ? 'met' : 'MISSED'} (${target.value}; ` +
      `${target.target})`);
  }
}
