import { Request, Response } from 'express';
import { Pool } from 'pg';
import { HttpProblemError } from '../../../../libs/http/error-handler';
import { Order } from '../domain/order';
import { findOrder } from '../db/find-order';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** GET /orders/:orderId in the shape of the HTTP contract. */
export function getOrderRoute(pool: Pool) {
  return async (req: Request, res: Response) => {
    const orderId = String(req.params.orderId);
    const order = UUID.test(orderId) ? await findOrder(pool, orderId) : null;
    if (!order) {
      throw new HttpProblemError(404, 'order-not-found', 'Order not found',
        `no order with id ${JSON.stringify(orderId)}`);
    }
    res.json(orderView(order));
  };
}

export function orderView(order: Order) {
  return {
    orderId: order.orderId,
    customerId: order.customerId,
    status: order.status,
    statusReason: order.statusReason,
    lines: order.lines,
    totalCents: order.totalCents,
    createdAt: order.createdAt.toISOString(),
    updatedAt: order.updatedAt.toISOString(),
  };
}
