import { PoolClient } from 'pg';

/**
 * Empties the read model and forgets what the group applied (its inbox entries, parked events
 * and unfinished attempts), so a replay from offset 0 applies every event again. The group's
 * dead letters stay: they are the operators' record, and an open one keeps parking its key.
 */
export async function clearProjection(client: PoolClient, consumerGroup: string):
  Promise<void> {
  await client.query('truncate order_events, order_history, sales_by_sku_day');
  await client.query('delete from inbox where consumer_group = $1', [consumerGroup]);
  await client.query('delete from parked_events where consumer_group = $1', [consumerGroup]);
  await client.query('delete from consumer_attempts where consumer_group = $1', [consumerGroup]);
}
