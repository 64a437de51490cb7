import { PoolClient } from 'pg';
import { Payment } from '../domain/payment';
import { PaymentError } from '../domain/payment-error';
import { insertCapturedPayment, insertPayment } from '../db/insert-payment';

/**
 * Inserts the order's payment after the lock found none; a captured one takes its amount off
 * the wallet in the same statement. An event on the other topic (a StockReserved against an
 * OrderCancelled) may have inserted one since; a retry re-reads that row and decides from it.
 */
export async function insertFirstPayment(
  client: PoolClient,
  payment: Payment,
  eventId: string,
): Promise<void> {
  const insert = payment.status === 'CAPTURED' ? insertCapturedPayment : insertPayment;
  if (await insert(client, payment)) return;
  throw new PaymentError('payment_decided_concurrently',
    'another event decided the payment of this order first', {
      retriable: true,
      context: { orderId: payment.orderId, eventId },
    });
}
