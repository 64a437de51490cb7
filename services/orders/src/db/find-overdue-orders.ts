import { Pool } from 'pg';

export interface OverdueOrder {
  orderId: string;
  customerId: string;
  status: string;
  createdAt: Date;
  deadlineAt: Date;
}

/**
 * Unsettled orders whose deadline is before `at`, oldest deadline first. Reads without
 * locking, so a row the deadline sweeper holds is listed too: it is still overdue.
 */
export async function findOverdueOrders(pool: Pool, at: Date, limit: number):
  Promise<OverdueOrder[]> {
  const result = await pool.query<{ order_id: string; customer_id: string; status: string;
    created_at: Date; deadline_at: Date }>(
    `select order_id, customer_id, status, created_at, deadline_at from orders
     where status in ('PENDING', 'RESERVED') and deadline_at < $1
     order by deadline_at
     limit $2`,
    [at, limit],
  );
  return result.rows.map((row) => ({ orderId: row.order_id, customerId: row.customer_id,
    status: row.status, createdAt: row.created_at, deadlineAt: row.deadline_at }));
}
