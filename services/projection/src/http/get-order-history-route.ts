import { Request, Response } from 'express';
import { Pool } from 'pg';
import { HttpProblemError } from '../../../../libs/http/error-handler';
import { findOrderHistory, OrderHistoryRow } from '../db/find-order-history';

/** GET /order-history/:orderId: the order as the projection saw it in the events. */
export function getOrderHistoryRoute(pool: Pool) {
  return async (req: Request, res: Response) => {
    const orderId = String(req.params.orderId);
    const row = orderId.length <= 200 ? await findOrderHistory(pool, orderId) : null;
    if (!row) {
      throw new HttpProblemError(404, 'order-history-not-found', 'Order history not found',
        `the projection holds no event of order ${JSON.stringify(orderId)}`);
    }
    res.json(orderHistoryView(row));
  };
}

function orderHistoryView(row: OrderHistoryRow) {
  const cents = (value: string | null) => (value === null ? null : Number(value));
  return {
    orderId: row.order_id,
    customerId: row.customer_id,
    status: row.status,
    statusReason: row.status_reason,
    totalCents: cents(row.total_cents),
    reservedCents: cents(row.reserved_cents),
    capturedCents: Number(row.captured_cents),
    refundedCents: Number(row.refunded_cents),
    eventCount: row.event_count,
    firstEventAt: row.first_event_at.toISOString(),
    lastEventAt: row.last_event_at.toISOString(),
    lastEventType: row.last_event_type,
    placedAt: row.placed_at?.toISOString() ?? null,
    settledAt: row.settled_at?.toISOString() ?? null,
    salesDay: row.sales_day,
  };
}
