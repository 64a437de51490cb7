import { PoolClient } from 'pg';

/**
 * Serialises the events of one order for the rest of the transaction: its events arrive on
 * three topics, and two of them may be applied at once by different partitions.
 */
export async function lockOrderHistory(client: PoolClient, orderId: string): Promise<void> {
  await client.query('select pg_advisory_xact_lock(hashtextextended($1, 0))', [orderId]);
}
