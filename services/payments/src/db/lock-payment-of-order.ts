import { PoolClient } from 'pg';
import { Payment } from '../domain/payment';
import { PAYMENT_COLUMNS, PaymentRow, toPayment } from './payment-row';

/** The order's payment, locked until the transaction ends; null when there is none yet. */
export async function lockPaymentOfOrder(
  client: PoolClient,
  orderId: string,
): Promise<Payment | null> {
  const result = await client.query<PaymentRow>(
    `select ${PAYMENT_COLUMNS}
     from payments p
     where p.order_id = $1
     for update`,
    [orderId],
  );
  const row = result.rows[0];
  return row ? toPayment(row) : null;
}
