import { randomUUID } from 'node:crypto';
import { HandlerContext } from '../../../../libs/consumer/event-consumer';
import { decideRefund } from '../domain/decide-refund';
import { Payment, Refund } from '../domain/payment';
import { PaymentError } from '../domain/payment-error';
import { OrderCancelledPayload, paymentRefundedPayload } from '../domain/payment-events';
import { creditWallet } from '../db/credit-wallet';
import { insertRefund } from '../db/insert-refund';
import { lockPaymentOfOrder } from '../db/lock-payment-of-order';
import { lockWallet } from '../db/lock-wallet';
import { markPaymentRefunded } from '../db/mark-payment-refunded';
import { insertFirstPayment } from './insert-first-payment';

export type RefundOutcome = 'refunded' | 'voided_before_capture' | 'nothing_to_refund';

/**
 * OrderCancelled: gives a captured payment back to the wallet, or marks an order that was not
 * charged yet as VOIDED so that it never is. Anything else is a recorded no-op.
 */
export async function refundPayment(
  context: HandlerContext<OrderCancelledPayload>,
): Promise<RefundOutcome> {
  const { client, event, log } = context;
  const { orderId } = event.payload;

  const existing = await lockPaymentOfOrder(client, orderId);
  const decision = decideRefund(orderId, existing, { paymentId: randomUUID(), now: new Date() });

  if (decision.kind === 'nothing_to_refund') {
    log.info({ orderId, status: decision.status }, 'nothing to refund');
    return 'nothing_to_refund';
  }
  if (decision.kind === 'void') {
    await insertFirstPayment(client, decision.marker, event.eventId);
    log.info({ orderId, paymentId: decision.marker.paymentId }, 'payment voided before capture');
    return 'voided_before_capture';
  }
  await giveBack(context, decision.payment, decision.refund);
  log.info({ orderId, paymentId: decision.payment.paymentId }, 'payment refunded');
  return 'refunded';
}

async function giveBack(
  context: Pick<HandlerContext, 'client' | 'emit'>,
  payment: Payment,
  refund: Refund,
): Promise<void> {
  const { client, emit } = context;
  const customerId = payment.customerId!;
  if (!(await lockWallet(client, customerId))) {
    throw new PaymentError('wallet_missing', 'the wallet of a captured payment is missing', {
      context: { orderId: payment.orderId, paymentId: payment.paymentId },
    });
  }

  await creditWallet(client, customerId, refund.amountCents);
  await markPaymentRefunded(client, payment.orderId, refund.refundedAt);
  await insertRefund(client, refund);
  await emit('PaymentRefunded', paymentRefundedPayload(payment));
}
