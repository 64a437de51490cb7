import { Pool } from 'pg';

/** Unsettled orders whose deadline has passed: the ones the deadline sweeper has not cancelled. */
export async function countOverdueOrders(pool: Pool, now: Date): Promise<number> {
  const result = await pool.query<{ overdue: string }>(
    `select count(*) as overdue from orders
     where status in ('PENDING', 'RESERVED') and deadline_at < $1`,
    [now],
  );
  return Number(result.rows[0]?.overdue ?? 0);
}
