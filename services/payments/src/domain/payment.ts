/** VOIDED marks an order cancelled before any charge; it is never charged afterwards. */
export type PaymentStatus = 'CAPTURED' | 'DECLINED' | 'REFUNDED' | 'VOIDED';

export type DeclineReason = 'insufficient_funds' | 'no_wallet';

/** The one payment of an order. */
export interface Payment {
  paymentId: string;
  orderId: string;
  /** Null only for a VOIDED marker: the cancel that made it does not name the customer. */
  customerId: string | null;
  amountCents: number;
  status: PaymentStatus;
  reason: DeclineReason | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface Refund {
  paymentId: string;
  amountCents: number;
  refundedAt: Date;
}

export interface Wallet {
  customerId: string;
  balanceCents: number;
  /** Money put in through PUT /wallets: always balance + captured - refunded. */
  fundedCents: number;
}

/** What a new payment row is given from outside the domain: its id and the clock. */
export interface NewPaymentIds {
  paymentId: string;
  now: Date;
}
