import { Request } from 'express';
import { DependencyUnavailableError } from '../../../../libs/errors/platform-error';
import { HttpProblemError } from '../../../../libs/http/error-handler';
import { validateInput } from '../../../../libs/http/validate-input';
import { causalTimeline, SagaEvent, waitingSteps } from '../domain/saga-timeline';
import { viewMessage } from '../kafka/message-view';
import { readOrderEvents } from '../kafka/read-order-events';
import { AdminDeps, AdminRoute } from './admin-route';
import { emptyQuery, overdueQuery } from './admin-request-schemas';

const ORDER_ID = /^[\x21-\x7E]{1,200}$/;

export function sagaRoutes(deps: AdminDeps): AdminRoute[] {
  return [{
    method: 'get', path: '/orders/overdue',
    summary: 'Orders not settled by their deadline (from the orders service)',
    async handle(req, res) {
      const { at } = validateInput(overdueQuery, req.query);
      const query = at ? `?at=${encodeURIComponent(at)}` : '';
      res.json(await deps.ops.expect('orders', 'GET', `/ops/orders/overdue${query}`));
    },
  }, {
    method: 'get', path: '/orders/:orderId/saga',
    summary: 'Every event of one order across all topics, in causal order',
    async handle(req, res) {
      validateInput(emptyQuery, req.query);
      res.json(await orderSaga(deps, orderIdParam(req)));
    },
  }];
}

function orderIdParam(req: Request): string {
  const orderId = String(req.params.orderId);
  if (!ORDER_ID.test(orderId)) {
    throw new HttpProblemError(404, 'order-not-found', 'Order not found',
      `no order with id ${JSON.stringify(orderId)}`);
  }
  return orderId;
}

async function orderSaga(deps: AdminDeps, orderId: string) {
  const order = await readOrder(deps, orderId);
  const placedAt = order?.createdAt ? new Date(String(order.createdAt)) : null;
  const messages = await readOrderEvents(deps.kafka, orderId, placedAt,
    deps.config.MAX_SCAN_MESSAGES);
  if (messages.length === 0 && order === null) {
    throw new HttpProblemError(404, 'order-not-found', 'Order not found',
      `no event on any topic is keyed by ${JSON.stringify(orderId)}`);
  }
  const events: SagaEvent[] = await Promise.all(messages.map(async (message) => {
    const view = await viewMessage(deps.codec, message);
    return { eventId: message.headers.id ?? `${message.topic}/${message.partition}/` +
      `${message.offset}`, eventType: view.value?.eventType ?? message.headers.eventType ??
      'unknown', topic: message.topic, partition: message.partition, offset: message.offset,
      occurredAt: new Date(message.timestamp), causationId: message.headers.causationId ?? null,
      payload: view.value?.payload ?? null };
  }));
  const timeline = causalTimeline(events);
  return { orderId, order, waitingFor: waitingSteps(new Set(timeline.map((e) => e.eventType))),
    events: timeline.map((event) => ({ ...event, occurredAt: event.occurredAt.toISOString() })) };
}

/** The order as the orders service has it; null when it has none or cannot be asked. */
async function readOrder(deps: AdminDeps, orderId: string) {
  try {
    const answer = await deps.ops.publicCall('orders', `/orders/${encodeURIComponent(orderId)}`);
    return answer.status === 200 ? answer.body as Record<string, unknown> : null;
  } catch (error) {
    if (error instanceof DependencyUnavailableError) return null;
    throw error;
  }
}
