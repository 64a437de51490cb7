import { CancellationReason, Order, OrderStatus } from './order';

/** What the orders service emits when an order settles or changes course. */
export type OrderEvent =
  | { eventType: 'OrderConfirmed'; payload: { orderId: string; totalCents: number;
      confirmedAt: Date } }
  | { eventType: 'OrderRejected'; payload: { orderId: string; reason: 'out_of_stock';
      rejectedAt: Date } }
  | { eventType: 'OrderCancelled'; payload: { orderId: string; reason: CancellationReason;
      wasConfirmed: boolean; cancelledAt: Date } };

export type Transition = {
  kind: 'transition';
  outcome: 'reserved' | 'confirmed' | 'rejected' | 'cancelled';
  status: OrderStatus;
  statusReason: Order['statusReason'];
  totalCents: number | null;
  event: OrderEvent | null;
};

/** A recorded no-op: the event came late, twice, or for a step this order already passed. */
export type NoOp = { kind: 'no_op'; outcome: 'already_settled' | 'already_past_reservation' };

export type Decision = Transition | NoOp;

const SETTLED: OrderStatus[] = ['CONFIRMED', 'REJECTED', 'CANCELLED'];

export function isSettled(status: OrderStatus): boolean {
  return SETTLED.includes(status);
}

export function onStockReserved(order: Order, amountCents: number): Decision {
  if (order.status !== 'PENDING') return { kind: 'no_op', outcome: 'already_past_reservation' };
  return { kind: 'transition', outcome: 'reserved', status: 'RESERVED', statusReason: null,
    totalCents: amountCents, event: null };
}

export function onStockRejected(order: Order, now: Date): Decision {
  if (isSettled(order.status)) return { kind: 'no_op', outcome: 'already_settled' };
  return { kind: 'transition', outcome: 'rejected', status: 'REJECTED',
    statusReason: 'out_of_stock', totalCents: null, event: { eventType: 'OrderRejected',
      payload: { orderId: order.orderId, reason: 'out_of_stock', rejectedAt: now } } };
}

/** The capture may overtake StockReserved (another topic), so PENDING confirms too. */
export function onPaymentCaptured(order: Order, amountCents: number, now: Date): Decision {
  if (isSettled(order.status)) return { kind: 'no_op', outcome: 'already_settled' };
  return { kind: 'transition', outcome: 'confirmed', status: 'CONFIRMED', statusReason: null,
    totalCents: amountCents, event: { eventType: 'OrderConfirmed',
      payload: { orderId: order.orderId, totalCents: amountCents, confirmedAt: now } } };
}

export function onPaymentDeclined(order: Order, now: Date): Decision {
  if (isSettled(order.status)) return { kind: 'no_op', outcome: 'already_settled' };
  return cancel(order, 'payment_declined', now);
}

export type CustomerCancel = Transition | { kind: 'refused'; status: OrderStatus };

/** A customer may cancel until the order is rejected or cancelled, even once confirmed. */
export function cancelByCustomer(order: Order, now: Date): CustomerCancel {
  if (order.status === 'REJECTED' || order.status === 'CANCELLED') {
    return { kind: 'refused', status: order.status };
  }
  return cancel(order, 'customer', now);
}

export function timeOut(order: Order, now: Date): Decision {
  if (isSettled(order.status)) return { kind: 'no_op', outcome: 'already_settled' };
  return cancel(order, 'timed_out', now);
}

function cancel(order: Order, reason: CancellationReason, now: Date): Transition {
  return { kind: 'transition', outcome: 'cancelled', status: 'CANCELLED', statusReason: reason,
    totalCents: order.totalCents, event: { eventType: 'OrderCancelled', payload: {
      orderId: order.orderId, reason, wasConfirmed: order.status === 'CONFIRMED',
      cancelledAt: now } } };
}
