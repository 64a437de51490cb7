import { randomUUID } from 'node:crypto';
import { ValidationError } from '../../libs/errors/platform-error';
import { decideCapture } from '../../services/payments/src/domain/decide-capture';
import { decideRefund } from '../../services/payments/src/domain/decide-refund';
import { fundWallet } from '../../services/payments/src/domain/fund-wallet';
import { Payment, PaymentStatus, Wallet } from '../../services/payments/src/domain/payment';

const now = new Date('2026-01-02T03:04:05.000Z');
const ids = () => ({ paymentId: randomUUID(), now });
const request = { orderId: 'order-1', customerId: 'customer-1', amountCents: 2500 };
const wallet = (balanceCents: number): Wallet =>
  ({ customerId: 'customer-1', balanceCents, fundedCents: balanceCents });

function payment(status: PaymentStatus): Payment {
  return { paymentId: randomUUID(), orderId: 'order-1', customerId: 'customer-1',
    amountCents: 2500, status, reason: status === 'DECLINED' ? 'insufficient_funds' : null,
    createdAt: now, updatedAt: now };
}

describe('deciding a capture', () => {
  it('captures the amount when the balance covers it exactly', () => {
    const fresh = ids();
    expect(decideCapture(request, null, wallet(2500), fresh)).toEqual({
      kind: 'capture',
      payment: { paymentId: fresh.paymentId, orderId: 'order-1', customerId: 'customer-1',
        amountCents: 2500, status: 'CAPTURED', reason: null, createdAt: now, updatedAt: now },
    });
  });

  it('declines with insufficient_funds when the balance is one cent short', () => {
    const decision = decideCapture(request, null, wallet(2499), ids());
    expect(decision).toMatchObject({ kind: 'decline',
      payment: { status: 'DECLINED', reason: 'insufficient_funds', amountCents: 2500 } });
  });

  it('declines with no_wallet when the customer has no wallet', () => {
    const decision = decideCapture(request, null, null, ids());
    expect(decision).toMatchObject({ kind: 'decline',
      payment: { status: 'DECLINED', reason: 'no_wallet' } });
  });

  it.each<PaymentStatus>(['CAPTURED', 'DECLINED', 'REFUNDED', 'VOIDED'])(
    'charges nothing when the order already has a %s payment', (status) => {
      expect(decideCapture(request, payment(status), wallet(1_000_000), ids()))
        .toEqual({ kind: 'already_decided', status });
    });

  it.each([-1, 1.5, Number.NaN])('refuses an amount of %p, naming the field', (amountCents) => {
    expect(() => decideCapture({ ...request, amountCents }, null, wallet(10), ids()))
      .toThrow(ValidationError);
    expect(() => decideCapture({ ...request, amountCents }, null, wallet(10), ids()))
      .toThrow(/amountCents must be a non-negative integer/);
  });
});

describe('deciding a refund for a cancelled order', () => {
  it('refunds the full amount of a captured payment and marks it REFUNDED', () => {
    const captured = payment('CAPTURED');
    expect(decideRefund('order-1', captured, ids())).toEqual({
      kind: 'refund',
      payment: { ...captured, status: 'REFUNDED', updatedAt: now },
      refund: { paymentId: captured.paymentId, amountCents: 2500, refundedAt: now },
    });
  });

  it('voids an order that has no payment yet, with nothing charged and no customer', () => {
    const fresh = ids();
    expect(decideRefund('order-1', null, fresh)).toEqual({
      kind: 'void',
      marker: { paymentId: fresh.paymentId, orderId: 'order-1', customerId: null, amountCents: 0,
        status: 'VOIDED', reason: null, createdAt: now, updatedAt: now },
    });
  });

  it.each<PaymentStatus>(['DECLINED', 'REFUNDED', 'VOIDED'])(
    'has nothing to refund for a %s payment', (status) => {
      expect(decideRefund('order-1', payment(status), ids()))
        .toEqual({ kind: 'nothing_to_refund', status });
    });
});

describe('funding a wallet', () => {
  it('derives the funded amount so that funded = balance + captured - refunded', () => {
    expect(fundWallet('customer-1', 7000, { capturedCents: 4000, refundedCents: 1500 }))
      .toEqual({ customerId: 'customer-1', balanceCents: 7000, fundedCents: 9500 });
  });

  it('funds exactly the balance for a customer without payments', () => {
    expect(fundWallet('customer-1', 50000, { capturedCents: 0, refundedCents: 0 }).fundedCents)
      .toBe(50000);
  });
});
