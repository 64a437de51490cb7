import {
  EventHandler,
  EventHandlers,
  HandlerContext,
} from '../../../../libs/consumer/event-consumer';
import { EVENT_TOPICS, EventType } from '../../../../libs/schemas/event-catalog';
import { foldOrderHistory, HistoryEvent } from '../domain/fold-order-history';
import { salesChange } from '../domain/sales-change';
import { applySalesDeltas } from '../db/apply-sales-deltas';
import { lockOrderHistory } from '../db/lock-order-history';
import { findOrderEvents, insertOrderEvent } from '../db/order-events';
import { upsertOrderHistory } from '../db/upsert-order-history';

/**
 * Adds one event to its order's history and folds the history again from all the order's
 * events; the sales of the order change by the difference between the two folds.
 */
export const projectOrderEvent: EventHandler = async ({ client, event }: HandlerContext) => {
  const orderId = String(event.payload.orderId ?? event.key);
  const fresh: HistoryEvent = { eventId: event.eventId, eventType: event.eventType,
    occurredAt: event.occurredAt, payload: JSON.parse(JSON.stringify(event.payload)) };

  await lockOrderHistory(client, orderId);
  const earlier = await findOrderEvents(client, orderId);
  if (earlier.some((known) => known.eventId === fresh.eventId)) return 'already_projected';

  const before = foldOrderHistory(orderId, earlier);
  const after = foldOrderHistory(orderId, [...earlier, fresh])!;
  await insertOrderEvent(client, orderId, fresh);
  await upsertOrderHistory(client, after);
  await applySalesDeltas(client, salesChange(before, after));
  return 'projected';
};

/** Every event type of the three topics goes into the order's history. */
export const projectionHandlers: EventHandlers = Object.fromEntries(
  (Object.keys(EVENT_TOPICS) as EventType[]).map((eventType) => [eventType, projectOrderEvent]),
);
