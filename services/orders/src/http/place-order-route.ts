import { createHash, randomUUID } from 'node:crypto';
import { Request, Response } from 'express';
import { Pool } from 'pg';
import { Logger } from '../../../../libs/logging/logger';
import { ValidationError } from '../../../../libs/errors/platform-error';
import { withTransaction } from '../../../../libs/db/pool';
import { HttpProblemError } from '../../../../libs/http/error-handler';
import { validateInput } from '../../../../libs/http/validate-input';
import { counter } from '../../../../libs/metrics/metrics-registry';
import { appendOutboxEvent } from '../../../../libs/outbox/append-outbox-event';
import { EventCodec } from '../../../../libs/schemas/event-codec';
import { recordSpan } from '../../../../libs/tracing/span-export';
import {
  childTrace,
  formatTraceparent,
  parseTraceparent,
} from '../../../../libs/tracing/trace-context';
import { newOrder, Order, orderPlacedPayload } from '../domain/order';
import { findOrder } from '../db/find-order';
import { insertOrder } from '../db/insert-order';
import {
  findIdempotencyKey,
  insertIdempotencyKey,
  tryLockIdempotencyKey,
} from '../db/idempotency-keys';
import { orderRequestSchema } from './order-request-schema';

const IDEMPOTENCY_KEY = /^[\x21-\x7E]{1,255}$/;

const ordersPlaced = counter('orders_placed_total', 'Orders accepted by POST /orders');

export interface PlaceOrderDeps {
  pool: Pool;
  codec: EventCodec;
  deadlineMs: number;
  keepOutboxRows: boolean;
  log: Logger;
}

type PlaceOutcome = { kind: 'placed' | 'replayed'; order: Order };

/** POST /orders: the order, its lines and its OrderPlaced event commit together or not at all. */
export function placeOrderRoute(deps: PlaceOrderDeps) {
  return async (req: Request, res: Response) => {
    const request = validateInput(orderRequestSchema, req.body);
    const idempotencyKey = readIdempotencyKey(req);
    const requestHash = hashRequest(request);
    const startMs = Date.now();
    const parent = parseTraceparent(req.header('traceparent'));
    const trace = childTrace(parent);

    const outcome = await withTransaction(deps.pool, async (client): Promise<PlaceOutcome> => {
      if (idempotencyKey) {
        if (!(await tryLockIdempotencyKey(client, idempotencyKey))) {
          throw new HttpProblemError(409, 'request-in-flight', 'Request in flight',
            'a request with this Idempotency-Key is still being processed; retry later');
        }
        const earlier = await findIdempotencyKey(client, idempotencyKey);
        if (earlier && earlier.requestHash !== requestHash) {
          throw new HttpProblemError(422, 'idempotency-key-reused', 'Idempotency-Key reused',
            'this Idempotency-Key was used with a different body');
        }
        const replayed = earlier && (await findOrder(client, earlier.orderId));
        if (replayed) return { kind: 'replayed', order: replayed };
      }
      const order = newOrder(randomUUID(), request, new Date(), deps.deadlineMs,
        formatTraceparent(trace));
      await insertOrder(client, order);
      await appendOutboxEvent(client, deps.codec, {
        eventType: 'OrderPlaced',
        aggregateId: order.orderId,
        payload: orderPlacedPayload(order),
        correlationId: order.orderId,
        causationId: null,
        traceparent: order.traceparent,
        occurredAt: order.createdAt,
      }, { keepRows: deps.keepOutboxRows });
      if (idempotencyKey) {
        await insertIdempotencyKey(client, idempotencyKey, { requestHash, orderId: order.orderId });
      }
      return { kind: 'placed', order };
    });

    if (outcome.kind === 'placed') {
      ordersPlaced.inc();
      deps.log.info({ orderId: outcome.order.orderId, traceId: trace.traceId }, 'order placed');
    }
    const { orderId, status } = outcome.order;
    res.status(202).location(`/orders/${orderId}`).json({ orderId, status });
    recordSpan({ traceId: trace.traceId, spanId: trace.spanId,
      parentSpanId: parent?.spanId ?? null, name: 'POST /orders', kind: 'server', startMs,
      endMs: Date.now(), attributes: { 'http.request.method': 'POST', 'http.route': '/orders',
        'http.response.status_code': 202 } });
  };
}

function readIdempotencyKey(req: Request): string | null {
  const key = req.header('idempotency-key');
  if (key === undefined) return null;
  if (!IDEMPOTENCY_KEY.test(key)) {
    throw new ValidationError([{
      field: 'Idempotency-Key',
      rule: 'must be 1 to 255 visible ASCII characters',
      value: key,
    }]);
  }
  return key;
}

function hashRequest(request: unknown): string {
  return createHash('sha256').update(JSON.stringify(request)).digest('hex');
}
