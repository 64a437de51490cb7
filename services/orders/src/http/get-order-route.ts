import { Request, Response } from 'express';
import { Pool } from 'pg';
import { Order } from '../domain/order';
import { findOrder } from '../db/find-order';
import { orderNotFound } from './cancel-order-route';
import { isOrderId } from './order-id';

/** GET /orders/:orderId in the shape of the HTTP contract. */
export function getOrderRoute(pool: Pool) {
  return async (req: Request, res: Response) => {
    const orderId = String(req.params.orderId);
    const order = isOrderId(orderId) ? await findOrder(pool, orderId) : null;
    if (!order) throw orderNotFound(orderId);
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
