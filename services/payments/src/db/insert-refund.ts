import { PoolClient } from 'pg';
import { Refund } from '../domain/payment';

/** One refund per payment: a second insert fails on the payment id, the natural key. */
export async function insertRefund(client: PoolClient, refund: Refund): Promise<void> {
  await client.query(
    `insert into refunds (payment_id, amount_cents, refunded_at)
     values ($1, $2, $3)`,
    [refund.paymentId, refund.amountCents, refund.refundedAt],
  );
}
