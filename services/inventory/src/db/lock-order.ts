import { PoolClient } from 'pg';

/**
 * Serialises inventory's handlers for one order until the transaction ends. It also covers
 * the moment before a reservation row exists, when there is no row to lock: an OrderPlaced and
 * an OrderCancelled applied at once would otherwise both insert one.
 */
export async function lockOrder(client: PoolClient, orderId: string): Promise<void> {
  await client.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [orderId]);
}
