import { ValidationError } from '../../../../libs/errors/platform-error';
import { DeclineReason, NewPaymentIds, Payment, PaymentStatus, Wallet } from './payment';

export interface CaptureRequest {
  orderId: string;
  customerId: string;
  amountCents: number;
}

export type CaptureDecision =
  | { kind: 'already_decided'; status: PaymentStatus }
  | { kind: 'capture'; payment: Payment }
  | { kind: 'decline'; payment: Payment };

/**
 * Charges the wallet for a reserved order, from payments' own state alone. Any earlier payment
 * row of the order, a VOIDED marker included, means the order was decided already.
 */
export function decideCapture(
  request: CaptureRequest,
  existing: Payment | null,
  wallet: Wallet | null,
  ids: NewPaymentIds,
): CaptureDecision {
  if (!Number.isSafeInteger(request.amountCents) || request.amountCents < 0) {
    throw new ValidationError([{ field: 'amountCents', rule: 'must be a non-negative integer',
      value: request.amountCents }], { orderId: request.orderId });
  }

  if (existing) return { kind: 'already_decided', status: existing.status };
  if (!wallet) return { kind: 'decline', payment: declined(request, 'no_wallet', ids) };
  if (wallet.balanceCents < request.amountCents) {
    return { kind: 'decline', payment: declined(request, 'insufficient_funds', ids) };
  }
  return { kind: 'capture', payment: newPayment(request, 'CAPTURED', null, ids) };
}

function declined(request: CaptureRequest, reason: DeclineReason, ids: NewPaymentIds): Payment {
  return newPayment(request, 'DECLINED', reason, ids);
}

function newPayment(
  request: CaptureRequest,
  status: PaymentStatus,
  reason: DeclineReason | null,
  ids: NewPaymentIds,
): Payment {
  return {
    paymentId: ids.paymentId,
    orderId: request.orderId,
    customerId: request.customerId,
    amountCents: request.amountCents,
    status,
    reason,
    createdAt: ids.now,
    updatedAt: ids.now,
  };
}
