import { Request, Response } from 'express';
import { withTransaction } from '../../../../libs/db/pool';
import { HttpProblemError } from '../../../../libs/http/error-handler';
import { appendOutboxEvent } from '../../../../libs/outbox/append-outbox-event';
import { ServiceRuntime } from '../../../../libs/service/run-service';
import {
  childTrace,
  formatTraceparent,
  parseTraceparent,
} from '../../../../libs/tracing/trace-context';
import { cancelByCustomer } from '../domain/order-transitions';
import { applyOrderDecision } from '../db/apply-order-decision';
import { lockOrder } from '../db/find-order';
import { orderView } from './get-order-route';
import { isOrderId } from './order-id';

/**
 * POST /orders/:orderId/cancel: 202 with the order while it is pending, reserved or
 * confirmed (the compensations follow from OrderCancelled); 409 once rejected or cancelled.
 */
export function cancelOrderRoute(runtime: ServiceRuntime) {
  return async (req: Request, res: Response) => {
    const orderId = String(req.params.orderId);
    const keepRows = runtime.config.OUTBOX_KEEP_DAYS > 0;
    const cancelled = await withTransaction(runtime.pool, async (client) => {
      const order = isOrderId(orderId) ? await lockOrder(client, orderId) : null;
      if (!order) throw orderNotFound(orderId);
      const now = new Date();
      const decision = cancelByCustomer(order, now);
      if (decision.kind === 'refused') {
        throw new HttpProblemError(409, 'order-not-cancellable', 'Order cannot be cancelled',
          `order ${orderId} is ${decision.status} and can no longer be cancelled`);
      }
      const trace = formatTraceparent(childTrace(
        parseTraceparent(req.header('traceparent')) ?? parseTraceparent(order.traceparent)));
      await applyOrderDecision(client, order, decision, (eventType, payload) =>
        appendOutboxEvent(client, runtime.codec, { eventType, aggregateId: orderId, payload,
          correlationId: orderId, causationId: null, traceparent: trace, occurredAt: now },
        { keepRows }), now);
      return { ...order, status: decision.status, statusReason: decision.statusReason,
        updatedAt: now };
    });
    runtime.log.info({ orderId }, 'order cancelled by the customer');
    res.status(202).json(orderView(cancelled));
  };
}

export function orderNotFound(orderId: string): HttpProblemError {
  return new HttpProblemError(404, 'order-not-found', 'Order not found',
    `no order with id ${JSON.stringify(orderId)}`);
}
