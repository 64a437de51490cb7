import { PoolClient } from 'pg';
import { Order } from '../domain/order';

export async function updateOrderStatus(
  client: PoolClient,
  orderId: string,
  change: {
    status: Order['status'];
    statusReason: Order['statusReason'];
    totalCents: number | null;
  },
  now: Date,
): Promise<void> {
  await client.query(
    `update orders set status = $2, status_reason = $3, total_cents = $4, updated_at = $5
     where order_id = $1`,
    [orderId, change.status, change.statusReason, change.totalCents, now],
  );
}
