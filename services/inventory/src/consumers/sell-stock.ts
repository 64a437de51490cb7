import { HandlerContext } from '../../../../libs/consumer/event-consumer';
import { decideSale, SellOutcome } from '../domain/sell-stock';
import { lockOrder } from '../db/lock-order';
import { lockReservation } from '../db/find-reservation';
import { updateReservationStatus } from '../db/update-reservation-status';
import { applyStockMove } from './apply-stock-move';

interface OrderConfirmedPayload {
  orderId: string;
  totalCents: number;
  confirmedAt: Date;
}

/** OrderConfirmed: the order's reserved units become sold ones. */
export async function sellStock(ctx: HandlerContext<OrderConfirmedPayload>): Promise<SellOutcome> {
  const { orderId } = ctx.event.payload;
  await lockOrder(ctx.client, orderId);
  const decision = decideSale(await lockReservation(ctx.client, orderId));

  if (decision.outcome === 'sold') {
    await applyStockMove(ctx.client, 'sell', decision.lines);
    await updateReservationStatus(ctx.client, orderId, 'SOLD');
    await ctx.emit('StockSold', { orderId });
    ctx.log.info({ orderId }, 'stock sold');
  }
  return decision.outcome;
}
