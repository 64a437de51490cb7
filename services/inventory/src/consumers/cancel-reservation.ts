import { HandlerContext } from '../../../../libs/consumer/event-consumer';
import { CancelOutcome, decideCancellation } from '../domain/cancel-reservation';
import { StockLine } from '../domain/reservation';
import { insertReservation } from '../db/insert-reservation';
import { lockOrder } from '../db/lock-order';
import { lockReservation } from '../db/find-reservation';
import { updateReservationStatus } from '../db/update-reservation-status';
import { applyStockMove } from './apply-stock-move';
import { releaseReservedStock } from './release-stock';

interface OrderCancelledPayload {
  orderId: string;
  reason: string;
  wasConfirmed: boolean;
  cancelledAt: Date;
}

type Context = HandlerContext<OrderCancelledPayload>;

/**
 * OrderCancelled: releases reserved units or restocks sold ones. A cancel that overtook
 * OrderPlaced leaves a reservation with no lines behind, so the late OrderPlaced is a no-op.
 */
export async function cancelReservation(ctx: Context): Promise<CancelOutcome> {
  const { orderId } = ctx.event.payload;
  await lockOrder(ctx.client, orderId);
  const decision = decideCancellation(await lockReservation(ctx.client, orderId));

  if (decision.outcome === 'released') await releaseReservedStock(ctx, orderId, decision.lines);
  if (decision.outcome === 'restocked') await restockSoldStock(ctx, orderId, decision.lines);
  if (decision.outcome === 'cancelled_before_reservation') await recordEarlyCancel(ctx, orderId);
  return decision.outcome;
}

/** Sold units of a cancelled order become available again and the reservation is RESTOCKED. */
async function restockSoldStock(ctx: Context, orderId: string, lines: StockLine[]) {
  await applyStockMove(ctx.client, 'restock', lines);
  await updateReservationStatus(ctx.client, orderId, 'RESTOCKED');
  await ctx.emit('StockRestocked', { orderId, lines });
  ctx.log.info({ orderId }, 'stock restocked');
}

async function recordEarlyCancel(ctx: Context, orderId: string) {
  await insertReservation(ctx.client, { orderId, customerId: null,
    status: 'CANCELLED_BEFORE_RESERVATION', amountCents: null });
  ctx.log.info({ orderId }, 'order cancelled before its reservation');
}
