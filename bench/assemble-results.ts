import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../infra/tasks/platform-services';
import { BenchResults, TargetCheck } from './bench-results';
import { RampResult } from './find-sustained-rate';
import { IntakeAndDrains } from './measure-intake-and-drains';
import { TransactionLimits } from './measure-transaction-limit';
import { PlacedOrder } from './offer-orders';
import { RunEvent } from './read-run-events';
import { AppliedEvent, drainRate, sagaStepsPerSecond, windowLatency } from './saga-measurements';
import { MemorySampler } from './sample-memory';
import { SagaServiceName } from './start-bench-service';
import { ProfileSummary } from './summarise-cpu-profile';

/** What the phases of a run leave behind for the figures to be worked out from. */
export interface PhaseRecords {
  ramp: RampResult;
  latency: { fraction: number; ordersPerSecond: number; orders: PlacedOrder[] }[];
  drains: IntakeAndDrains;
  fromOffsets: Map<string, string>;
  toOffsets: Map<string, string>;
  orderIds: string[];
  outcomes: Record<string, number>;
  groupOf(name: SagaServiceName): string;
  profileFile: string;
}

export interface RunInputs {
  runId: string;
  startedAt: Date;
  loadAverageStart: number[];
  versions: Record<string, string>;
  knobs: Record<string, string>;
  limit: TransactionLimits;
  records: PhaseRecords;
  events: Map<string, RunEvent>;
  applied: AppliedEvent[];
  memory: MemorySampler;
  profile: ProfileSummary & { service: string };
}

const DEFINITIONS = {
  limit: 'pgbench -M extended on the services\' Postgres, scratch database bench_limit; ' +
    'bench/pgbench/*.sql; producer at the orders pool size, consumer at 3 groups x 3 ' +
    'partitions consumed concurrently',
  sustainedOrdersPerSecond: 'highest open-loop offered rate at which all orders were accepted, ' +
    'the three groups\' lag grew by under one second of messages over the step, and the lag ' +
    'drained after it',
  sagaStepsPerSecond: 'inbox entries of the bench\'s orders written by the three groups per ' +
    'second in the measured part of the sustained step (5 per order on the happy path)',
  commitToConsumeMs: 'per applied event: inbox.processed_at (now() of the consumer ' +
    'transaction, i.e. its start) minus the Kafka record timestamp (outbox occurred_at, taken ' +
    'just before the producing transaction\'s insert); both clocks are this machine\'s',
  sagaEndToEndMs: 'per order: the last of its 5 saga steps\' processed_at minus the moment ' +
    'its POST /orders was sent',
  intake: 'POST /orders accepted per second by a closed loop of clients while inventory and ' +
    'payments are stopped',
  prefilled: 'events a group applied per second from its first to its last inbox entry while ' +
    'draining a backlog built up with it stopped; payments (StockReserved) is the ratio\'s',
  cpuMsPerOrder: 'CPU time per order by process in the measured part of the sustained step, ' +
    'from /proc; Postgres backends are assigned to the service whose socket they serve, WAL ' +
    'senders to connect; machine is every process on the machine, other work included',
  peakRssMb: 'highest VmRSS sampled each second, and VmHWM of each service before it stopped',
};

export function assembleResults(inputs: RunInputs): BenchResults {
  const { records, events, applied, limit } = inputs;
  const runOrders = new Set(records.orderIds);
  const held = records.ramp.steps.find((step) => step.sustained &&
    step.offeredPerSecond === records.ramp.sustainedPerSecond);
  const steps = held
    ? sagaStepsPerSecond(runOrders, events, applied, held.windowStartMs, held.windowEndMs) : 0;
  const latency = records.latency.map((run) => ({ fraction: run.fraction,
    ordersPerSecond: run.ordersPerSecond, ...windowLatency(run.orders, events, applied) }));
  const { intake, inventory, payments } = records.drains;
  const prefilled = [
    { group: records.groupOf('inventory'), window: inventory, profiled: true },
    { group: records.groupOf('payments'), window: payments, profiled: false },
  ].map(({ group, window, profiled }) => ({ consumerGroup: group, profiled,
    ...drainRate(group, applied, window.fromMs, window.toMs) }));
  const ratio = (value: number, over: number) => Math.round((value / over) * 1000) / 1000;
  const ratios = {
    sagaStepsPerConsumerLimit: ratio(steps, limit.consumer.transactionsPerSecond),
    intakePerProducerLimit: ratio(intake.acceptedPerSecond, limit.producer.transactionsPerSecond),
    appliedPerConsumerLimit: ratio(prefilled[1]!.perSecond, limit.consumer.transactionsPerSecond),
  };
  const peakRssMb = inputs.memory.peakRssMb();
  return {
    format: 1, runId: inputs.runId, startedAt: inputs.startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
    machine: { cores: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown',
      memoryMb: Math.round(os.totalmem() / 2 ** 20), loadAverageStart: inputs.loadAverageStart,
      loadAverageEnd: os.loadavg() },
    versions: inputs.versions, knobs: inputs.knobs, definitions: DEFINITIONS, limit,
    platform: { sustainedOrdersPerSecond: records.ramp.sustainedPerSecond,
      sagaStepsPerSecond: steps, cpuMsPerOrder: perOrder(held?.coresUsed ?? {},
        records.ramp.sustainedPerSecond), ramp: records.ramp.steps, latency,
      intake: { concurrency: intake.concurrency,
        seconds: Math.round((intake.endMs - intake.startMs) / 1000),
        acceptedPerSecond: intake.acceptedPerSecond, failed: intake.failed },
      prefilled, orderOutcomes: records.outcomes },
    ratios,
    targets: checkTargets(ratios.sagaStepsPerConsumerLimit, latency, peakRssMb),
    memory: { peakRssMb, jvmHeap: inputs.memory.jvmHeaps(), heapSettings: readHeapSettings() },
    profile: inputs.profile,
  };
}

/** Cores used by each part at a rate, as CPU ms per order. */
export function perOrder(cores: Record<string, number>, ordersPerSecond: number) {
  return Object.fromEntries(Object.entries(cores).map(([part, used]) =>
    [part, Math.round((used * 1000 * 10) / Math.max(1, ordersPerSecond)) / 10]));
}

function checkTargets(stepsRatio: number, latency: BenchResults['platform']['latency'],
  peakRssMb: Record<string, number>): TargetCheck[] {
  const half = latency.find((run) => run.fraction === 0.5);
  const services = ['orders', 'payments', 'inventory'].map((name) => peakRssMb[name] ?? 0);
  return [
    { name: 'saga steps/s over the consumer limit', target: 'at least 0.3',
      value: stepsRatio.toFixed(3), met: stepsRatio >= 0.3 },
    { name: 'commit-to-consume p99 at 50%', target: 'under 100 ms',
      value: `${half?.commitToConsumeMs.p99 ?? 'none'} ms`,
      met: half !== undefined && half.commitToConsumeMs.p99 < 100 },
    { name: 'service peak RSS', target: 'no service above 250 MB',
      value: `${Math.max(...services)} MB`, met: Math.max(...services) <= 250 },
  ];
}

/** The heap flags `infra/lib/jvm-parts.sh` starts each JVM part with by default. */
function readHeapSettings(): Record<string, string> {
  const script = readFileSync(path.join(REPO_ROOT, 'infra', 'lib', 'jvm-parts.sh'), 'utf8');
  const flags = (name: string) => new RegExp(`^${name}=\\$\\{${name}:-(.*)\\}$`, 'm')
    .exec(script)?.[1] ?? 'unknown';
  return { kafka: flags('KAFKA_HEAP'), connect: flags('CONNECT_HEAP'),
    registry: flags('REGISTRY_HEAP') };
}
