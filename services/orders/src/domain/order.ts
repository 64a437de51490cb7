/** The states of an order; the last three are settled. */
export type OrderStatus = 'PENDING' | 'RESERVED' | 'CONFIRMED' | 'REJECTED' | 'CANCELLED';

export type RejectionReason = 'out_of_stock';
export type CancellationReason = 'payment_declined' | 'customer' | 'timed_out';

export interface OrderLine {
  sku: string;
  quantity: number;
}

export interface Order {
  orderId: string;
  customerId: string;
  status: OrderStatus;
  statusReason: RejectionReason | CancellationReason | null;
  lines: OrderLine[];
  totalCents: number | null;
  createdAt: Date;
  updatedAt: Date;
  deadlineAt: Date;
  /** W3C traceparent of the request that placed the order. */
  traceparent: string | null;
}

export interface OrderRequest {
  customerId: string;
  lines: OrderLine[];
}

/** A new order: pending until inventory answers, settled by its deadline at the latest. */
export function newOrder(
  orderId: string,
  request: OrderRequest,
  now: Date,
  deadlineMs: number,
  traceparent: string | null,
): Order {
  return {
    orderId,
    customerId: request.customerId,
    status: 'PENDING',
    statusReason: null,
    lines: request.lines.map((line) => ({ sku: line.sku, quantity: line.quantity })),
    totalCents: null,
    createdAt: now,
    updatedAt: now,
    deadlineAt: new Date(now.getTime() + deadlineMs),
    traceparent,
  };
}

export interface OrderPlacedPayload {
  orderId: string;
  customerId: string;
  lines: OrderLine[];
  placedAt: Date;
  /** Where the order was placed; the HTTP API is the only channel so far. */
  channel: 'api';
}

export function orderPlacedPayload(order: Order): OrderPlacedPayload {
  return {
    orderId: order.orderId,
    customerId: order.customerId,
    lines: order.lines,
    placedAt: order.createdAt,
    channel: 'api',
  };
}
