import { PoolClient } from 'pg';
import { Order } from '../domain/order';

export async function insertOrder(client: PoolClient, order: Order): Promise<void> {
  await client.query(
    `insert into orders (order_id, customer_id, status, status_reason, total_cents,
       created_at, updated_at, deadline_at, traceparent)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [
      order.orderId,
      order.customerId,
      order.status,
      order.statusReason,
      order.totalCents,
      order.createdAt,
      order.updatedAt,
      order.deadlineAt,
      order.traceparent,
    ],
  );
  await client.query(
    `insert into order_lines (order_id, line_no, sku, quantity)
     select $1, line_no, sku, quantity
     from unnest($2::text[], $3::int[]) with ordinality as line(sku, quantity, line_no)`,
    [order.orderId, order.lines.map((line) => line.sku), order.lines.map((line) => line.quantity)],
  );
}
