import { PoolClient } from 'pg';
import { PaymentTotals } from '../domain/fund-wallet';

/**
 * What the customer was charged (captured, including payments refunded since) and given back,
 * over all of the customer's payments.
 */
export async function sumCustomerPayments(
  client: PoolClient,
  customerId: string,
): Promise<PaymentTotals> {
  const result = await client.query<{ captured_cents: string; refunded_cents: string }>(
    `select coalesce(sum(p.amount_cents) filter (where p.status in ('CAPTURED', 'REFUNDED')), 0)
              as captured_cents,
            coalesce(sum(r.amount_cents), 0) as refunded_cents
     from payments p
     left join refunds r on r.payment_id = p.payment_id
     where p.customer_id = $1`,
    [customerId],
  );
  const row = result.rows[0]!;
  return { capturedCents: Number(row.captured_cents), refundedCents: Number(row.refunded_cents) };
}
