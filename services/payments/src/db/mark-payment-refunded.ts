import { PoolClient } from 'pg';

export async function markPaymentRefunded(
  client: PoolClient,
  orderId: string,
  refundedAt: Date,
): Promise<void> {
  await client.query(
    `update payments
     set status = 'REFUNDED', updated_at = $2
     where order_id = $1 and status = 'CAPTURED'`,
    [orderId, refundedAt],
  );
}
