import { Request, Response } from 'express';
import { Pool } from 'pg';
import { validateInput } from '../../../../libs/http/validate-input';
import { findPaymentOfOrder, PaymentWithRefund } from '../db/find-payment-of-order';
import { paymentsQuerySchema } from './request-schemas';

/** GET /payments?orderId=: the order's payments as an array (an order has at most one). */
export function listPaymentsRoute(pool: Pool) {
  return async (req: Request, res: Response) => {
    const { orderId } = validateInput(paymentsQuerySchema, { orderId: req.query.orderId });

    const found = await findPaymentOfOrder(pool, orderId);
    res.json(found ? [paymentView(found)] : []);
  };
}

function paymentView({ payment, refundedCents }: PaymentWithRefund) {
  return {
    paymentId: payment.paymentId,
    orderId: payment.orderId,
    customerId: payment.customerId,
    amountCents: payment.amountCents,
    status: payment.status,
    reason: payment.reason,
    refundedCents,
  };
}
