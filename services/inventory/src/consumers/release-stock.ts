import { HandlerContext } from '../../../../libs/consumer/event-consumer';
import { decideRelease, ReleaseOutcome } from '../domain/release-stock';
import { StockLine } from '../domain/reservation';
import { lockOrder } from '../db/lock-order';
import { lockReservation } from '../db/find-reservation';
import { updateReservationStatus } from '../db/update-reservation-status';
import { applyStockMove } from './apply-stock-move';

interface PaymentDeclinedPayload {
  orderId: string;
  reason: string;
}

/**
 * PaymentDeclined: gives the order's reserved units back. Whichever of PaymentDeclined and
 * OrderCancelled comes first releases; the other finds the reservation RELEASED.
 */
export async function releaseStockOfDeclinedPayment(
  ctx: HandlerContext<PaymentDeclinedPayload>,
): Promise<ReleaseOutcome> {
  const { orderId } = ctx.event.payload;
  await lockOrder(ctx.client, orderId);
  const decision = decideRelease(await lockReservation(ctx.client, orderId));

  if (decision.outcome === 'released') await releaseReservedStock(ctx, orderId, decision.lines);
  return decision.outcome;
}

/** Reserved units become available again and the reservation is RELEASED. */
export async function releaseReservedStock(
  ctx: HandlerContext<unknown>,
  orderId: string,
  lines: StockLine[],
): Promise<void> {
  await applyStockMove(ctx.client, 'release', lines);
  await updateReservationStatus(ctx.client, orderId, 'RELEASED');
  await ctx.emit('StockReleased', { orderId, lines });
  ctx.log.info({ orderId }, 'stock released');
}
