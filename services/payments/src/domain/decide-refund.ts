import { NewPaymentIds, Payment, PaymentStatus, Refund } from './payment';

export type RefundDecision =
  | { kind: 'refund'; payment: Payment; refund: Refund }
  | { kind: 'void'; marker: Payment }
  | { kind: 'nothing_to_refund'; status: PaymentStatus };

/**
 * Compensates a cancelled order. A captured payment is given back in full; an order with no
 * payment yet gets a VOIDED marker, because the cancel overtook StockReserved (they travel on
 * different topics) and the late StockReserved must then charge nothing.
 */
export function decideRefund(
  orderId: string,
  existing: Payment | null,
  ids: NewPaymentIds,
): RefundDecision {
  if (!existing) return { kind: 'void', marker: voidedMarker(orderId, ids) };
  if (existing.status !== 'CAPTURED') return { kind: 'nothing_to_refund', status: existing.status };

  return {
    kind: 'refund',
    payment: { ...existing, status: 'REFUNDED', updatedAt: ids.now },
    refund: { paymentId: existing.paymentId, amountCents: existing.amountCents,
      refundedAt: ids.now },
  };
}

function voidedMarker(orderId: string, ids: NewPaymentIds): Payment {
  return {
    paymentId: ids.paymentId,
    orderId,
    customerId: null,
    amountCents: 0,
    status: 'VOIDED',
    reason: null,
    createdAt: ids.now,
    updatedAt: ids.now,
  };
}
