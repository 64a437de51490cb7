import { Payment } from './payment';

/** StockReserved as payments reads it: the order is priced and every line is held. */
export interface StockReservedPayload {
  orderId: string;
  customerId: string;
  lines: { sku: string; quantity: number; unitPriceCents: number }[];
  amountCents: number;
}

export interface OrderCancelledPayload {
  orderId: string;
  reason: string;
  wasConfirmed: boolean;
  cancelledAt: Date;
}

export function paymentCapturedPayload(payment: Payment) {
  return { orderId: payment.orderId, paymentId: payment.paymentId,
    amountCents: payment.amountCents };
}

export function paymentDeclinedPayload(payment: Payment) {
  return { orderId: payment.orderId, reason: payment.reason };
}

export function paymentRefundedPayload(payment: Payment) {
  return { orderId: payment.orderId, paymentId: payment.paymentId,
    amountCents: payment.amountCents };
}
