import {
  EventHandler,
  EventHandlers,
  HandlerContext,
} from '../../../../libs/consumer/event-consumer';
import { Order } from '../domain/order';
import {
  Decision,
  onPaymentCaptured,
  onPaymentDeclined,
  onStockRejected,
  onStockReserved,
} from '../domain/order-transitions';
import { applyOrderDecision } from '../db/apply-order-decision';
import { lockOrder } from '../db/find-order';

interface OrderEventPayload {
  orderId: string;
  amountCents?: number;
}

type Decide = (order: Order, payload: OrderEventPayload, now: Date) => Decision;

/** Locks the order, decides from its state alone, and writes the decision. */
function orderHandler(decide: Decide): EventHandler {
  return async ({ client, event, emit, log }: HandlerContext<OrderEventPayload>) => {
    const order = await lockOrder(client, event.payload.orderId);
    if (!order) {
      log.warn({ orderId: event.payload.orderId }, 'event for an unknown order ignored');
      return 'unknown_order';
    }
    const now = new Date();
    const outcome = await applyOrderDecision(client, order, decide(order, event.payload, now),
      emit, now);
    log.info({ orderId: order.orderId, eventType: event.eventType, outcome }, 'order saga step');
    return outcome;
  };
}

export const orderSagaHandlers: EventHandlers = {
  StockReserved: orderHandler((order, payload) => onStockReserved(order, payload.amountCents!)),
  StockRejected: orderHandler((order, _payload, now) => onStockRejected(order, now)),
  PaymentCaptured: orderHandler((order, payload, now) =>
    onPaymentCaptured(order, payload.amountCents!, now)),
  PaymentDeclined: orderHandler((order, _payload, now) => onPaymentDeclined(order, now)),
};
