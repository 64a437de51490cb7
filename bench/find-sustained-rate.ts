import { BenchPlatform } from './bench-platform';
import { offerOrdersAtRate, PlacedOrder } from './offer-orders';
import { coresUsed, CpuSnapshot } from './sample-cpu';
import { SAGA_STEPS_PER_ORDER } from './saga-measurements';

/** Messages each happy-path order adds to the three groups' lag (see `docs/benchmarks.md`). */
const GROUP_MESSAGES_PER_ORDER = 10;

export interface RampSettings {
  startPerSecond: number;
  factor: number;
  stepSeconds: number;
  warmupSeconds: number;
  maxSteps: number;
  drainTimeoutMs: number;
}

export interface RampStep {
  offeredPerSecond: number;
  acceptedPerSecond: number;
  failed: number;
  skipped: number;
  /** Lag change over the measured part of the step, from a least-squares fit (messages/s). */
  lagGrowthPerSecond: number;
  lagAtEnd: number;
  /** Inbox entries of the run's groups per second in the measured part (all events). */
  appliedPerSecond: number;
  /** Cores each part used in the measured part: services, JVMs, Postgres, bench, machine. */
  coresUsed: Record<string, number>;
  drainedAfterMs: number | null;
  sustained: boolean;
  reason: string;
  windowStartMs: number;
  windowEndMs: number;
}

export interface RampResult {
  steps: RampStep[];
  sustainedPerSecond: number;
  orders: PlacedOrder[];
}

/**
 * Raises the offered order rate step by step (open loop) until the groups' lag grows during a
 * step, narrows down between the last rate that held and the first that did not, and returns
 * the highest rate that held.
 */
export async function findSustainedRate(platform: BenchPlatform,
  settings: RampSettings): Promise<RampResult> {
  const steps: RampStep[] = [];
  const orders: PlacedOrder[] = [];
  let best = 0;
  let failedAt = 0;
  let rate = settings.startPerSecond;
  while (steps.length < settings.maxSteps) {
    const step = await runStep(platform, rate, settings, orders);
    steps.push(step);
    printStep(step);
    if (step.sustained) best = Math.max(best, rate);
    else failedAt = failedAt === 0 ? rate : Math.min(failedAt, rate);
    const next = nextRate(best, failedAt, settings.factor);
    if (next === null || steps.some((done) => done.offeredPerSecond === next)) break;
    rate = next;
  }
  return { steps, sustainedPerSecond: best, orders };
}

/**
 * Up by the factor while every step held, down by half while none did, and in between the
 * last rate that held and the lowest that did not until the two are within 10%.
 */
function nextRate(best: number, failedAt: number, factor: number): number | null {
  if (failedAt === 0) return Math.round(best * factor);
  if (best === 0) return failedAt / 2 >= 2 ? Math.round(failedAt / 2) : null;
  if (failedAt / best < 1.1) return null;
  const between = Math.round(Math.sqrt(best * failedAt));
  return between > best && between < failedAt ? between : null;
}

/** One step of the ramp at a fixed offered rate; its orders are appended to `orders`. */
export async function runStep(platform: BenchPlatform, rate: number, settings: RampSettings,
  orders: PlacedOrder[]): Promise<RampStep> {
  const samples: { atMs: number; lag: number }[] = [];
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      samples.push({ atMs: Date.now(), lag: await platform.totalLag() });
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  })();
  let cpuAtWindowStart: CpuSnapshot | null = null;
  const cpuTimer = setTimeout(() => {
    void platform.cpuSnapshot().then((snapshot) => { cpuAtWindowStart = snapshot; });
  }, settings.warmupSeconds * 1000);
  const offer = await offerOrdersAtRate(platform.url('orders'), platform.nextOrder, rate,
    settings.stepSeconds);
  const cpuAtWindowEnd = await platform.cpuSnapshot();
  clearTimeout(cpuTimer);
  sampling = false;
  await sampler;
  orders.push(...offer.accepted);

  const windowStartMs = offer.startMs + settings.warmupSeconds * 1000;
  const windowEndMs = offer.endMs;
  const measured = samples.filter((sample) => sample.atMs >= windowStartMs);
  const lagGrowthPerSecond = Math.round(slopePerSecond(measured));
  const applied = await platform.countApplied(windowStartMs, windowEndMs);
  const appliedPerSecond = Math.round((applied * 1000) / (windowEndMs - windowStartMs));
  const drainStart = Date.now();
  const drained = await platform.waitForNoLag(settings.drainTimeoutMs);
  await platform.sampleJvmHeaps();
  const step = { offeredPerSecond: rate, acceptedPerSecond: offer.acceptedPerSecond,
    failed: offer.failed, skipped: offer.skipped, lagGrowthPerSecond,
    lagAtEnd: samples.at(-1)?.lag ?? 0, appliedPerSecond,
    coresUsed: cpuAtWindowStart ? coresUsed(cpuAtWindowStart, cpuAtWindowEnd) : {},
    drainedAfterMs: drained === null ? null : drained - drainStart, windowStartMs, windowEndMs };
  const reason = verdict(step, rate);
  return { ...step, sustained: reason === 'held', reason };
}

/**
 * Held when every order was accepted at the offered rate, the lag grew by less than one
 * second's worth of messages over the measured part, the steps applied kept up with the
 * orders, and the lag drained afterwards.
 */
function verdict(step: Omit<RampStep, 'sustained' | 'reason'>, rate: number): string {
  if (step.failed > 0 || step.skipped > 0) {
    return `intake fell behind (${step.failed} failed, ${step.skipped} skipped)`;
  }
  if (step.acceptedPerSecond < rate * 0.95) return `accepted ${step.acceptedPerSecond}/s`;
  const measuredSeconds = (step.windowEndMs - step.windowStartMs) / 1000;
  if (step.lagGrowthPerSecond * measuredSeconds > Math.max(100, rate * GROUP_MESSAGES_PER_ORDER)) {
    return `lag grew ${step.lagGrowthPerSecond} messages/s`;
  }
  if (step.appliedPerSecond < rate * SAGA_STEPS_PER_ORDER * 0.9) {
    return `applied ${step.appliedPerSecond} steps/s of ${rate * SAGA_STEPS_PER_ORDER}`;
  }
  if (step.drainedAfterMs === null) return 'lag did not drain after the step';
  return 'held';
}

function slopePerSecond(samples: { atMs: number; lag: number }[]): number {
  if (samples.length < 2) return 0;
  const xs = samples.map((sample) => sample.atMs / 1000);
  const meanX = xs.reduce((a, b) => a + b, 0) / xs.length;
  const meanY = samples.reduce((a, sample) => a + sample.lag, 0) / samples.length;
  let numerator = 0;
  let denominator = 0;
  samples.forEach((sample, i) => {
    numerator += (xs[i]! - meanX) * (sample.lag - meanY);
    denominator += (xs[i]! - meanX) ** 2;
  });
  return denominator === 0 ? 0 : numerator / denominator;
}

export function printStep(step: RampStep): void {
  console.log(`[bench] ramp ${String(step.offeredPerSecond).padStart(4)} orders/s: ` +
    `accepted ${step.acceptedPerSecond}/s, applied ${step.appliedPerSecond} steps/s, ` +
    `lag ${step.lagGrowthPerSecond >= 0 ? '+' : ''}${step.lagGrowthPerSecond}/s ` +
    `(end ${step.lagAtEnd}), drained ` +
    `${step.drainedAfterMs === null ? 'no' : `${step.drainedAfterMs} ms`}: ${step.reason}`);
  console.log(`[bench]      cores used: ${Object.entries(step.coresUsed)
    .map(([part, cores]) => `${part} ${cores}`).join(', ')}`);
}
