import { PoolClient } from 'pg';

/**
 * Locks up to `limit` unsettled orders past their deadline; rows another sweeper holds are
 * skipped rather than waited for.
 */
export async function claimOverdueOrders(
  client: PoolClient,
  now: Date,
  limit: number,
): Promise<string[]> {
  const result = await client.query<{ order_id: string }>(
    `select order_id from orders
     where status in ('PENDING', 'RESERVED') and deadline_at < $1
     order by deadline_at
     limit $2
     for update skip locked`,
    [now, limit],
  );
  return result.rows.map((row) => row.order_id);
}
