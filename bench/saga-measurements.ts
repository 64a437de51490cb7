import { Pool } from 'pg';
import { percentile } from '../infra/tasks/load/load';
import { PlacedOrder } from './offer-orders';
import { RunEvent } from './read-run-events';

/** One event a bench group applied: its inbox entry. */
export interface AppliedEvent {
  consumerGroup: string;
  eventId: string;
  /** The inbox entry's processed_at: now() of the consumer's transaction. */
  processedAtMs: number;
}

/** Consumer transactions per order of the happy path (see `docs/benchmarks.md`). */
export const SAGA_STEPS_PER_ORDER = 5;

/** The inbox entries the given groups wrote, from the databases of the three services. */
export async function readAppliedEvents(pools: Pool[], groupIds: string[]):
  Promise<AppliedEvent[]> {
  const applied: AppliedEvent[] = [];
  for (const pool of pools) {
    const { rows } = await pool.query<{ consumer_group: string; event_id: string; ms: number }>(
      `select consumer_group, event_id, extract(epoch from processed_at) * 1000 as ms
       from inbox
       where consumer_group = any($1::text[])`,
      [groupIds],
    );
    for (const row of rows) {
      applied.push({ consumerGroup: row.consumer_group, eventId: row.event_id,
        processedAtMs: Number(row.ms) });
    }
  }
  return applied;
}

export interface Percentiles {
  count: number;
  p50: number;
  p99: number;
  p999?: number;
}

export interface WindowLatency {
  commitToConsumeMs: Percentiles;
  /** The same, per consumer group: which hop has the tail. */
  commitToConsumeByGroupMs: Record<string, Percentiles>;
  sagaEndToEndMs: Percentiles & { incomplete: number };
}

/**
 * Latencies of the orders placed in one window. Commit-to-consume is, per applied event of
 * those orders, the consumer transaction's now() minus the event's occurred_at; end to end is,
 * per order, the last of its saga steps' now() minus the moment its POST was sent.
 */
export function windowLatency(orders: PlacedOrder[], events: Map<string, RunEvent>,
  applied: AppliedEvent[]): WindowLatency {
  const sentAt = new Map(orders.map((order) => [order.orderId, order.sentAtMs]));
  const delays: number[] = [];
  const delaysByGroup = new Map<string, number[]>();
  const lastStep = new Map<string, { atMs: number; steps: number }>();
  for (const entry of applied) {
    const event = events.get(entry.eventId);
    if (!event || !sentAt.has(event.key)) continue;
    delays.push(entry.processedAtMs - event.occurredAtMs);
    const group = entry.consumerGroup.split('.').slice(1).join('.');
    delaysByGroup.set(group, [...(delaysByGroup.get(group) ?? []),
      entry.processedAtMs - event.occurredAtMs]);
    const last = lastStep.get(event.key) ?? { atMs: 0, steps: 0 };
    lastStep.set(event.key, { atMs: Math.max(last.atMs, entry.processedAtMs),
      steps: last.steps + 1 });
  }
  const sagas = [...lastStep].filter(([, last]) => last.steps >= SAGA_STEPS_PER_ORDER)
    .map(([orderId, last]) => last.atMs - sentAt.get(orderId)!);
  return {
    commitToConsumeMs: summarise(delays, true),
    commitToConsumeByGroupMs: Object.fromEntries([...delaysByGroup]
      .map(([group, values]) => [group, summarise(values, true)])),
    sagaEndToEndMs: { ...summarise(sagas, false), incomplete: orders.length - sagas.length },
  };
}

/** Saga steps of the bench's orders applied per second between two instants. */
export function sagaStepsPerSecond(runOrders: Set<string>, events: Map<string, RunEvent>,
  applied: AppliedEvent[], fromMs: number, toMs: number): number {
  const steps = applied.filter((entry) => entry.processedAtMs >= fromMs &&
    entry.processedAtMs < toMs && runOrders.has(events.get(entry.eventId)?.key ?? ''));
  return Math.round((steps.length * 1000) / (toMs - fromMs));
}

/**
 * How fast one group worked through a backlog: its inbox entries between two instants, over
 * the time from the first of them to the last (so the service's start is not counted).
 */
export function drainRate(groupId: string, applied: AppliedEvent[], fromMs: number,
  toMs: number): { events: number; perSecond: number } {
  const times = applied.filter((entry) => entry.consumerGroup === groupId &&
    entry.processedAtMs >= fromMs && entry.processedAtMs <= toMs)
    .map((entry) => entry.processedAtMs).sort((a, b) => a - b);
  if (times.length < 2) return { events: times.length, perSecond: 0 };
  const spanMs = Math.max(1, times.at(-1)! - times[0]!);
  return { events: times.length, perSecond: Math.round(((times.length - 1) * 1000) / spanMs) };
}

function summarise(values: number[], withP999: boolean): Percentiles {
  const sorted = values.map((value) => Math.round(value)).sort((a, b) => a - b);
  const result: Percentiles = { count: sorted.length, p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99) };
  if (withP999) result.p999 = percentile(sorted, 0.999);
  return result;
}
