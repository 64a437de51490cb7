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

/** The order's columns and its lines in line order, as one row of `orders o`. */
const ORDER_COLUMNS = `o.order_id, o.customer_id, o.status, o.status_reason, o.total_cents,
  o.created_at, o.updated_at, o.deadline_at, o.traceparent,
  (select coalesce(json_agg(json_build_object('sku', l.sku, 'quantity', l.quantity)
                            order by l.line_no), '[]')
   from order_lines l
   where l.order_id = o.order_id) as lines`;

export async function findOrder(db: Pool | PoolClient, orderId: string): Promise<Order | null> {
  const result = await db.query<OrderRow>(
    `select ${ORDER_COLUMNS} from orders o where o.order_id = $1`, [orderId]);
  const row = result.rows[0];
  return row ? toOrder(row) : null;
}

/**
 * Locks the order row until the transaction ends and reads the whole order, in one round trip.
 * The lines come from the statement's snapshot, not the locked row's newest version; they are
 * written with the order and never change, so they are the locked order's lines.
 */
export async function lockOrder(client: PoolClient, orderId: string): Promise<Order | null> {
  const result = await client.query<OrderRow>(
    `select ${ORDER_COLUMNS} from orders o where o.order_id = $1 for update of o`, [orderId]);
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
