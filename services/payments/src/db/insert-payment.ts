import { PoolClient } from 'pg';
import { Payment } from '../domain/payment';

/**
 * Inserts the order's one payment. False means another transaction inserted a payment for the
 * order first (the order id is the natural key); nothing was written.
 */
export async function insertPayment(client: PoolClient, payment: Payment): Promise<boolean> {
  const result = await client.query(
    `insert into payments (order_id, payment_id, customer_id, amount_cents, status,
       decline_reason, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8)
     on conflict (order_id) do nothing`,
    [
      payment.orderId,
      payment.paymentId,
      payment.customerId,
      payment.amountCents,
      payment.status,
      payment.reason,
      payment.createdAt,
      payment.updatedAt,
    ],
  );
  return result.rowCount === 1;
}
