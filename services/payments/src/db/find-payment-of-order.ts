import { Pool } from 'pg';
import { Payment } from '../domain/payment';
import { PAYMENT_COLUMNS, PaymentRow, toPayment } from './payment-row';

export interface PaymentWithRefund {
  payment: Payment;
  refundedCents: number;
}

/** The order's payment with what was refunded of it (0 when nothing was). */
export async function findPaymentOfOrder(
  pool: Pool,
  orderId: string,
): Promise<PaymentWithRefund | null> {
  const result = await pool.query<PaymentRow & { refunded_cents: string }>(
    `select ${PAYMENT_COLUMNS}, coalesce(r.amount_cents, 0) as refunded_cents
     from payments p
     left join refunds r on r.payment_id = p.payment_id
     where p.order_id = $1`,
    [orderId],
  );
  const row = result.rows[0];
  return row ? { payment: toPayment(row), refundedCents: Number(row.refunded_cents) } : null;
}
