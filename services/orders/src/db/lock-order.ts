import { PoolClient } from 'pg';
import { Order } from '../domain/order';
import { findOrder } from './find-order';

/** Locks the order row for the rest of the transaction, then reads the whole order. */
export async function lockOrder(client: PoolClient, orderId: string): Promise<Order | null> {
  const locked = await client.query('select 1 from orders where order_id = $1 for update',
    [orderId]);
  if (locked.rowCount === 0) return null;
  return findOrder(client, orderId);
}
