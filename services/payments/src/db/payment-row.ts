import { DeclineReason, Payment, PaymentStatus } from '../domain/payment';

/** The columns every payment query selects, in the order toPayment reads them. */
export const PAYMENT_COLUMNS = `p.payment_id, p.order_id, p.customer_id, p.amount_cents, p.status,
  p.decline_reason, p.created_at, p.updated_at`;

export interface PaymentRow {
  payment_id: string;
  order_id: string;
  customer_id: string | null;
  amount_cents: string;
  status: PaymentStatus;
  decline_reason: DeclineReason | null;
  created_at: Date;
  updated_at: Date;
}

export function toPayment(row: PaymentRow): Payment {
  return {
    paymentId: row.payment_id,
    orderId: row.order_id,
    customerId: row.customer_id,
    amountCents: Number(row.amount_cents),
    status: row.status,
    reason: row.decline_reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
