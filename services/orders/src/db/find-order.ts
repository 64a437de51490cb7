import { Pool, PoolClient } from 'pg';
import { Order } from '../domain/order';

interface OrderRow {
  order_id: string;
  customer_id: string;
  status: Order['status'];
  status_reason: Order['statusReason'];
  total_cents: string | null;
  created_at: Date;
  updated_at: Date;
  deadline_at: Date;
  traceparent: string | null;
  lines: { sku: string; quantity: number }[];
}

export async function findOrder(db: Pool | PoolClient, orderId: string): Promise<Order | null> {
  const result = await db.query<OrderRow>(
    `select o.order_id, o.customer_id, o.status, o.status_reason, o.total_cents,
            o.created_at, o.updated_at, o.deadline_at, o.traceparent,
            coalesce(json_agg(json_build_object('sku', l.sku, 'quantity', l.quantity)
                              order by l.line_no) filter (where l.order_id is not null),
                     '[]') as lines
     from orders o
     left join order_lines l on l.order_id = o.order_id
     where o.order_id = $1
     group by o.order_id`,
    [orderId],
  );
  const row = result.rows[0];
  return row ? toOrder(row) : null;
}

function toOrder(row: OrderRow): Order {
  return {
    orderId: row.order_id,
    customerId: row.customer_id,
    status: row.status,
    statusReason: row.status_reason,
    lines: row.lines,
    totalCents: row.total_cents === null ? null : Number(row.total_cents),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    deadlineAt: row.deadline_at,
    traceparent: row.traceparent,
  };
}
