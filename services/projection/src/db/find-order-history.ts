import { Pool } from 'pg';

export interface OrderHistoryRow {
  order_id: string;
  customer_id: string | null;
  status: string;
  status_reason: string | null;
  total_cents: string | null;
  reserved_cents: string | null;
  captured_cents: string;
  refunded_cents: string;
  event_count: number;
  first_event_at: Date;
  last_event_at: Date;
  last_event_type: string;
  placed_at: Date | null;
  settled_at: Date | null;
  sales_day: string | null;
}

export const ORDER_HISTORY_COLUMNS = `order_id, customer_id, status, status_reason, total_cents,
  reserved_cents, captured_cents, refunded_cents, event_count, first_event_at, last_event_at,
  last_event_type, placed_at, settled_at, to_char(sales_day, 'YYYY-MM-DD') as sales_day`;

export async function findOrderHistory(pool: Pool, orderId: string):
  Promise<OrderHistoryRow | null> {
  const result = await pool.query<OrderHistoryRow>(
    `select ${ORDER_HISTORY_COLUMNS} from order_history where order_id = $1`,
    [orderId],
  );
  return result.rows[0] ?? null;
}
