import { Wallet } from './payment';

/** What the customer's payments have moved so far, in cents. */
export interface PaymentTotals {
  capturedCents: number;
  refundedCents: number;
}

/**
 * The wallet after PUT /wallets sets its balance. The funded amount is derived from the
 * payments so far, so funded = balance + captured - refunded holds from this moment on.
 */
export function fundWallet(
  customerId: string,
  balanceCents: number,
  totals: PaymentTotals,
): Wallet {
  return {
    customerId,
    balanceCents,
    fundedCents: balanceCents + totals.capturedCents - totals.refundedCents,
  };
}
