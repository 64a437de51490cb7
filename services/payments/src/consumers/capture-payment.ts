import { randomUUID } from 'node:crypto';
import { HandlerContext } from '../../../../libs/consumer/event-consumer';
import { decideCapture } from '../domain/decide-capture';
import {
  paymentCapturedPayload,
  paymentDeclinedPayload,
  StockReservedPayload,
} from '../domain/payment-events';
import { lockPaymentOfOrder } from '../db/lock-payment-of-order';
import { lockWallet } from '../db/lock-wallet';
import { insertFirstPayment } from './insert-first-payment';

export type CaptureOutcome = 'captured' | 'declined' | 'already_decided';

/**
 * StockReserved: charges the customer's wallet once per order. Locks the order's payment, then
 * the wallet (the same order as a refund, so the two never deadlock).
 */
export async function capturePayment(
  context: HandlerContext<StockReservedPayload>,
): Promise<CaptureOutcome> {
  const { client, event, emit, log } = context;
  const { orderId, customerId, amountCents } = event.payload;

  const existing = await lockPaymentOfOrder(client, orderId);
  const wallet = existing ? null : await lockWallet(client, customerId);
  const decision = decideCapture({ orderId, customerId, amountCents }, existing, wallet,
    { paymentId: randomUUID(), now: new Date() });

  if (decision.kind === 'already_decided') {
    log.info({ orderId, status: decision.status }, 'payment already decided; nothing charged');
    return 'already_decided';
  }
  await insertFirstPayment(client, decision.payment, event.eventId);
  if (decision.kind === 'capture') {
    await emit('PaymentCaptured', paymentCapturedPayload(decision.payment));
    log.info({ orderId, paymentId: decision.payment.paymentId }, 'payment captured');
    return 'captured';
  }
  await emit('PaymentDeclined', paymentDeclinedPayload(decision.payment));
  log.info({ orderId, reason: decision.payment.reason }, 'payment declined');
  return 'declined';
}
