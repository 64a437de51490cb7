import { randomUUID } from 'node:crypto';
import { withTransaction } from '../../../../libs/db/pool';
import { counter } from '../../../../libs/metrics/metrics-registry';
import { appendOutboxEvent } from '../../../../libs/outbox/append-outbox-event';
import { BackgroundTask, ServiceRuntime } from '../../../../libs/service/run-service';
import {
  childTrace,
  formatTraceparent,
  parseTraceparent,
} from '../../../../libs/tracing/trace-context';
import { timeOut } from '../domain/order-transitions';
import { applyOrderDecision } from '../db/apply-order-decision';
import { claimOverdueOrders } from '../db/claim-overdue-orders';
import { lockOrder } from '../db/find-order';

const BATCH_SIZE = 100;
const timedOut = counter('saga_timed_out_total', 'Orders cancelled because their deadline passed');

/**
 * Cancels every order not settled by its deadline (reason timed_out), so an order settles
 * even when one of its events is parked or dead-lettered. The compensation follows from
 * the OrderCancelled event like any other cancel.
 */
export function startDeadlineSweeper(runtime: ServiceRuntime, intervalMs: number): BackgroundTask {
  let running: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(async () => void (await sweepOnce(runtime))).catch((error) => {
      // The next tick tries again; the deadline only gets later, never missed.
      runtime.log.warn({ err: error }, 'deadline sweep failed');
    });
  }, intervalMs);
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

export async function sweepOnce(runtime: ServiceRuntime): Promise<number> {
  const keepRows = runtime.config.OUTBOX_KEEP_DAYS > 0;
  return withTransaction(runtime.pool, async (client) => {
    const now = new Date();
    const orderIds = await claimOverdueOrders(client, now, BATCH_SIZE);
    for (const orderId of orderIds) {
      const order = (await lockOrder(client, orderId))!;
      const trace = formatTraceparent(childTrace(parseTraceparent(order.traceparent)));
      await applyOrderDecision(client, order, timeOut(order, now), (eventType, payload) =>
        appendOutboxEvent(client, runtime.codec, { eventType, aggregateId: orderId, payload,
          correlationId: orderId, causationId: null, traceparent: trace, occurredAt: now,
          eventId: randomUUID() }, { keepRows }), now);
      runtime.log.info({ orderId }, 'order timed out and cancelled');
    }
    timedOut.inc(orderIds.length);
    return orderIds.length;
  });
}
