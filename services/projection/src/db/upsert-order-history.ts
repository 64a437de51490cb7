import { PoolClient } from 'pg';
import { OrderHistory } from '../domain/fold-order-history';

export async function upsertOrderHistory(client: PoolClient, history: OrderHistory):
  Promise<void> {
  await client.query(
    `insert into order_history (order_id, customer_id, status, status_reason, total_cents,
       reserved_cents, captured_cents, refunded_cents, event_count, first_event_at,
       last_event_at, last_event_type, placed_at, settled_at, sales_day)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
     on conflict (order_id) do update set
       customer_id = excluded.customer_id, status = excluded.status,
       status_reason = excluded.status_reason, total_cents = excluded.total_cents,
       reserved_cents = excluded.reserved_cents, captured_cents = excluded.captured_cents,
       refunded_cents = excluded.refunded_cents, event_count = excluded.event_count,
       first_event_at = excluded.first_event_at, last_event_at = excluded.last_event_at,
       last_event_type = excluded.last_event_type, placed_at = excluded.placed_at,
       settled_at = excluded.settled_at, sales_day = excluded.sales_day`,
    [history.orderId, history.customerId, history.status, history.statusReason,
      history.totalCents, history.reservedCents, history.capturedCents, history.refundedCents,
      history.eventCount, history.firstEventAt, history.lastEventAt, history.lastEventType,
      history.placedAt, history.settledAt, history.salesDay],
  );
}
