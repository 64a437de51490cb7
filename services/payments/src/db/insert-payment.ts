import { PoolClient } from 'pg';
import { Payment } from '../domain/payment';

const INSERT_PAYMENT = `insert into payments (order_id, payment_id, customer_id, amount_cents,
    status, decline_reason, created_at, updated_at)
  values ($1, $2, $3, $4, $5, $6, $7, $8)
  on conflict (order_id) do nothing`;

/**
 * Inserts the order's one payment. False means another transaction inserted a payment for the
 * order first (the order id is the natural key); nothing was written.
 */
export async function insertPayment(client: PoolClient, payment: Payment): Promise<boolean> {
  const result = await client.query(INSERT_PAYMENT, paymentValues(payment));
  return result.rowCount === 1;
}

/**
 * Inserts the order's captured payment and takes its amount off the customer's wallet, in one
 * statement; the caller holds the wallet's lock and has checked the balance. False means
 * another transaction inserted a payment for the order first: nothing was written. (A
 * missing wallet would also give false, but a capture is only decided on a locked wallet.)
 */
export async function insertCapturedPayment(client: PoolClient, payment: Payment):
  Promise<boolean> {
  const result = await client.query(
    `with payment as (${INSERT_PAYMENT} returning customer_id, amount_cents)
     update wallets w
     set balance_cents = w.balance_cents - payment.amount_cents, updated_at = now()
     from payment
     where w.customer_id = payment.customer_id`,
    paymentValues(payment),
  );
  return result.rowCount === 1;
}

function paymentValues(payment: Payment): unknown[] {
  return [
    payment.orderId,
    payment.paymentId,
    payment.customerId,
    payment.amountCents,
    payment.status,
    payment.reason,
    payment.createdAt,
    payment.updatedAt,
  ];
}
