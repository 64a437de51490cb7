import { Request, Response } from 'express';
import { Pool } from 'pg';
import { z } from 'zod';
import { validateInput } from '../../../../libs/http/validate-input';
import { findOverdueOrders } from '../db/find-overdue-orders';

const overdueQuery = z.strictObject({
  /** Overdue as of this time; now by default. A later time shows what will be overdue then. */
  at: z.string().refine((value) => !Number.isNaN(Date.parse(value)),
    { message: 'must be an ISO 8601 time' }).optional(),
  limit: z.coerce.number().int({ message: 'must be an integer from 1 to 1000' })
    .min(1, { message: 'must be an integer from 1 to 1000' })
    .max(1000, { message: 'must be an integer from 1 to 1000' }).default(100),
});

/** GET /ops/orders/overdue: orders not settled by their deadline (behind the ops token). */
export function listOverdueOrdersRoute(pool: Pool) {
  return async (req: Request, res: Response) => {
    const query = validateInput(overdueQuery, req.query);
    const at = query.at ? new Date(query.at) : new Date();

    const orders = await findOverdueOrders(pool, at, query.limit);
    res.json({ at: at.toISOString(), orders: orders.map((order) => ({ ...order,
      createdAt: order.createdAt.toISOString(), deadlineAt: order.deadlineAt.toISOString(),
      overdueMs: at.getTime() - order.deadlineAt.getTime() })) });
  };
}
